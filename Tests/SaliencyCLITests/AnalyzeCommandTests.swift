import Foundation
import Testing

/// `saliency analyze` and `saliency merge` run as a user would: the built binary on small corpora.
@Suite("analyze and merge")
struct AnalyzeCommandTests {
  static var samples: URL { CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews") }
  static let outputs = [".saliency-output", "examples.jsonl", "index.html", "rejected.tsv", "state.json", "summary.json", "words.csv"]

  /// A folder holding `corpus.tsv` with `body` (after the header).
  static func corpus(_ body: String, name: String = "corpus.tsv") throws -> (folder: URL, path: String) {
    let folder = try CommandRunner.temporaryDirectory()
    let path = folder.appendingPathComponent(name)
    try Data(("label\ttext\n" + body).utf8).write(to: path)
    return (folder, path.path)
  }

  static func json(_ url: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: url)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func analyze(_ arguments: [String], stdin: Data? = nil) throws -> CommandRunner.Outcome {
    try CommandRunner.run(["analyze", "--model", try TrainedSampleModel.path()] + arguments, stdin: stdin)
  }

  @Test("the sample test split: every output, metrics, one object per row, nothing left beside DIR")
  func sampleCorpus() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let out = folder.appendingPathComponent("analysis")
    let outcome = try Self.analyze([Self.samples.appendingPathComponent("test.tsv").path, "--out", out.path,
                                    "--method", "trajectory,grad-input", "--min-count", "2", "--examples", "3"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("100 texts: accuracy"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == Self.outputs)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["analysis"])
    let summary = try Self.json(out.appendingPathComponent("summary.json"))
    let metrics = try #require(summary["metrics"] as? [String: Any])
    #expect(metrics["count"] as? Int == 100)
    let accuracy = try #require(metrics["accuracy"] as? Double)
    #expect((0...1).contains(accuracy))
    #expect(metrics["ece"] is Double && metrics["macro_f1"] is Double && metrics["balanced_accuracy"] is Double)
    let input = try #require(summary["input"] as? [String: Any])
    #expect((input["sha256"] as? String)?.count == 64)
    let lines = try String(contentsOf: out.appendingPathComponent("examples.jsonl"), encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 100)
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["line"] as? Int == 2 && first["gold"] is String && first["explanations"] is [Any])
    let words = try String(contentsOf: out.appendingPathComponent("words.csv"), encoding: .utf8)
    #expect(words.hasPrefix("class,token,mean_signed,mean_abs,count,share_positive,method,model\n"))
    #expect(words.contains(",trajectory,") && words.contains(",grad-input,"))
    let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(html.contains("Most confident errors") && html.contains("<svg"))
    #expect(try String(contentsOf: out.appendingPathComponent("rejected.tsv"), encoding: .utf8) == "line\treason\traw\n")
  }

