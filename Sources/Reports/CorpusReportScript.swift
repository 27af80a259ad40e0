/// The corpus page's one small inline script: the examples index (`table#ex-index`) sorts by a click (or
/// Enter) on a column heading, and filters by a search box (text, labels, line) and by group; a filtered-out
/// example is hidden both as an index row and as its `article#eN` card, and sorting puts the cards of each
/// group in the index's order. The page is complete and readable without it: the tools (`#ex-tools`) stay
/// hidden, the index lists every example and the cards keep their ranking order.
///
/// It reads only the page (no network, no storage).
enum CorpusReportScript {
  /// The script's source (no `</script>` inside).
  static let source = #"""
    (function () {
      "use strict";
      var d = document, table = d.getElementById("ex-index"), tools = d.getElementById("ex-tools");
      if (!table || !tools) return;
      tools.hidden = false;
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var cards = rows.map(function (r) { return d.getElementById(r.getAttribute("data-card")); });
      var keys = rows.map(function (r) { return r.textContent.toLowerCase(); });
      var query = d.getElementById("ex-filter"), group = d.getElementById("ex-group"), shown = d.getElementById("ex-shown");
      function filter() {
        var s = query.value.trim().toLowerCase(), g = group.value, n = 0;
        rows.forEach(function (r, i) {
          var show = (!s || keys[i].indexOf(s) >= 0) && (!g || r.getAttribute("data-group") === g);
          r.hidden = !show;
          if (cards[i]) cards[i].hidden = !show;
          if (show) n++;
        });
        shown.textContent = n === rows.length ? "" : n + " of " + rows.length + " shown";
      }
      query.addEventListener("input", filter);
      group.addEventListener("change", filter);
      var heads = table.tHead.rows[0].cells;
      Array.prototype.forEach.call(heads, function (th, column) {
        var type = th.getAttribute("data-sort");
        if (!type) return;
        th.tabIndex = 0;
        function sort() {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var keyed = rows.map(function (r, i) {
            var v = r.cells[column].textContent;
            if (type === "num") { v = parseFloat(v); if (isNaN(v)) v = -Infinity; } else v = v.toLowerCase();
            return { index: i, value: v };
          });
          keyed.sort(function (a, b) {
            var c = type === "num" ? a.value - b.value : (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
            if (c !== c) c = 0;
            return (ascending ? c : -c) || a.index - b.index;
          });
          keyed.forEach(function (k) {
            body.appendChild(rows[k.index]);
            var card = cards[k.index];
            if (card) card.parentNode.appendChild(card);
          });
        }
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
        });
      });
    })();
    """#
}
