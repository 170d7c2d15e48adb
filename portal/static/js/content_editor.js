/* The body's editor on the content form: EasyMDE (vendored) with translated buttons that
   carry words, not icons; a preview rendered by the server exactly as readers will see it
   (Markdown cleaned by nh3); pictures uploaded as the item's attachments. The textarea
   stays in step with the editor, so saving sends the Markdown as before. Without
   JavaScript, or without EasyMDE, the plain textarea is left as it is. Messages (a
   picture that cannot be added yet, an upload refused) stand just above the editor and
   are scrolled into view, so a click on a button never seems to do nothing. */
(function () {
  "use strict";
  var area = document.getElementById("body");
  var holder = document.getElementById("content-editor-config");
  var E = window.EasyMDE;
  if (!area || !holder || typeof E === "undefined") { return; }
  var cfg = JSON.parse(holder.textContent);
  var texts = cfg.texts;
  var note = document.createElement("p");
  note.id = "content-editor-note";
  note.className = "content-editor-note";
  note.setAttribute("role", "status");

  function tell(text, warning) {
    note.textContent = text || "";
    note.className = "content-editor-note" + (text && warning ? " alert alert-warning" : "");
    if (text && note.scrollIntoView) { note.scrollIntoView({ block: "center" }); }
  }
  function warn(text) { tell(text, true); }

  function post(url, fields) {
    var data = new FormData();
    Object.keys(fields).forEach(function (key) { data.append(key, fields[key]); });
    data.append("csrf_token", cfg.csrf_token);
    return fetch(url, { method: "POST", body: data, credentials: "same-origin" });
  }

  // the preview: asked of the server a moment after typing stops, newest answer wins
  var timer = null;
  var asked = 0;
  function renderPreview(text, preview) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var mine = ++asked;
      post(cfg.preview_url, { body: text })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
        .then(function (html) { if (mine === asked) { preview.innerHTML = html; } })
        .catch(function () { if (mine === asked) { preview.textContent = texts.preview_failed; } });
    }, 250);
    if (!preview.hasChildNodes()) { preview.textContent = texts.preview_loading; }
    return null;  // EasyMDE leaves the preview alone; the answer fills it
  }

  var editor = null;
  function insertPicture(answer) {
    var alt = (answer.name || "").replace(/\.[^.]*$/, "").replace(/[\[\]\\]/g, " ").trim();
    var cm = editor.codemirror;
    var before = cm.getCursor().ch > 0 ? "\n\n" : "";
    cm.replaceSelection(before + "![" + alt + "](" + answer.url + ")\n\n");
    cm.focus();
    tell(texts.status_uploaded.replace("#image_name#", answer.name || ""));
  }

  function upload(file, onSuccess, onError) {
    if (file.size > cfg.max_bytes) { onError(texts.too_large); return; }
    tell(texts.status_drop.replace("#images_names#", file.name));
    post(cfg.upload_url, { image: file })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (answer) {
          if (r.ok && answer.url) { insertPicture(answer); } else { onError(answer.error || texts.upload_failed); }
        });
      })
      .catch(function () { onError(texts.upload_failed); });
  }

  function button(name, action) {
    var words = cfg.buttons[name];
    return { name: name, action: action, text: words[0], title: words[1],
             className: "content-tool content-tool-" + name,
             noDisable: name === "preview" || name === "side-by-side" };
  }
  var picture = cfg.upload_url ? E.drawUploadedImage : function () { warn(texts.save_first); };
  var sideBySide = button("side-by-side", E.toggleSideBySide);
  sideBySide.noMobile = true;
  var toolbar = [
    button("bold", E.toggleBold), button("italic", E.toggleItalic),
    button("heading", E.toggleHeading2), button("subheading", E.toggleHeading3), "|",
    button("unordered-list", E.toggleUnorderedList), button("ordered-list", E.toggleOrderedList),
    button("quote", E.toggleBlockquote), "|",
    button("link", E.drawLink), button("upload-image", picture), button("table", E.drawTable), "|",
    button("preview", E.togglePreview), sideBySide, "|",
    button("undo", E.undo), button("redo", E.redo)
  ];

  editor = new E({
    element: area,
    autoDownloadFontAwesome: false,   // no icon font from another site: the buttons carry words
    spellChecker: false,              // its dictionaries would come from another site
    nativeSpellcheck: true,
    inputStyle: "contenteditable",
    forceSync: true,                  // the textarea holds the Markdown the form sends
    minHeight: "16rem",
    toolbar: toolbar,
    toolbarButtonClassPrefix: "mde",
    status: cfg.upload_url ? ["upload-image"] : false,
    unorderedListStyle: "-",         // as the help under the field writes a list
    promptURLs: true,
    promptTexts: { link: texts.link_prompt },
    insertTexts: { table: texts.table },
    previewRender: renderPreview,
    previewClass: ["editor-preview", "prose"],
    sideBySideFullscreen: false,
    uploadImage: Boolean(cfg.upload_url),
    imageUploadFunction: upload,
    imageAccept: "image/png, image/jpeg, image/gif, image/webp",
    imageMaxSize: cfg.max_bytes,
    imageTexts: { sbInit: texts.status_init, sbOnDragEnter: texts.status_init,
                  sbOnDrop: texts.status_drop, sbProgress: texts.status_drop,
                  sbOnUploaded: texts.status_uploaded },
    errorCallback: warn
  });

  var container = area.parentNode.querySelector(".EasyMDEContainer") || area.nextSibling;
  container.parentNode.insertBefore(note, container);
  // the editing area keeps the field's label and help for screen readers
  var input = editor.codemirror.getInputField();
  var label = document.querySelector('label[for="body"]');
  if (label) { input.setAttribute("aria-label", label.textContent.trim()); }
  if (area.getAttribute("aria-describedby")) {
    input.setAttribute("aria-describedby", area.getAttribute("aria-describedby"));
  }
}());
