/* Refuse a chosen file over the portal's limits at once, before the form is sent
   (data-max-bytes, data-max-files and their messages on each file input, from
   forms.base.file_limits): a large file takes long to send on a phone, only to be
   refused. The server checks the same limits; without this script nothing changes
   but the wait (a form over the whole request's limit comes back with a message
   too, portal/oversized.py, up to OVERSIZED_REQUEST_READ_LIMIT). */
(function () {
  "use strict";

  function problem(input) {
    var files = input.files || [];
    var maxFiles = parseInt(input.getAttribute("data-max-files") || "0", 10);
    if (maxFiles && files.length > maxFiles) {
      return input.getAttribute("data-too-many");
    }
    var maxBytes = parseInt(input.getAttribute("data-max-bytes"), 10);
    for (var i = 0; i < files.length; i += 1) {
      if (files[i].size > maxBytes) {
        return input.getAttribute("data-too-large").replace("{name}", files[i].name);
      }
    }
    return "";
  }

  function show(input, message) {
    var id = input.id + "-limit";
    var note = document.getElementById(id);
    var field = input.closest(".field");
    if (!message) {
      if (note) {
        note.parentNode.removeChild(note);
        input.removeAttribute("aria-invalid");
        input.setAttribute("aria-describedby", input.getAttribute("data-described-by") || "");
        if (!input.getAttribute("aria-describedby")) { input.removeAttribute("aria-describedby"); }
        if (field && !field.querySelector(".error")) { field.classList.remove("has-error"); }
      }
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "error";
      note.id = id;
      note.setAttribute("role", "alert");
      input.parentNode.insertBefore(note, input.nextSibling);
      input.setAttribute("data-described-by", input.getAttribute("aria-describedby") || "");
    }
    note.textContent = message;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", id);
    if (field) { field.classList.add("has-error"); }
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-max-bytes]")) {
      show(input, problem(input));
    }
  });

  document.addEventListener("submit", function (event) {
    var inputs = event.target.querySelectorAll("input[type=file][data-max-bytes]");
    for (var i = 0; i < inputs.length; i += 1) {
      var message = problem(inputs[i]);
      show(inputs[i], message);
      if (message) {
        event.preventDefault();
        inputs[i].focus();
        return;
      }
    }
  });
}());
