/* Caveat corpus browser: layer toggles, relation highlighting on hover, sortable tables. No network, no eval. */
"use strict";
(function () {
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function readData() {
    var el = document.getElementById("caveat-data");
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function setupToggles() {
    each(document.querySelectorAll("input[data-layer]"), function (box) {
      var apply = function () { document.body.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked); };
      box.addEventListener("change", apply);
      apply();
    });
  }

  function describe(info, data, focus, related) {
    if (!info) { return; }
    while (info.firstChild) { info.removeChild(info.firstChild); }
    var add = function (key, role) {
      var s = data.spans[key];
      if (!s) { return; }
      var p = document.createElement("p");
      p.className = "item";
      var r = document.createElement("span");
      r.className = "role";
      r.textContent = role;
      p.appendChild(r);
      var attrs = Object.keys(s.attributes || {}).map(function (k) { return k + "=" + s.attributes[k]; }).join(", ");
      var head = document.createElement("strong");
      head.textContent = s.layer + " " + s.label + (attrs ? " (" + attrs + ")" : "") + (s.id ? " #" + s.id : "");
      p.appendChild(head);
      var body = document.createElement("bdi");
      body.textContent = " “" + s.text + "”";
      p.appendChild(body);
      info.appendChild(p);
    };
    focus.forEach(function (k) { add(k, "span"); });
    related.forEach(function (k) { add(k, "related"); });
  }

  function setupHover(data) {
    var info = document.getElementById("info");
    var boxes = {};
    each(document.querySelectorAll(".text"), function (box) {
      var index = {};
      each(box.querySelectorAll(".seg[data-k]"), function (seg) {
        seg.getAttribute("data-k").split(" ").forEach(function (k) { (index[k] = index[k] || []).push(seg); });
      });
      var lit = [];
      var clear = function () {
        lit.forEach(function (el) { el.classList.remove("lit", "lit-focus", "lit-related"); });
        lit = [];
        box.removeAttribute("data-focus");
      };
      var light = function (keys, cls) {
        keys.forEach(function (k) {
          (index[k] || []).forEach(function (el) { el.classList.add("lit", cls); lit.push(el); });
        });
      };
      var show = function (keys) {
        var linked = keys.filter(function (k) { return (data.links[k] || []).length > 0; });
        var focus = linked.length ? linked : keys;
        var related = [];
        focus.forEach(function (k) {
          (data.links[k] || []).forEach(function (r) {
            if (focus.indexOf(r) < 0 && related.indexOf(r) < 0) { related.push(r); }
          });
        });
        light(related, "lit-related");
        light(focus, "lit-focus");
        box.setAttribute("data-focus", focus.join(" "));
        describe(info, data, focus, related);
        return index[focus[0]] || [];
      };
      box.addEventListener("mouseover", function (ev) {
        var seg = ev.target.closest ? ev.target.closest(".seg[data-k]") : null;
        clear();
        if (!seg || !box.contains(seg)) { return; }
        show(seg.getAttribute("data-k").split(" "));
      });
      box.addEventListener("mouseleave", clear);
      boxes[box.id] = {show: show, clear: clear};
    });
    // a row of the span tables lights its span in the gold text (keyboard: focus the row; click scrolls to it)
    var gold = boxes["text-gold"];
    if (!gold) { return; }
    each(document.querySelectorAll("tr[data-k]"), function (row) {
      var key = row.getAttribute("data-k");
      row.tabIndex = 0;
      var on = function () { gold.clear(); gold.show([key]); };
      row.addEventListener("mouseenter", on);
      row.addEventListener("focus", on);
      row.addEventListener("mouseleave", gold.clear);
      row.addEventListener("blur", gold.clear);
      row.addEventListener("click", function () {
        var segs = gold.show([key]);
        if (segs.length && segs[0].scrollIntoView) { segs[0].scrollIntoView({block: "center"}); }
      });
    });
  }

  function cellValue(row, col) {
    var cell = row.cells[col];
    if (!cell) { return ""; }
    var v = cell.getAttribute("data-sort");
    return v !== null ? v : cell.textContent.trim();
  }

  function sortBy(table, th, col) {
    var asc = th.getAttribute("aria-sort") !== "ascending";
    each(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var blank = function (v) { return v === "" || v === "–"; };
    var numeric = rows.every(function (r) { var v = cellValue(r, col); return blank(v) || !isNaN(Number(v)); });
    rows.sort(function (a, b) {
      var x = cellValue(a, col), y = cellValue(b, col);
      var d = numeric ? (blank(x) ? -Infinity : Number(x)) - (blank(y) ? -Infinity : Number(y)) : x.localeCompare(y);
      if (isNaN(d)) { d = 0; }
      return asc ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function setupSorting() {
    each(document.querySelectorAll("table.sortable"), function (table) {
      if (!table.tHead || !table.tBodies.length) { return; }
      each(table.tHead.rows[0].cells, function (th, col) {
        th.tabIndex = 0;
        th.addEventListener("click", function () { sortBy(table, th, col); });
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th, col); }
        });
      });
    });
  }

  function start() {
    setupToggles();
    setupSorting();
    var data = readData();
    if (data) { setupHover(data); }
    document.documentElement.setAttribute("data-ready", "1");
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
