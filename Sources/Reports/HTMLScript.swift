/// The report's one small inline script. The page is complete without it; with it the index table sorts
/// (click or Enter on a column heading) and filters (a search box and an "only wrong predictions" box; a text
/// the filter leaves out is hidden both as an index row and as its `details#tN` card below), every
/// text can be expanded or collapsed at once, and printing expands every text first.
///
/// Collapsed texts keep their body in a `<noscript>` element, which a browser with scripting parses as raw
/// text: the script turns it into markup when the text is opened (by a click, an index link, "Expand all" or
/// printing). Without scripting the browser parses it as markup right away, so the page reads the same.
///
/// It reads only the page itself (no network, no storage) and touches the DOM once per user action, so it
/// stays quick with 10,000 rows.
public enum HTMLScript {
  /// The script's source (no `</script>` inside).
  public static let source = #"""
    (function () {
      "use strict";
      var d = document;
      function each(list, f) { Array.prototype.forEach.call(list, f); }
      function materialize(x) {
        var n = x.querySelector("noscript");
        if (n && n.parentNode === x) { n.insertAdjacentHTML("afterend", n.textContent); x.removeChild(n); }
      }
      function setOpen(open) {
        each(d.querySelectorAll("details.text"), function (x) { if (open) materialize(x); x.open = open; });
      }
      d.addEventListener("toggle", function (e) {
        if (e.target.open && e.target.matches && e.target.matches("details.text")) materialize(e.target);
      }, true);
      function openTarget() {
        var t = location.hash && d.getElementById(location.hash.slice(1));
        if (t && t.matches && t.matches("details.text")) { materialize(t); t.open = true; }
      }
      window.addEventListener("hashchange", openTarget);
      openTarget();
      window.addEventListener("beforeprint", function () { setOpen(true); });
      var tools = d.getElementById("tools");
      if (!tools) return;
      tools.hidden = false;
      d.getElementById("expand").addEventListener("click", function () { setOpen(true); });
      d.getElementById("collapse").addEventListener("click", function () { setOpen(false); });
      var table = d.getElementById("index");
      if (!table) return;
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var keys = rows.map(function (r) {
        var link = r.querySelector("a[title]");
        return (r.textContent + " " + (link ? link.title : "")).toLowerCase();
      });
      var cards = rows.map(function (r) {
        var link = r.querySelector("a[href^='#t']");
        return link ? d.getElementById(link.getAttribute("href").slice(1)) : null;
      });
      var query = d.getElementById("filter"), wrong = d.getElementById("wrong"), shown = d.getElementById("shown");
      function filter() {
        var s = query.value.trim().toLowerCase(), w = wrong.checked, n = 0;
        rows.forEach(function (r, i) {
          var show = (!s || keys[i].indexOf(s) >= 0) && (!w || r.getAttribute("data-ok") === "0");
          r.hidden = !show;
          if (cards[i]) cards[i].hidden = !show;
          if (show) n++;
        });
        shown.textContent = n === rows.length ? "" : n + " of " + rows.length + " shown";
      }
      query.addEventListener("input", filter);
      wrong.addEventListener("change", filter);
      var heads = table.tHead.rows[0].cells;
      each(heads, function (th, column) {
        var type = th.getAttribute("data-sort");
        if (!type) return;
        th.tabIndex = 0;
        function sort() {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          each(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var keyed = rows.map(function (r, i) {
            var cell = r.cells[column], v = cell.getAttribute("data-v");
            if (v === null) v = cell.textContent;
            if (type === "num") { v = parseFloat(v); if (isNaN(v)) v = -Infinity; } else v = v.toLowerCase();
            return { row: r, index: i, value: v };
          });
          keyed.sort(function (a, b) {
            var c = type === "num" ? a.value - b.value : (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
            if (c !== c) c = 0;
            return (ascending ? c : -c) || a.index - b.index;
          });
          var fragment = d.createDocumentFragment();
          keyed.forEach(function (k) { fragment.appendChild(k.row); });
          body.appendChild(fragment);
        }
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
        });
      });
    })();
    """#
}
