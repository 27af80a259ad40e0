/// The examples-index behaviour both HTML pages share: a table whose rows filter by a search box and one more
/// control, and sort by a click (or Enter) on a column heading whose `data-sort` is `num` or `text` (a cell's
/// `data-v`, when present, is the value sorted on). A filtered-out row hides its card too; sorting can move the
/// cards into the index's order. Touches the DOM once per user action.
enum IndexTableScript {
  /// `indexTable(table, options)`, a JavaScript function declaration for an enclosing strict-mode script.
  /// Options: `key(row)` the text the search box matches (lower case), `card(row)` the element hidden with the
  /// row (or null), `query` the search box, `control` the other filter control, `keep(row)` whether that control
  /// keeps the row, `shown` where "n of m shown" goes, `moveCards` whether sorting reorders the cards.
  static let function = #"""
      function indexTable(table, o) {
        var d = document, body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var keys = rows.map(o.key), cards = rows.map(o.card);
        function filter() {
          var s = o.query.value.trim().toLowerCase(), n = 0;
          rows.forEach(function (r, i) {
            var show = (!s || keys[i].indexOf(s) >= 0) && o.keep(r);
            r.hidden = !show;
            if (cards[i]) cards[i].hidden = !show;
            if (show) n++;
          });
          o.shown.textContent = n === rows.length ? "" : n + " of " + rows.length + " shown";
        }
        o.query.addEventListener("input", filter);
        o.control.addEventListener("change", filter);
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
              var cell = r.cells[column], v = cell.getAttribute("data-v");
              if (v === null) v = cell.textContent;
              if (type === "num") { v = parseFloat(v); if (isNaN(v)) v = -Infinity; } else v = v.toLowerCase();
              return { index: i, value: v };
            });
            keyed.sort(function (a, b) {
              var c = type === "num" ? a.value - b.value : (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
              if (c !== c) c = 0;
              return (ascending ? c : -c) || a.index - b.index;
            });
            var fragment = d.createDocumentFragment();
            keyed.forEach(function (k) { fragment.appendChild(rows[k.index]); });
            body.appendChild(fragment);
            if (o.moveCards) {
              keyed.forEach(function (k) { var card = cards[k.index]; if (card) card.parentNode.appendChild(card); });
            }
          }
          th.addEventListener("click", sort);
          th.addEventListener("keydown", function (e) {
            if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
          });
        });
      }

    """#
}
