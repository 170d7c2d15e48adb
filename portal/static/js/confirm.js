/* Steps that cannot be undone ask once (portal/confirm.py). A form, or the button
 * that submits it, carries data-confirm-sentence / -yes / -no: instead of posting at
 * once, the page shows the sentence in a dialog; "Ya" posts the form with
 * confirmed=1, "Batal" leaves everything as it was. Without this script the server
 * answers the same question on a page of its own, so nothing depends on it.
 */
(function () {
  "use strict";

  var dialog, sentence, yes, no, pending;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-sentence");
    sentence = document.createElement("p");
    sentence.id = "confirm-dialog-sentence";
    sentence.className = "confirm-sentence";
    yes = document.createElement("button");
    yes.type = "button";
    yes.className = "confirm-yes btn btn-danger primary";
    no = document.createElement("button");
    no.type = "button";
    no.className = "confirm-no btn btn-outline-secondary";
    var row = document.createElement("div");
    row.className = "confirm-buttons";
    row.appendChild(yes);
    row.appendChild(no);
    dialog.appendChild(sentence);
    dialog.appendChild(row);
    document.body.appendChild(dialog);
    no.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { pending = null; });
    yes.addEventListener("click", function () {
      var job = pending;
      dialog.close();
      if (!job) { return; }
      var flag = document.createElement("input");
      flag.type = "hidden";
      flag.name = "confirmed";
      flag.value = "1";
      job.form.appendChild(flag);
      if (job.submitter && job.form.requestSubmit) {
        job.form.requestSubmit(job.submitter);
      } else {
        if (job.submitter && job.submitter.name) {
          var pressed = document.createElement("input");
          pressed.type = "hidden";
          pressed.name = job.submitter.name;
          pressed.value = job.submitter.value;
          job.form.appendChild(pressed);
        }
        job.form.submit();
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter || null;
    var asking = submitter && submitter.hasAttribute("data-confirm-sentence") ? submitter
      : form.hasAttribute("data-confirm-sentence") ? form : null;
    if (!asking || typeof HTMLDialogElement === "undefined") { return; }
    if (form.querySelector("input[name='confirmed'][value='1']")) { return; }
    event.preventDefault();
    if (!dialog) { build(); }
    sentence.textContent = asking.getAttribute("data-confirm-sentence");
    yes.textContent = asking.getAttribute("data-confirm-yes");
    no.textContent = asking.getAttribute("data-confirm-no");
    pending = { form: form, submitter: submitter };
    dialog.showModal();
    no.focus();
  }, true);
}());
