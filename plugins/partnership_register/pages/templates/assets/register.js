/* Partnership Register: sort and filter tables. Progressive enhancement only: every table is
   complete in the HTML, and without this script nothing is hidden or lost. */
(function () {
  "use strict";

  var ORDER = { high: 0, medium: 1, low: 2, red: 0, amber: 1, green: 2 };

  function headerText(th) {
    return (th.getAttribute("data-pr-label") || th.textContent).replace(/\s+/g, " ").trim();
  }

  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.replace(/\s+/g, " ").trim();
  }

  function filterValue(cell) {
    if (!cell) { return ""; }
    return cell.hasAttribute("data-filter") ? cell.getAttribute("data-filter") : cell.textContent.replace(/\s+/g, " ").trim();
  }

  function comparer(type) {
    if (type === "number" || type === "severity" || type === "health") {
      return function (a, b) {
        var x = a === "" ? Infinity : (a in ORDER ? ORDER[a] : parseFloat(a));
        var y = b === "" ? Infinity : (b in ORDER ? ORDER[b] : parseFloat(b));
        return x === y ? 0 : (x < y ? -1 : 1);
      };
    }
    if (type === "date") {
      return function (a, b) {
        if (a === b) { return 0; }
        if (a === "") { return 1; }
        if (b === "") { return -1; }
        return a < b ? -1 : 1;
      };
    }
    return function (a, b) { return a.localeCompare(b, "en-GB", { numeric: true, sensitivity: "base" }); };
  }

  function sortBy(table, index, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) {
      headers[i].removeAttribute("aria-sort");
      var icon = headers[i].querySelector(".pr-sort__icon");
      if (icon) { icon.textContent = "↕"; }
    }
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    th.querySelector(".pr-sort__icon").textContent = ascending ? "↑" : "↓";
    var compare = comparer(th.getAttribute("data-pr-type") || "text");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, n) {
      return { row: row, key: cellKey(row, index), n: n };
    });
    rows.sort(function (a, b) {
      var c = compare(a.key, b.key);
      if (c === 0) { return a.n - b.n; }
      return ascending ? c : -c;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
  }

  function makeSortable(table) {
    if (table.getAttribute("data-pr-ready") || !table.tHead || !table.tBodies.length) { return; }
    table.setAttribute("data-pr-ready", "sort");
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      if (th.tagName !== "TH") { return; }
      th.setAttribute("data-pr-label", headerText(th));
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pr-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      var icon = document.createElement("span");
      icon.className = "pr-sort__icon";
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = "↕";
      button.appendChild(icon);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, th); });
    });
  }

  function setupFilter(tools) {
    if (tools.getAttribute("data-pr-ready")) { return; }
    var table = document.getElementById(tools.getAttribute("data-pr-tools-for"));
    if (!table || !table.tBodies.length) { return; }
    tools.setAttribute("data-pr-ready", "filter");
    var id = table.id;
    var noun = tools.getAttribute("data-pr-noun") || "rows";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    var box = document.createElement("div");
    var label = document.createElement("label");
    label.htmlFor = id + "-filter";
    label.textContent = "Filter " + noun;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id + "-filter";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", id);
    box.appendChild(label);
    box.appendChild(input);
    tools.appendChild(box);

    var selects = [];
    (tools.getAttribute("data-pr-selects") || "").split(",").forEach(function (name) {
      name = name.trim();
      if (!name) { return; }
      var index = -1;
      headers.forEach(function (th, i) { if (headerText(th) === name) { index = i; } });
      if (index < 0) { return; }
      var values = [];
      rows.forEach(function (row) {
        var v = filterValue(row.cells[index]);
        if (v && values.indexOf(v) < 0) { values.push(v); }
      });
      if (values.length < 2) { return; }
      values.sort(function (a, b) {
        var x = a.toLowerCase(), y = b.toLowerCase();
        if (x in ORDER && y in ORDER) { return ORDER[x] - ORDER[y]; }
        return a.localeCompare(b, "en-GB");
      });
      var wrap = document.createElement("div");
      var l = document.createElement("label");
      l.htmlFor = id + "-select-" + index;
      l.textContent = name.replace(/\?$/, "");
      var select = document.createElement("select");
      select.id = id + "-select-" + index;
      select.setAttribute("aria-controls", id);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "All";
      select.appendChild(all);
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = v;
        select.appendChild(o);
      });
      wrap.appendChild(l);
      wrap.appendChild(select);
      tools.appendChild(wrap);
      selects.push({ index: index, select: select });
    });

    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.id = id + "-status";
    tools.appendChild(status);

    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        selects.forEach(function (s) {
          if (ok && s.select.value && filterValue(row.cells[s.index]) !== s.select.value) { ok = false; }
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      status.textContent = shown === rows.length
        ? "Showing all " + rows.length + " " + noun
        : "Showing " + shown + " of " + rows.length + " " + noun;
    }
    input.addEventListener("input", apply);
    selects.forEach(function (s) { s.select.addEventListener("change", apply); });
    apply();
  }

  /* A link to something inside a closed fold (the field reference) opens the fold. */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    target.scrollIntoView();
  }

  // A table that scrolls sideways in its wrapper can be scrolled from the keyboard too (WCAG 2.1.1):
  // the wrapper takes focus, named by the table's caption, only while it does scroll.
  function focusableScrollers() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".pr-table-tools[data-pr-tools-for]"), setupFilter);
    Array.prototype.forEach.call(document.querySelectorAll("table[data-pr-sortable]"), makeSortable);
    openTarget();
    window.setTimeout(focusableScrollers, 0);  // after material has wrapped the tables
  }
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("resize", focusableScrollers);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
