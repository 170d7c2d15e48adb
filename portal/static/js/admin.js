/* Back office under a strict Content-Security-Policy (no inline scripts, no inline
 * handlers). The Flask-Admin templates overridden in admin/templates/admin/ carry
 * data- attributes instead of onclick="…"; this file gives them their behaviour.
 *
 *   (steps that cannot be undone ask through js/confirm.js and portal/confirm.py)
 *   data-action="name"        run a bulk action on the ticked rows
 *   data-inline-field="id"    add one more inline form
 *   data-print                print the page
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target.nodeType === 1 ? event.target : event.target.parentElement;
    if (!target || !target.closest) { return; }

    var action = target.closest("[data-action]");
    if (action && window.modelActions) {
      event.preventDefault();
      window.modelActions.execute(action.getAttribute("data-action"));
      return;
    }
    var inline = target.closest("[data-inline-field]");
    if (inline && window.faForm) {
      event.preventDefault();
      window.faForm.addInlineField(inline, inline.getAttribute("data-inline-field"));
      return;
    }
    if (target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
      return;
    }
    // javascript:void(0) links do nothing themselves; the browser would refuse them
    if (target.closest("a[href^='javascript:']")) { event.preventDefault(); }
  }, true);
}());
