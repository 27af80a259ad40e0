import Foundation
import Testing

/// `evaluate - --part K/N` (a slice of one corpus on standard input, as the Spark job feeds each partition) and
/// `merge` of the parts: the same report as one run over the whole corpus (timings aside).
@Suite("evaluate --part and merge of parts")
struct EvaluatePartTests {
  static func evaluatePart(_ arguments: [String], lines: [String]) throws -> CommandRunner.Outcome {
    try CommandRunner.run(["evaluate", "-"] + arguments, stdin: Data(lines.map { $0 + "\n" }.joined().utf8))
  }

  /// Runs every part of `lines` cut at `cuts` (line indices) and merges them into `out`; `options` name the
  /// model, if any.
  static func evaluateInParts(_ lines: [String], cuts: [Int], path: String, options: [String], folder: URL,
                              out: URL) throws -> CommandRunner.Outcome {
    var slices: [(lines: [String], offset: Int)] = []
    for index in 0..<(cuts.count - 1) {
      let starts = cuts[index] + 1
      let slice = Array(lines[cuts[index]..<cuts[index + 1]])
      slices.append(starts > 1 ? ([lines[0]] + slice, starts - 2) : (slice, 0))
    }
    let count = slices.count
    var textOffset = 0
    var parts: [String] = []
    for (index, slice) in slices.enumerated() {
      let common = ["--part", "\(index)/\(count)", "--input-format", "tsv", "--line-offset", String(slice.offset),
                    "--input-name", path] + options
      let counted = try evaluatePart(common + ["--count-texts", "--out", "unused"], lines: slice.lines)
      #expect(counted.status == 0, "\(counted.stderr)")
      let texts = try #require(Int(counted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
      let partOut = folder.appendingPathComponent("epart\(index)")
      let outcome = try evaluatePart(common + ["--text-offset", String(textOffset), "--out", partOut.path], lines: slice.lines)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      textOffset += texts
      parts.append(partOut.path)
    }
    return try CommandRunner.run(["merge"] + parts.reversed() + ["--out", out.path])
  }

  @Test("parts cut anywhere give the whole run's results, curves and rejections; --limit counts from the corpus start")
  func partsMergeToWhole() throws {
    let lines = try AnalyzePartTests.corpusLines().prefix(70).map { $0 }
    let (folder, path) = try AnalyzeCommandTests.corpus(lines.dropFirst().joined(separator: "\n") + "\n")
    let cuts = [0, 1, 20, 21, 52, lines.count]
    for extra in [[String](), ["--limit", "30"]] {
      let options = EvaluateCommandTests.fast + ["--skip-bad-rows"] + extra
      let model = ["--model", try TrainedSampleModel.path()]
      let whole = folder.appendingPathComponent("whole\(extra.count)")
      let reference = try EvaluateCommandTests.evaluate([path, "--out", whole.path] + options)
      #expect(reference.status == 0, "\(reference.stderr)")
      let merged = folder.appendingPathComponent("merged\(extra.count)")
      let merge = try Self.evaluateInParts(lines, cuts: cuts, path: path, options: model + options, folder: folder, out: merged)
      #expect(merge.status == 0, "\(merge.stderr)")
      for name in ["curves.csv", "rejected.tsv"] {
        #expect(try Data(contentsOf: whole.appendingPathComponent(name)) == Data(contentsOf: merged.appendingPathComponent(name)),
                "\(name) differs")
      }
      #expect(try EvaluateCommandTests.withoutTimings(whole.appendingPathComponent("results.json"))
        == EvaluateCommandTests.withoutTimings(merged.appendingPathComponent("results.json")))
      let rejected = try String(contentsOf: merged.appendingPathComponent("rejected.tsv"), encoding: .utf8)
      #expect(rejected.split(separator: "\n").count >= 3)
      for entry in try FileManager.default.contentsOfDirectory(atPath: folder.path) where entry.hasPrefix("epart") {
        try FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
      }
    }
  }

  @Test("merge refuses a missing evaluation part; --text-offset and --count-texts need --part")
  func validation() throws {
    let lines = try AnalyzePartTests.corpusLines().prefix(12).map { $0 }
    let folder = try CommandRunner.temporaryDirectory()
    let part = folder.appendingPathComponent("p0")
    let outcome = try Self.evaluatePart(["--part", "0/2", "--input-format", "tsv", "--out", part.path, "--model",
                                         try TrainedSampleModel.path()] + EvaluateCommandTests.fast, lines: lines)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let merge = try CommandRunner.run(["merge", part.path, "--out", folder.appendingPathComponent("m").path])
    #expect(merge.status == 1 && merge.stderr.contains("1/2 missing"))
    let alone = try EvaluateCommandTests.evaluate([AnalyzeCommandTests.samples.appendingPathComponent("test.tsv").path,
                                                   "--text-offset", "3", "--out", folder.appendingPathComponent("x").path])
    #expect(alone.status == 64 && alone.stderr.contains("go with --part"))
  }
}
