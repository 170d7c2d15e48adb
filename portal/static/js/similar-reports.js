/* While a citizen types the title of a new report, offer the open reports of the same
   unit and category whose titles look alike ("Apakah ini masalah yang sama?").
   Without this script the form's "Periksa laporan serupa" button shows the same list;
   neither ever stops the report from being sent. */
(function () {
  "use strict";
  var box = document.getElementById("similar-reports");
  if (!box || !window.fetch) { return; }
  var form = box.closest("form");
  var title = form.querySelector("[name=title]");
  var unit = form.querySelector("[name=unit]");
  var category = form.querySelector("[name=category]");
  var timer = null;
  var asked = "";

  function show(data) {
    box.textContent = "";
    if (!data.reports.length) { return; }
    var heading = document.createElement("h2");
    heading.className = "similar-heading";
    heading.textContent = data.heading;
    box.appendChild(heading);
    var list = document.createElement("ul");
    list.className = "similar-list";
    data.reports.forEach(function (report) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = report.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = report.title;
      var meta = document.createElement("span");
      meta.className = "hint";
      meta.textContent = " " + [report.state, report.unit, report.received, report.shared]
        .filter(Boolean).join(" · ");
      item.appendChild(link);
      item.appendChild(meta);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function ask() {
    if (!category.value || title.value.trim().length < 3) { box.textContent = ""; return; }
    var query = new URLSearchParams({unit: unit ? unit.value : "", category: category.value,
                                     title: title.value});
    if (query.toString() === asked) { return; }
    asked = query.toString();
    fetch(box.getAttribute("data-url") + "?" + asked, {credentials: "same-origin",
                                                       headers: {Accept: "application/json"}})
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) { if (data && asked === query.toString()) { show(data); } })
      .catch(function () { /* the button still works */ });
  }

  function later() { clearTimeout(timer); timer = setTimeout(ask, 500); }
  title.addEventListener("input", later);
  title.addEventListener("change", ask);
  category.addEventListener("change", ask);
  if (unit) { unit.addEventListener("change", ask); }
})();
