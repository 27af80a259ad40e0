import Foundation
import Testing

/// `analyze --part K/N` and `evaluate --part K/N` (slices on standard input, as the Spark job feeds each
/// partition) over a corpus of English and Chinese rows, with and without `--model`: every part reads with the
/// same candidate models, whatever rows its slice holds (a part of English rows only, one of a single row, an
/// empty one), and `merge` of the parts writes the directory of one run over the whole corpus.
@Suite("--part on a mixed Chinese and English corpus")
struct MixedCorpusPartTests {
  /// Cuts (line indices, the header is line index 0) after the header, around a one-row part, and an empty last part.
  static func cuts(_ lines: [String]) -> [Int] { [0, 1, 2, 3, 11, 19, lines.count, lines.count] }

  /// Every line of `path`, the header first.
  static func lines(_ path: String) throws -> [String] {
    try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8).split(separator: "\n").map(String.init)
  }

  @Test("analyze parts merge to the whole run's directory, byte for byte, with and without --model")
  func analyzeParts() throws {
    let (folder, path, texts, _) = try MixedCorpusTests.corpus()
    let lines = try Self.lines(path)
    #expect(lines.count == texts.count + 1)
    let cuts = Self.cuts(lines)
    for (run, model) in [[String](), ["--model", "default-en"]].enumerated() {
      let options = model + MixedCorpusTests.common + ["--examples", "4"]
      let whole = folder.appendingPathComponent("whole\(run)")
      let reference = try CommandRunner.run(["analyze", path, "--out", whole.path] + options)
      #expect(reference.status == 0, "\(reference.stderr)")
      let summary = try AnalyzeCommandTests.json(whole.appendingPathComponent("summary.json"))
      let sha = try #require((summary["input"] as? [String: Any])?["sha256"] as? String)
      var parts: [String] = []
      for index in 0..<(cuts.count - 1) {
        let starts = cuts[index] + 1
        let body = (starts > 1 ? [lines[0]] : []) + lines[cuts[index]..<cuts[index + 1]]
        let out = folder.appendingPathComponent("apart\(run)-\(index)")
        let outcome = try CommandRunner.run(
          ["analyze", "--input", "-", "--part", "\(index)/\(cuts.count - 1)", "--input-format", "tsv", "--line-offset",
           String(starts > 1 ? starts - 2 : 0), "--input-name", path, "--input-sha256", sha, "--out", out.path] + options,
          stdin: Data(body.map { $0 + "\n" }.joined().utf8))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        parts.append(out.path)
      }
      let merged = folder.appendingPathComponent("merged\(run)")
      let merge = try CommandRunner.run(["merge"] + parts.reversed() + ["--out", merged.path])
      #expect(merge.status == 0, "\(merge.stderr)")
      let expected = try AnalyzePartTests.files(whole), actual = try AnalyzePartTests.files(merged)
      #expect(expected.keys.sorted() == actual.keys.sorted())
      for (name, data) in expected where name != ".saliency-output" {
        #expect(actual[name] == data, "\(name) differs (\(model))")
      }
      let models = try #require(try AnalyzeCommandTests.json(merged.appendingPathComponent("summary.json"))["models"]
        as? [[String: Any]])
      #expect(models.count == (model.isEmpty ? 2 : 1))
    }
  }

  @Test("evaluate parts merge to the whole run's report (timings aside), per-model breakdown and lexicon included")
  func evaluateParts() throws {
    let (folder, path, _, _) = try MixedCorpusTests.corpus()
    let lines = try Self.lines(path)
    let lexicon = folder.appendingPathComponent("lexicon.tsv")
    try Data("good\t2\nlove\t2\nbad\t-2\nhate\t-2\n好\t2\n差\t-2\n不\t-1\n".utf8).write(to: lexicon)
    for (run, model) in [[String](), ["--model", "default-zh"]].enumerated() {
      let options = model + EvaluateCommandTests.fast + ["--lexicon", lexicon.path, "--top-k", "2"]
      let whole = folder.appendingPathComponent("ewhole\(run)")
      let reference = try CommandRunner.run(["evaluate", path, "--out", whole.path] + options)
      #expect(reference.status == 0, "\(reference.stderr)")
      let merged = folder.appendingPathComponent("emerged\(run)")
      try FileManager.default.createDirectory(at: folder.appendingPathComponent("eparts\(run)"), withIntermediateDirectories: true)
      let merge = try EvaluatePartTests.evaluateInParts(lines, cuts: Self.cuts(lines), path: path, options: options,
                                                        folder: folder.appendingPathComponent("eparts\(run)"), out: merged)
      #expect(merge.status == 0, "\(merge.stderr)")
      for name in ["curves.csv", "rejected.tsv"] {
        #expect(try Data(contentsOf: whole.appendingPathComponent(name)) == Data(contentsOf: merged.appendingPathComponent(name)),
                "\(name) differs (\(model))")
      }
      #expect(try EvaluateCommandTests.withoutTimings(whole.appendingPathComponent("results.json"))
        == EvaluateCommandTests.withoutTimings(merged.appendingPathComponent("results.json")), "\(model)")
      let results = try AnalyzeCommandTests.json(merged.appendingPathComponent("results.json"))
      #expect(results["model"] as? String == (model.isEmpty ? "default-en + default-zh" : "default-zh"))
      #expect((results["models"] as? [Any])?.count == (model.isEmpty ? 2 : 1))
      let plausibility = try #require(results["plausibility"] as? [String: Any])
      #expect((plausibility["texts"] as? Int ?? 0) > 0, "\(plausibility)")
      let notes = try #require(results["notes"] as? [String])
      #expect(notes.contains { $0.contains("mostly tokens their model does not know") }, "\(notes)")
    }
  }
}
