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

    """# + IndexTableScript.function + #"""
      var d = document, table = d.getElementById("ex-index"), tools = d.getElementById("ex-tools");
      if (!table || !tools) return;
      tools.hidden = false;
      var group = d.getElementById("ex-group");
      indexTable(table, {
        key: function (r) { return r.textContent.toLowerCase(); },
        card: function (r) { return d.getElementById(r.getAttribute("data-card")); },
        query: d.getElementById("ex-filter"), control: group, shown: d.getElementById("ex-shown"),
        keep: function (r) { return !group.value || r.getAttribute("data-group") === group.value; },
        moveCards: true
      });
    })();
    """#
}
