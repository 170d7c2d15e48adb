/* Back office under a strict Content-Security-Policy (no inline scripts).
 *
 * Flask-Admin's templates still carry a few inline onclick handlers and
 * javascript: links, which the browser refuses to run. Before anyone clicks,
 * each known handler is taken off its element and the same behaviour attached
 * here; tests/test_security_headers.py fails if a page grows a handler this
 * file does not know.
 */
(function () {
  "use strict";

  var HANDLERS = [
    // delete a row: "return faHelpers.safeConfirm('Are you sure …');"
    [/^return faHelpers\.safeConfirm\('((?:[^'\\]|\\.)*)'\);?$/, function (el, msg) {
      el.setAttribute("data-confirm", msg.replace(/\\(.)/g, "$1"));
    }],
    // bulk actions: "return modelActions.execute('name');"
    [/^return modelActions\.execute\('([\w-]+)'\);?$/, function (el, name) {
      el.addEventListener("click", function (event) {
        event.preventDefault();
        window.modelActions.execute(name);
      });
    }],
    // inline forms: "faForm.addInlineField(this, 'field');"
    [/^faForm\.addInlineField\(this, '([\w-]+)'\);?$/, function (el, field) {
      el.addEventListener("click", function (event) {
        event.preventDefault();
        window.faForm.addInlineField(el, field);
      });
    }],
    // filter menu entries: "return false;" (bs4_filters.js does the work)
    [/^return false;?$/, function (el) {
      el.addEventListener("click", function (event) { event.preventDefault(); });
    }]
  ];

  function rewrite(root) {
    root.querySelectorAll("[onclick]").forEach(function (el) {
      var code = el.getAttribute("onclick").trim();
      for (var i = 0; i < HANDLERS.length; i++) {
        var match = HANDLERS[i][0].exec(code);
        if (match) {
          el.removeAttribute("onclick");
          HANDLERS[i][1](el, match[1]);
          return;
        }
      }
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : event.target.parentElement;
    if (!target) { return; }
    var confirmEl = target.closest("[data-confirm]");
    if (confirmEl && !window.confirm(confirmEl.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    var printEl = target.closest("[data-print]");
    if (printEl) {
      event.preventDefault();
      window.print();
      return;
    }
    // javascript:void(0) links do nothing by themselves; the browser would
    // refuse (and report) running them
    var link = target.closest("a[href^='javascript:']");
    if (link) { event.preventDefault(); }
  }, true);

  rewrite(document);
  // modals (details/edit in a popup) arrive later
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) {
          if (node.hasAttribute("onclick")) { rewrite(node.parentNode || node); }
          else { rewrite(node); }
        }
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
}());
