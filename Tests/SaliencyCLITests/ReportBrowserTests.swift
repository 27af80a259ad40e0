import Foundation
import Testing

/// The pages' scripts run in a real browser: headless Chromium loads a generated page with a probe script
/// appended, which drives the filter (or a sort) and records what is displayed on `<body>` attributes, read
/// back from `--dump-dom`. Opt-in: runs only where `chromium` is installed (`apt-get install chromium`).
@Suite("report scripts in headless Chromium", .enabled(if: HeadlessBrowser.path != nil, "needs chromium installed"))
struct ReportBrowserTests {
  static var browser: String? { HeadlessBrowser.path }

  /// The page's DOM after `probe` (JavaScript run after the page's own script), as Chromium dumps it.
  static func dom(of page: URL, probe: String) throws -> String {
    let html = try String(contentsOf: page, encoding: .utf8)
    let probed = page.deletingLastPathComponent().appendingPathComponent("probed.html")
    try html.replacingOccurrences(of: "</body>", with: "<script>\n" + probe + "\n</script>\n</body>")
      .write(to: probed, atomically: true, encoding: .utf8)
    let outcome = try CommandRunner.run(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", probed.absoluteString],
                                        executable: URL(fileURLWithPath: try #require(browser)))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    return outcome.stdout
  }

  /// The value of a `<body>` attribute in a dumped DOM.
  static func bodyAttribute(_ name: String, in dom: String) -> String? {
    guard let body = dom.firstMatch(of: /<body[^>]*>/) else { return nil }
    let tag = String(body.0)
    guard let range = tag.range(of: name + "=\"") else { return nil }
    return String(tag[range.upperBound...].prefix { $0 != "\"" })
  }

  /// JavaScript: the ids of the displayed elements matching a selector, space-separated.
  static func displayed(_ selector: String) -> String {
    "Array.prototype.filter.call(document.querySelectorAll(\"\(selector)\"), function (x) { "
      + "return getComputedStyle(x).display !== \"none\"; }).map(function (x) { return x.id || \"row\"; }).join(\" \")"
  }

  @Test("report: filtering the index hides the filtered texts' cards as well as their rows")
  func reportFilter() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let input = folder.appendingPathComponent("in.tsv"), page = folder.appendingPathComponent("r.html")
    try "label\ttext\nnegative\tthe flight was late and the staff were rude\npositive\tgreat crew, lovely flight\nnegative\tlost my bag again\n"
      .write(to: input, atomically: true, encoding: .utf8)
    let outcome = try CommandRunner.run(["report", input.path, "-o", page.path, "--model", "default-en", "--method", "occlusion"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let before = try Self.dom(of: page, probe: "document.body.setAttribute(\"data-cards\", \(Self.displayed("details.text")));")
    #expect(Self.bodyAttribute("data-cards", in: before) == "t1 t2 t3")
    let after = try Self.dom(of: page, probe: """
      var q = document.getElementById("filter"); q.value = "lovely"; q.dispatchEvent(new Event("input"));
      document.body.setAttribute("data-cards", \(Self.displayed("details.text")));
      document.body.setAttribute("data-rows", \(Self.displayed("#index tbody tr")));
      document.body.setAttribute("data-shown", document.getElementById("shown").textContent);
      """)
    #expect(Self.bodyAttribute("data-cards", in: after) == "t2")
    #expect(Self.bodyAttribute("data-rows", in: after) == "row")
    #expect(Self.bodyAttribute("data-shown", in: after) == "1 of 3 shown")
  }

  @Test("analyze: the examples index filters (hiding cards) and sorts (moving cards)")
  func analyzeIndex() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let out = folder.appendingPathComponent("analysis")
    let corpus = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews/test.tsv").path
    let outcome = try CommandRunner.run(["analyze", corpus, "--model", try TrainedSampleModel.path(), "--method", "occlusion",
                                         "--examples", "3", "--out", out.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let page = out.appendingPathComponent("index.html")
    let all = try Self.dom(of: page, probe: "document.body.setAttribute(\"data-cards\", \(Self.displayed("article.example")));")
    let cards = (Self.bodyAttribute("data-cards", in: all) ?? "").split(separator: " ").map(String.init)
    #expect(cards.count == 6, "3 confident errors and 3 unsure correct answers")
    let grouped = try Self.dom(of: page, probe: """
      var g = document.getElementById("ex-group"); g.value = "1"; g.dispatchEvent(new Event("change"));
      document.body.setAttribute("data-cards", \(Self.displayed("article.example")));
      """)
    #expect(Self.bodyAttribute("data-cards", in: grouped) == cards.filter { $0.hasPrefix("e1-") }.joined(separator: " "))
    // Sorting by line ascending puts each group's cards in line order.
    let sorted = try Self.dom(of: page, probe: """
      function lines() {
        return Array.prototype.map.call(document.querySelectorAll("#examples .examples"), function (group) {
          return Array.prototype.map.call(group.querySelectorAll("article.example"), function (a) {
            return a.querySelector(".head").textContent.match(/line (\\d+)/)[1]; }).join(",");
        }).join(";");
      }
      var line = document.querySelectorAll("#ex-index th")[1];
      line.click();
      document.body.setAttribute("data-up", lines());
      line.click();
      document.body.setAttribute("data-down", lines());
      """)
    for (name, ascending) in [("data-up", true), ("data-down", false)] {
      let groups = (Self.bodyAttribute(name, in: sorted) ?? "").split(separator: ";")
      #expect(groups.count == 2)
      for group in groups {
        let lines = group.split(separator: ",").compactMap { Int($0) }
        #expect(lines.count == 3 && lines == (ascending ? lines.sorted() : lines.sorted(by: >)), "\(name): \(group)")
      }
    }
  }
}

/// Where Chromium is installed, if it is.
enum HeadlessBrowser {
  static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
}