  @Test("without --method: the documented default, occlusion in log-odds, named in the page's legend")
  func documentedDefault() throws {
    let (folder, path) = try Self.corpus("negative\t很差的酒店\npositive\t很好\npositive\t服务很好，房间干净\n")
    let out = folder.appendingPathComponent("out")
    let outcome = try Self.analyze([path, "--out", out.path, "--min-count", "1"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let lines = try String(contentsOf: out.appendingPathComponent("examples.jsonl"), encoding: .utf8).split(separator: "\n")
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    let explanation = try #require((first["explanations"] as? [[String: Any]])?.first)
    #expect(explanation["method"] as? String == "occlusion")
    #expect((explanation["options"] as? [String: Any])?["measure"] as? String == "log-odds")
    let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(html.contains("default method: occlusion in log-odds"))
  }

  @Test("labels must be the model's: an unknown label names its line; --label-map maps; --skip-bad-rows lists")
  func labels() throws {
    let (folder, path) = try Self.corpus("neg\t很差的酒店\npos\t很好\nneutral\t一般\n")
    let out = folder.appendingPathComponent("out").path
    let failed = try Self.analyze([path, "--out", out])
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("corpus.tsv:2: label 'neg'") && failed.stderr.contains("--label-map"), "\(failed.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
    let stillUnknown = try Self.analyze([path, "--out", out, "--label-map", "neg=negative,pos=positive"])
    #expect(stillUnknown.status == 1 && stillUnknown.stderr.contains("corpus.tsv:4: label 'neutral'"))
    let mapped = try Self.analyze([path, "--out", out, "--label-map", "neg=negative,pos=positive", "--skip-bad-rows"])
    #expect(mapped.status == 0, "\(mapped.stderr)")
    let rejected = try String(contentsOfFile: out + "/rejected.tsv", encoding: .utf8)
    #expect(rejected.contains("4\tlabel 'neutral' is not a label of model"))
    let badMap = try Self.analyze([path, "--out", out, "--label-map", "neg=nope"])
    #expect(badMap.status == 1 && badMap.stderr.contains("nope"))
  }

  @Test("an empty corpus fails and writes nothing")
  func emptyCorpus() throws {
    let (folder, path) = try Self.corpus("")
    let out = folder.appendingPathComponent("out").path
    let outcome = try Self.analyze([path, "--out", out])
    #expect(outcome.status == 1 && outcome.stderr.contains("no rows to analyse"), "\(outcome.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corpus.tsv"])
  }

  @Test("one class only: metrics are still computed, and the summary says so")
  func oneClass() throws {
    let (folder, path) = try Self.corpus("negative\t很差\nnegative\t太差了，不推荐\n")
    let out = folder.appendingPathComponent("out")
    let outcome = try Self.analyze([path, "--out", out.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("every gold label is negative"))
    let summary = try Self.json(out.appendingPathComponent("summary.json"))
    let notes = try #require(summary["notes"] as? [String])
    #expect(notes.contains { $0.hasPrefix("every gold label is negative") })
    #expect((summary["metrics"] as? [String: Any])?["balanced_accuracy"] is Double)
  }

  @Test("a row without text fails naming its line, or is listed with --skip-bad-rows")
  func rowWithoutText() throws {
    let (folder, path) = try Self.corpus("negative\t很差\npositive\t \n")
    let out = folder.appendingPathComponent("out").path
    let failed = try Self.analyze([path, "--out", out])
    #expect(failed.status == 1 && failed.stderr.contains("corpus.tsv:3: empty text"), "\(failed.stderr)")
    let skipped = try Self.analyze([path, "--out", out, "--skip-bad-rows"])
    #expect(skipped.status == 0, "\(skipped.stderr)")
    #expect(try String(contentsOfFile: out + "/rejected.tsv", encoding: .utf8).contains("3\tempty text\tpositive\\t "))
  }

  @Test("invalid UTF-8 mid-file names the line and leaves an existing DIR as it was")
  func invalidUTF8() throws {
    let (folder, path) = try Self.corpus("negative\t很差\n")
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    bytes.append(contentsOf: Array("positive\tgood ".utf8) + [0xC3, 0x28] + Array("\nnegative\t差\n".utf8))
    try bytes.write(to: URL(fileURLWithPath: path))
    let out = folder.appendingPathComponent("out")
    let first = try Self.analyze([path, "--out", out.path, "--skip-bad-rows"])
    #expect(first.status == 0, "\(first.stderr)")
    let before = try Data(contentsOf: out.appendingPathComponent("summary.json"))
    let failed = try Self.analyze([path, "--out", out.path])
    #expect(failed.status == 1 && failed.stderr.contains("corpus.tsv:3: invalid UTF-8"), "\(failed.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == Self.outputs)
    #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["corpus.tsv", "out"])
    let skipped = try Self.analyze([path, "--out", out.path, "--skip-bad-rows"])
    #expect(skipped.status == 0, "\(skipped.stderr)")
    let rejected = try String(contentsOf: out.appendingPathComponent("rejected.tsv"), encoding: .utf8)
    #expect(rejected.contains("3\tinvalid UTF-8"))
    let summary = try Self.json(out.appendingPathComponent("summary.json"))
    #expect((summary["counts"] as? [String: Any])?["rejected_malformed"] as? Int == 1)
  }

  @Test("a 10 MB row is analysed from its first --max-tokens tokens and marked truncated")
  func hugeRow() throws {
    let row = String(repeating: "房间很干净服务也好但是早餐一般", count: 240_000)  // 10.8 MB of UTF-8
    let (folder, path) = try Self.corpus("positive\t很好\nnegative\t\(row)\nnegative\t很差\n")
    let out = folder.appendingPathComponent("out")
    let outcome = try Self.analyze([path, "--out", out.path, "--max-tokens", "300"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("1 text(s) were cut at 300 tokens"))
    let summary = try Self.json(out.appendingPathComponent("summary.json"))
    #expect((summary["counts"] as? [String: Any])?["truncated"] as? Int == 1)
    let examples = try String(contentsOf: out.appendingPathComponent("examples.jsonl"), encoding: .utf8).split(separator: "\n")
    #expect(examples.count == 3 && examples[1].contains("\"truncated\":true") && examples[1].contains("3600000 tokens"))
  }

  @Test("Ctrl-C stops with exit 1 and leaves neither DIR nor a temporary directory")
  func interrupt() throws {
    let rows = try String(contentsOf: Self.samples.appendingPathComponent("train.tsv"), encoding: .utf8)
      .split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
    let (folder, path) = try Self.corpus(String(repeating: rows, count: 60))
    let process = Process()
    process.executableURL = try CommandRunner.executable
    process.arguments = ["analyze", path, "--out", folder.appendingPathComponent("out").path, "--model", try TrainedSampleModel.path()]
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning, Date() < deadline,
          try !FileManager.default.contentsOfDirectory(atPath: folder.path).contains(where: { $0.hasPrefix(".out.tmp") }) {
      Thread.sleep(forTimeInterval: 0.02)
    }
    Thread.sleep(forTimeInterval: 0.3)
    process.interrupt()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 1, "\(stderr)")
    #expect(stderr.contains("interrupted after") && stderr.contains("nothing was written"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corpus.tsv"])
  }

  @Test("merge of --shard 0/3, 1/3, 2/3 equals the unsharded run at the default batch size, file by file")
  func shardsAndMerge() throws {
    let (folder, path) = try Self.corpus(
      try String(contentsOf: Self.samples.appendingPathComponent("dev.tsv"), encoding: .utf8).split(separator: "\n")
        .dropFirst().joined(separator: "\n") + "\nnegative\t\u{1}\nmaybe\t还行\n")
    let common = ["--method", "trajectory,grad-input", "--min-count", "1", "--skip-bad-rows"]
    let whole = folder.appendingPathComponent("whole")
    let run = try Self.analyze([path, "--out", whole.path] + common)
    #expect(run.status == 0, "\(run.stderr)")
    var shards: [String] = []
    for index in 0..<3 {
      let out = folder.appendingPathComponent("shard\(index)").path
      let shard = try Self.analyze([path, "--out", out, "--shard", "\(index)/3"] + common)
      #expect(shard.status == 0, "\(shard.stderr)")
      shards.append(out)
    }
    let merged = folder.appendingPathComponent("merged")
    let merge = try CommandRunner.run(["merge"] + shards.reversed() + ["--out", merged.path])
    #expect(merge.status == 0, "\(merge.stderr)")
    for file in ["words.csv", "examples.jsonl", "rejected.tsv"] {
      #expect(try Data(contentsOf: merged.appendingPathComponent(file)) == Data(contentsOf: whole.appendingPathComponent(file)), "\(file)")
    }
    let a = try Self.json(merged.appendingPathComponent("summary.json")), b = try Self.json(whole.appendingPathComponent("summary.json"))
    for key in ["metrics", "counts", "calibration", "accuracy_by_length", "agreement", "methods", "notes", "model"] {
      let encode = { (value: Any?) in try JSONSerialization.data(withJSONObject: value ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed]) }
      #expect(try encode(a[key]) == encode(b[key]), "\(key)")
    }
    let missing = try CommandRunner.run(["merge", shards[0], shards[2], "--out", folder.appendingPathComponent("bad").path])
    #expect(missing.status == 1 && missing.stderr.contains("shard 1/3 missing"), "\(missing.stderr)")
  }

  @Test("--input - --format jsonl reads JSON lines and writes one object per row to stdout")
  func pipelineStage() throws {
    let input = "{\"text\":\"很好\",\"label\":\"positive\"}\n{\"text\":\"很差\",\"label\":\"negative\"}\n"
    let outcome = try Self.analyze(["--input", "-", "--format", "jsonl"], stdin: Data(input.utf8))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    #expect(second["line"] as? Int == 2 && second["gold"] as? String == "negative" && second["text"] as? String == "很差")
  }

  @Test("usage errors exit 64")
  func usage() throws {
    for arguments in [["x.tsv"], ["x.tsv", "--out", "d", "--shard", "3/2"], ["x.tsv", "--out", "d", "--format", "jsonl"],
                      ["x.tsv", "--out", "d", "--label-map", "neg"]] {
      let outcome = try CommandRunner.run(["analyze"] + arguments)
      #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
    }
  }
}
