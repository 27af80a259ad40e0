import Foundation
import Testing

@Suite("saliency report and explain --format html")
struct ReportCommandTests {
  /// Every tag (`<…>`) of a page outside its script and style elements' contents.
  static func tags(of html: String) -> [Substring] {
    var result: [Substring] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
      let tag = rest[open...close]
      result.append(tag)
      rest = rest[rest.index(after: close)...]
      for name in ["script", "style"] where tag.hasPrefix("<" + name) {
        if let end = rest.range(of: "</" + name + ">") { rest = rest[end.lowerBound...] }
      }
    }
    return result
  }

  static func embeddedJSON(_ html: String) throws -> [[String: Any]] {
    let start = try #require(html.range(of: "<script type=\"application/json\" id=\"saliency-data\">"))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let data = Data(html[start.upperBound..<end.lowerBound].utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
  }

  @Test("a report on 20 labelled sample texts is one self-contained file with the contract JSON embedded")
  func reportOnSamples() throws {
    let model = try TrainedSampleModel.path()
    let folder = try CommandRunner.temporaryDirectory()
    let output = folder.appendingPathComponent("report.html")
    let samples = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews/test.tsv").path
    let outcome = try CommandRunner.run(["report", samples, "--limit", "20", "--model", model, "-o", output.path,
                                         "--method", "trajectory,occlusion,prefix-prediction"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    let html = try String(contentsOf: output, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    for tag in Self.tags(of: html) {
      #expect(!tag.contains("http") && !tag.contains("src=") && !tag.contains("//"), "external reference in \(tag)")
    }
    #expect(!html.contains("url("))
    #expect(!html.contains("@import"))
    let objects = try Self.embeddedJSON(html)
    #expect(objects.count == 20)
    #expect(objects.allSatisfy { ($0["explanations"] as? [Any])?.count == 3 && $0["text"] is String })
    #expect(html.components(separatedBy: "<details class=\"text\"").count - 1 == 20)
    #expect(html.components(separatedBy: "<tr data-ok=").count - 1 == 20)
    #expect(html.contains("<svg class=\"chart\""))
    #expect(html.contains("τ-b reference"))
    #expect(!html.contains(" UTC"))
  }

  @Test("user text is escaped, the gold column is chosen, --scale report and --timestamp are stated")
  func hostileJSONL() throws {
    let model = try TrainedSampleModel.path()
    let folder = try CommandRunner.temporaryDirectory()
    let input = folder.appendingPathComponent("texts.jsonl")
    try """
      {"review": "<script>alert(1)</script> 很好 \\" onmouseover=\\"x\\" </textarea>", "gold": "positive"}
      {"review": "太差了 http://example.com", "gold": "negative"}

      """.write(to: input, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("r.html")
    let outcome = try CommandRunner.run(["report", input.path, "--model", model, "-o", output.path, "--text-column", "review",
                                         "--label-column", "gold", "--scale", "report", "--timestamp", "--top-k", "2"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let html = try String(contentsOf: output, encoding: .utf8)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&lt;/textarea&gt;"))
    #expect(html.components(separatedBy: "<script").count - 1 == 2)
    #expect(!html.contains("<textarea"))
    #expect(!Self.tags(of: html).contains { $0.contains("onmouseover") })
    #expect(html.contains("shared by all texts"))
    #expect(html.contains(" UTC"))
    #expect(html.contains("<caption>Top 2 tokens per method <span class=\"opt\">(#n: the n-th token of the text)</span></caption>"))
    #expect(html.contains("<td class=\"l\">positive</td>"))
    #expect(try Self.embeddedJSON(html).count == 2)
  }

  @Test("without --model, Han texts use default-zh and the others default-en, in one report")
  func mixedLanguages() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let input = folder.appendingPathComponent("texts.txt")
    try "这个手机很好用\nwhat a great flight\n屏幕太差了\n".write(to: input, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("r.html")
    let outcome = try CommandRunner.run(["report", input.path, "-o", output.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let objects = try Self.embeddedJSON(try String(contentsOf: output, encoding: .utf8))
    #expect(objects.map { ($0["model"] as? [String: Any])?["name"] as? String } == ["default-zh", "default-en", "default-zh"])
    #expect(objects.map { $0["text"] as? String } == ["这个手机很好用", "what a great flight", "屏幕太差了"])
    #expect(try String(contentsOf: output, encoding: .utf8).contains("default method: occlusion in log-odds"))
  }

  @Test("an unwritable output path fails with exit 1 and a message naming it")
  func unwritable() throws {
    let model = try TrainedSampleModel.path()
    let samples = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews/test.tsv").path
    let outcome = try CommandRunner.run(["report", samples, "--limit", "2", "--model", model, "-o", "/nonexistent-dir/r.html"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("/nonexistent-dir"), "\(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
  }

  @Test("usage errors exit 64: a missing -o, a bad --scale, --limit 0, score --format html")
  func usage() throws {
    let samples = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews/test.tsv").path
    for arguments in [["report", samples], ["report", samples, "-o", "x.html", "--scale", "page"],
                      ["report", samples, "-o", "x.html", "--limit", "0"], ["score", "--format", "html", "很好"]] {
      let outcome = try CommandRunner.run(arguments)
      #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
    }
  }

  @Test("explain --format html writes a page to a file or to standard output")
  func explainHTML() throws {
    let model = try TrainedSampleModel.path()
    let folder = try CommandRunner.temporaryDirectory()
    let output = folder.appendingPathComponent("one.html")
    let toFile = try CommandRunner.run(["explain", "--model", model, "--format", "html", "-o", output.path, "--top-k", "3",
                                        "--method", "grad-input,occlusion", "屏幕很好，但是电池太差了"])
    #expect(toFile.status == 0, "\(toFile.stderr)")
    let html = try String(contentsOf: output, encoding: .utf8)
    #expect(html.contains("<details class=\"text\" id=\"t1\" open>"))
    #expect(!html.contains("id=\"index\""))
    #expect(try Self.embeddedJSON(html).first?["text"] as? String == "屏幕很好，但是电池太差了")
    let toStdout = try CommandRunner.run(["explain", "--model", model, "--format", "html", "很好"])
    #expect(toStdout.status == 0, "\(toStdout.stderr)")
    #expect(toStdout.stdout.hasPrefix("<!DOCTYPE html>"))
  }
}
