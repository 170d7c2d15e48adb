/* The form builder's "show this question only when …" lists (admin/form_conditions.py).

   For each question row, the first list offers the questions above it that have
   options (yes/no, single or multiple choice), by their label, including rows not
   saved yet; the second offers the chosen question's options as the public form
   shows them ("Ya", "Tidak", the choices). A question is named "row:N" (its row
   fields-N); the server turns that into its key when saving and checks every
   condition again. Without this script the server's own lists are used. */
(function () {
  "use strict";

  var CHOICE_TYPES = { yes_no: true, single_choice: true, multiple_choice: true };

  function input(row, name) {
    return row.box.querySelector("[name='" + row.prefix + name + "']");
  }

  function rowsOf(form) {
    var result = [];
    var selects = form.querySelectorAll("select[data-condition='question']");
    Array.prototype.forEach.call(selects, function (select) {
      var prefix = select.name.replace(/show_when_key$/, "");
      var number = prefix.replace(/-$/, "").split("-").pop();
      if (!/^\d+$/.test(number)) { return; }  // the hidden template of a new row
      var box = select.closest(".inline-field");
      var row = { box: box, prefix: prefix, ref: "row:" + number, question: select,
                  answer: box.querySelector("select[data-condition='answer']") };
      result.push(row);
    });
    return result;
  }

  function removed(row) {
    var active = input(row, "active");
    var gone = row.box.querySelector("input[name='del-" + row.prefix.replace(/-$/, "") + "']");
    return (active && !active.checked) || (gone && gone.checked);
  }

  function optionsOf(row, answer) {
    var type = input(row, "type");
    if (!type || !CHOICE_TYPES[type.value]) { return []; }
    if (type.value === "yes_no") {
      return [["yes", answer.getAttribute("data-yes")], ["no", answer.getAttribute("data-no")]];
    }
    var seen = {};
    var result = [];
    var text = input(row, "choices");
    (text ? text.value : "").split(/\r?\n/).forEach(function (line) {
      var choice = line.trim().slice(0, 200);
      var folded = choice.toLowerCase();
      if (choice && !seen[folded]) { seen[folded] = true; result.push([choice, choice]); }
    });
    return result;
  }

  function fill(select, pairs, value) {
    var wanted = JSON.stringify(pairs);
    if (select.getAttribute("data-filled") !== wanted) {
      while (select.options.length) { select.remove(0); }
      pairs.forEach(function (pair) { select.add(new Option(pair[1], pair[0])); });
      select.setAttribute("data-filled", wanted);
    }
    select.value = value;
  }

  /* the question a row's condition names: "row:N", or a saved key → that row's "row:N" */
  function targetOf(row, rows) {
    var value = row.question.value;
    if (!value || value.indexOf("row:") === 0) { return value; }
    for (var i = 0; i < rows.length; i += 1) {
      var key = input(rows[i], "key");
      if (key && key.value.trim() === value) { return rows[i].ref; }
    }
    return value;
  }

  function update(form) {
    var rows = rowsOf(form);
    rows.forEach(function (row, index) {
      var answer = row.answer;
      var target = targetOf(row, rows);
      var pairs = [["", answer.getAttribute("data-always")]];
      var chosen = null;
      rows.slice(0, index).forEach(function (earlier) {
        var label = input(earlier, "label");
        if (removed(earlier) || !optionsOf(earlier, answer).length) { return; }
        pairs.push([earlier.ref, (label && label.value.trim()) || "…"]);
        if (earlier.ref === target) { chosen = earlier; }
      });
      if (target && !chosen) {  // kept as sent: the server says what is wrong with it
        var current = row.question.options[row.question.selectedIndex];
        pairs.push([target, current ? current.text : target]);
      }
      fill(row.question, pairs, target);

      var value = answer.value;
      var options = [["", answer.getAttribute("data-choose")]];
      if (chosen) { options = options.concat(optionsOf(chosen, answer)); }
      var offered = options.filter(function (pair) {
        return pair[0].toLowerCase() === value.trim().toLowerCase();
      });
      var last = answer.hasAttribute("data-question")
        ? answer.getAttribute("data-question") : target;
      if (offered.length) { value = offered[0][0]; }
      // an answer the question no longer offers stays until another question is chosen
      else if (value && target && last === target) { options.push([value, value]); }
      else { value = ""; }
      fill(answer, options, value);
      answer.setAttribute("data-question", target);
      answer.disabled = !target;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var adder = document.querySelector("[data-inline-field='fields']");
    var form = adder && adder.closest("form");
    if (!form) { return; }
    var pending = false;
    function later() {
      if (pending) { return; }
      pending = true;
      window.setTimeout(function () { pending = false; update(form); }, 0);
    }
    update(form);
    form.addEventListener("change", later);
    form.addEventListener("input", later);
    new MutationObserver(later).observe(form, { childList: true, subtree: true });
  });
}());
