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

    """# + IndexTableScript.function + #"""
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
      var wrong = d.getElementById("wrong");
      indexTable(table, {
        key: function (r) {
          var link = r.querySelector("a[title]");
          return (r.textContent + " " + (link ? link.title : "")).toLowerCase();
        },
        card: function (r) {
          var link = r.querySelector("a[href^='#t']");
          return link ? d.getElementById(link.getAttribute("href").slice(1)) : null;
        },
        query: d.getElementById("filter"), control: wrong, shown: d.getElementById("shown"),
        keep: function (r) { return !wrong.checked || r.getAttribute("data-ok") === "0"; },
        moveCards: false
      });
    })();
    """#
}
