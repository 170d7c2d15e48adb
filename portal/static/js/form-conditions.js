/* Show or hide the questions of a low-code form by their conditions
   (data-when-field / data-when-value on each question). The server checks the
   same conditions; without this script every question is shown. */
(function () {
  "use strict";

  function valuesOf(form, name) {
    var values = [];
    var inputs = form.querySelectorAll("[name='" + name.replace(/'/g, "\\'") + "']");
    Array.prototype.forEach.call(inputs, function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { values.push(input.value); }
      } else if (input.type !== "file") {
        values.push(input.value);
      }
    });
    return values;
  }

  function norm(text) { return String(text || "").trim().toLowerCase(); }

  function update(form) {
    var blocks = form.querySelectorAll("[data-field]");
    var shown = {};
    Array.prototype.forEach.call(blocks, function (block) {
      shown[block.getAttribute("data-field")] = !block.hasAttribute("data-when-field");
    });
    // conditions may chain: repeat until nothing changes
    for (var round = 0; round < blocks.length + 1; round += 1) {
      var changed = false;
      Array.prototype.forEach.call(blocks, function (block) {
        var when = block.getAttribute("data-when-field");
        if (!when) { return; }
        var wanted = norm(block.getAttribute("data-when-value"));
        // a question's controller is shown when shown itself, or when it is a plain
        // input of the page (the complaint's category)
        var controllerShown = Object.prototype.hasOwnProperty.call(shown, when)
          ? shown[when] : valuesOf(form, when).length > 0;
        var visible = controllerShown && valuesOf(form, when).some(function (v) {
          return norm(v) === wanted;
        });
        var name = block.getAttribute("data-field");
        if (shown[name] !== visible) { shown[name] = visible; changed = true; }
      });
      if (!changed) { break; }
    }
    Array.prototype.forEach.call(blocks, function (block) {
      block.hidden = !shown[block.getAttribute("data-field")];
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form");
    Array.prototype.forEach.call(forms, function (form) {
      if (!form.querySelector("[data-when-field]")) { return; }
      form.addEventListener("change", function () { update(form); });
      form.addEventListener("input", function () { update(form); });
      update(form);
    });
  });
}());
