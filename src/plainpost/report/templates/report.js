// Sort and filter the findings table. No network, no libraries.
(function () {
  "use strict";
  var table = document.getElementById("findings");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById("filter-text");
  var selects = ["severity", "category", "post"].map(function (name) {
    return { name: name, el: document.getElementById("filter-" + name) };
  });
  var shown = document.getElementById("shown-count");

  function apply() {
    var q = text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var ok = !q || row.textContent.toLowerCase().indexOf(q) !== -1;
      selects.forEach(function (s) {
        if (ok && s.el.value && row.getAttribute("data-" + s.name) !== s.el.value) { ok = false; }
      });
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = String(count);
  }

  function sortBy(th) {
    var col = th.cellIndex;
    var numeric = th.getAttribute("data-type") === "number";
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", dir);
    function key(row) {
      var cell = row.cells[col];
      var value = cell.getAttribute("data-sort");
      if (value === null) { value = cell.textContent.trim(); }
      return numeric ? parseFloat(value) : value.toLowerCase();
    }
    var sign = dir === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x < y) { return -sign; }
      if (x > y) { return sign; }
      return (parseFloat(a.getAttribute("data-n")) - parseFloat(b.getAttribute("data-n")));
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  text.addEventListener("input", apply);
  selects.forEach(function (s) { s.el.addEventListener("change", apply); });
  Array.prototype.forEach.call(table.querySelectorAll("th button"), function (button) {
    button.addEventListener("click", function () { sortBy(button.parentNode); });
  });
  document.getElementById("filters").hidden = false;
  apply();
})();
