import Foundation
import Testing

/// `analyze --part K/N` (a slice of one input on standard input, as the Spark job feeds each partition) and
/// `merge` of the parts: the merged directory equals one run over the whole file, byte for byte.
@Suite("analyze --part and merge of parts")
struct AnalyzePartTests {
  /// The sample test split with bad rows mixed in (unknown labels, a row without a tab, blank lines).
  static func corpusLines() throws -> [String] {
    let text = try String(contentsOf: AnalyzeCommandTests.samples.appendingPathComponent("test.tsv"), encoding: .utf8)
    var lines: [String] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      lines.append(String(line))
      if number > 0, number % 17 == 0 { lines.append("neutral\tnot a label of the model") }
      if number > 0, number % 23 == 0 { lines.append("no tab here") }
      if number > 0, number % 29 == 0 { lines.append("") }
    }
    while lines.last == "" { lines.removeLast() }
    return lines
  }

  static func files(_ directory: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
      files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
    }
    return files
  }

  @Test("parts cut anywhere merge to the whole run's directory, byte for byte")
  func partsMergeToWhole() throws {
    let lines = try Self.corpusLines()
    let (folder, path) = try AnalyzeCommandTests.corpus(lines.dropFirst().joined(separator: "\n") + "\n")
    let model = try TrainedSampleModel.path()
    let options = ["--method", "trajectory,grad-input", "--min-count", "2", "--examples", "3", "--skip-bad-rows"]
    let whole = folder.appendingPathComponent("whole")
    let reference = try AnalyzeCommandTests.analyze([path, "--out", whole.path] + options)
    #expect(reference.status == 0, "\(reference.stderr)")
    let sha = try #require(try Self.files(whole)["summary.json"].flatMap {
      try JSONSerialization.jsonObject(with: $0) as? [String: Any]
    }.flatMap { ($0["input"] as? [String: Any])?["sha256"] as? String })
    // Cuts after the header, mid-file, and an empty last part.
    let cuts = [0, 1, 40, 41, 77, lines.count, lines.count]
    var parts: [String] = []
    for index in 0..<(cuts.count - 1) {
      let slice = Array(lines[cuts[index]..<cuts[index + 1]])
      let starts = cuts[index] + 1
      let header = starts > 1
      let body = (header ? [lines[0]] : []) + slice
      let out = folder.appendingPathComponent("part\(index)")
      let outcome = try AnalyzeCommandTests.analyze(
        ["--input", "-", "--part", "\(index)/\(cuts.count - 1)", "--input-format", "tsv", "--line-offset",
         String(header ? starts - 2 : 0), "--input-name", path, "--input-sha256", sha, "--model-path-as", model,
         "--out", out.path] + options, stdin: Data(body.map { $0 + "\n" }.joined().utf8))
      #expect(outcome.status == 0, "\(outcome.stderr)")
      parts.append(out.path)
    }
    let merged = folder.appendingPathComponent("merged")
    let merge = try CommandRunner.run(["merge"] + parts.reversed() + ["--out", merged.path])
    #expect(merge.status == 0, "\(merge.stderr)")
    let expected = try Self.files(whole), actual = try Self.files(merged)
    #expect(expected.keys.sorted() == actual.keys.sorted())
    for (name, data) in expected where name != ".saliency-output" {
      #expect(actual[name] == data, "\(name) differs")
    }
    #expect(String(decoding: expected["rejected.tsv"] ?? Data(), as: UTF8.self).split(separator: "\n").count > 5)

    let missing = try CommandRunner.run(["merge"] + parts.dropLast() + ["--out", folder.appendingPathComponent("m2").path])
    #expect(missing.status == 1 && missing.stderr.contains("missing"))
    let mixed = try CommandRunner.run(["merge", parts[0], whole.path, "--out", folder.appendingPathComponent("m3").path])
    #expect(mixed.status == 1 && mixed.stderr.contains("not a part"))

    // --move-parts: the same directory, the parts' examples.jsonl moved into it; a failed merge leaves the parts
    // as they were.
    let copies = try parts.indices.map { index in
      let copy = folder.appendingPathComponent("copy\(index)")
      try FileManager.default.copyItem(atPath: parts[index], toPath: copy.path)
      return copy
    }
    let before = try copies.map { try Data(contentsOf: $0.appendingPathComponent("examples.jsonl")) }
    let lastRejected = copies[copies.count - 1].appendingPathComponent("rejected.tsv")
    try FileManager.default.moveItem(at: lastRejected, to: folder.appendingPathComponent("rejected.tsv.aside"))
    let failed = try CommandRunner.run(["merge", "--move-parts"] + copies.map(\.path) + ["--out", folder.appendingPathComponent("m4").path])
    #expect(failed.status == 1 && failed.stderr.contains("rejected.tsv"), "\(failed.stderr)")
    #expect(try copies.map { try Data(contentsOf: $0.appendingPathComponent("examples.jsonl")) } == before)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m4").path))
    try FileManager.default.moveItem(at: folder.appendingPathComponent("rejected.tsv.aside"), to: lastRejected)
    let movedDirectory = folder.appendingPathComponent("m5")
    let moved = try CommandRunner.run(["merge", "--move-parts"] + copies.map(\.path) + ["--out", movedDirectory.path])
    #expect(moved.status == 0, "\(moved.stderr)")
    #expect(try Self.files(movedDirectory) == actual)
    #expect(copies.allSatisfy { !FileManager.default.fileExists(atPath: $0.appendingPathComponent("examples.jsonl").path) })
    let shards = try CommandRunner.run(["merge", "--move-parts", whole.path, "--out", folder.appendingPathComponent("m6").path])
    #expect(shards.status == 64 && shards.stderr.contains("--move-parts goes with parts"), "\(shards.stderr)")
  }

  @Test("--part refuses what it cannot honour, with usage errors")
  func partValidation() throws {
    let empty = Data()
    let noModel = try CommandRunner.run(["analyze", "--input", "-", "--part", "0/2", "--model-path-as", "m.safetensors",
                                         "--out", "x"], stdin: empty)
    #expect(noModel.status == 64 && noModel.stderr.contains("give --model"))
    let badPart = try AnalyzeCommandTests.analyze(["--input", "-", "--part", "2/2", "--out", "x"], stdin: empty)
    #expect(badPart.status == 64 && badPart.stderr.contains("--part must be K/N"))
    let file = try AnalyzeCommandTests.analyze([AnalyzeCommandTests.samples.appendingPathComponent("test.tsv").path,
                                                "--part", "0/2", "--out", "x"])
    #expect(file.status == 64 && file.stderr.contains("--input -"))
    let format = try AnalyzeCommandTests.analyze(["--input", "-", "--part", "0/2", "--input-format", "xml", "--out", "x"], stdin: empty)
    #expect(format.status == 64 && format.stderr.contains("--input-format"))
    let alone = try AnalyzeCommandTests.analyze([AnalyzeCommandTests.samples.appendingPathComponent("test.tsv").path,
                                                 "--line-offset", "3", "--out", "x"])
    #expect(alone.status == 64 && alone.stderr.contains("go with --part"))
    let sha = try AnalyzeCommandTests.analyze(["--input", "-", "--part", "0/2", "--input-sha256", "zz", "--out", "x"], stdin: empty)
    #expect(sha.status == 64 && sha.stderr.contains("64 hexadecimal"))
  }
}
