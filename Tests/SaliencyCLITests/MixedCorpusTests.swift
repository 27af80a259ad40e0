import Foundation
import Testing

/// `analyze` and `evaluate` without `--model` on a corpus of English and Chinese rows: each row is read by the
/// default model of its own script (a Han character → default-zh), decided as the rows stream past; metrics pool
/// all rows and are broken down per model; word tables are per model; shards still merge exactly; rows mostly
/// unknown to their model are counted with one warning. (Reported: a file whose first row was English went to
/// default-en whole, 6,687 of 7,384 tokens unknown, accuracy 0.51, no warning.)
@Suite("analyze and evaluate: each row its own model")
struct MixedCorpusTests {
  /// English first, then English and Chinese rows alternating, and two rows of made-up words that default-en
  /// does not know. Returns the folder, the corpus path and the text of every row in order.
  static func corpus() throws -> (folder: URL, path: String, texts: [String], lines: [Int]) {
    func rows(_ split: String) throws -> [String] {
      try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("samples/\(split)/dev.tsv"), encoding: .utf8)
        .split(separator: "\n").dropFirst().prefix(12).map(String.init)
    }
    let english = try rows("en-tweets"), chinese = try rows("zh-reviews")
    var body = zip(english, chinese).flatMap { [$0, $1] }
    body.insert("negative\tzzqx ploom wibble frobnitz", at: 5)
    body.insert("positive\tquuxly blorf snargle", at: 17)
    let (folder, path) = try AnalyzeCommandTests.corpus(body.joined(separator: "\n") + "\n")
    let texts = body.map { String($0.split(separator: "\t", maxSplits: 1)[1]) }
    return (folder, path, texts, texts.indices.map { $0 + 2 })
  }

  static func expectedModel(_ text: String) -> String {
    text.unicodeScalars.contains { $0.properties.isIdeographic } ? "default-zh" : "default-en"
  }

  static func lines(_ url: URL) throws -> [[String: Any]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  static let common = ["--method", "occlusion,grad-input", "--min-count", "1"]

  @Test("analyze: every row read by its script's default; summary pools and breaks down; words.csv per model; one warning")
  func analyze() throws {
    let (folder, path, texts, lines) = try Self.corpus()
    let out = folder.appendingPathComponent("analysis")
    let run = try CommandRunner.run(["analyze", path, "--out", out.path] + Self.common)
    #expect(run.status == 0, "\(run.stderr)")
    let examples = try Self.lines(out.appendingPathComponent("examples.jsonl"))
    #expect(examples.map { $0["line"] as? Int } == lines)
    #expect(examples.map(PerTextModelTests.modelName) == texts.map(Self.expectedModel))
    #expect(Set(texts.map(Self.expectedModel)) == ["default-en", "default-zh"])
    let madeUp = try #require(examples[5]["tokens"] as? [[String: Any]])
    #expect(madeUp.allSatisfy { $0["unknown"] as? Bool == true && $0["id"] as? Int == 1 }, "\(madeUp)")
    let summary = try AnalyzeCommandTests.json(out.appendingPathComponent("summary.json"))
    #expect(summary["model"] is NSNull, "rows went to two models")
    #expect(summary["model_choice"] as? String == "by-script")
    let models = try #require(summary["models"] as? [[String: Any]])
    #expect(models.map { $0["name"] as? String } == ["default-en", "default-zh"])
    #expect(models.map { $0["analysed"] as? Int } == ["default-en", "default-zh"].map { name in texts.count { Self.expectedModel($0) == name } })
    #expect(models.allSatisfy { ($0["accuracy"] as? Double).map { (0...1).contains($0) } == true })
    let counts = try #require(summary["counts"] as? [String: Any])
    #expect(counts["analysed"] as? Int == texts.count)
    #expect(counts["mostly_unknown"] as? Int == 2 && counts["first_mostly_unknown_line"] as? Int == 7, "\(counts)")
    #expect(models.map { $0["mostly_unknown"] as? Int } == [2, 0])
    // The Chinese rows are not read by default-en: few of their tokens are unknown.
    let zhTokens = try #require(models[1]["tokens"] as? Int), zhUnknown = try #require(models[1]["unknown_tokens"] as? Int)
    #expect(zhTokens > 0 && Double(zhUnknown) < 0.2 * Double(zhTokens))
    let words = try String(contentsOf: out.appendingPathComponent("words.csv"), encoding: .utf8).split(separator: "\n")
    #expect(words.first == "class,token,mean_signed,mean_abs,count,share_positive,method,model")
    #expect(words.contains { $0.hasSuffix(",default-en") } && words.contains { $0.hasSuffix(",default-zh") })
    let warnings = run.stderr.split(separator: "\n").filter { $0.contains("mostly tokens their model does not know") }
    #expect(warnings.count == 1 && warnings[0].contains("2 of \(texts.count) text(s)") && warnings[0].contains("corpus.tsv:7"),
            "\(run.stderr)")
    let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(page.contains("read by default-zh") && page.contains("· default-zh</span></h4>"))
  }

  @Test("--shard 0/3, 1/3, 2/3 of a mixed corpus merge into the unsharded analysis, file by file")
  func shardsMerge() throws {
    let (folder, path, _, _) = try Self.corpus()
    let whole = folder.appendingPathComponent("whole")
    let run = try CommandRunner.run(["analyze", path, "--out", whole.path] + Self.common)
    #expect(run.status == 0, "\(run.stderr)")
    var shards: [String] = []
    for index in 0..<3 {
      let out = folder.appendingPathComponent("shard\(index)").path
      let shard = try CommandRunner.run(["analyze", path, "--out", out, "--shard", "\(index)/3"] + Self.common)
      #expect(shard.status == 0, "\(shard.stderr)")
      shards.append(out)
    }
    let merged = folder.appendingPathComponent("merged")
    let merge = try CommandRunner.run(["merge"] + shards + ["--out", merged.path])
    #expect(merge.status == 0, "\(merge.stderr)")
    for file in ["words.csv", "examples.jsonl", "rejected.tsv"] {
      #expect(try Data(contentsOf: merged.appendingPathComponent(file)) == Data(contentsOf: whole.appendingPathComponent(file)), "\(file)")
    }
    let a = try AnalyzeCommandTests.json(merged.appendingPathComponent("summary.json"))
    let b = try AnalyzeCommandTests.json(whole.appendingPathComponent("summary.json"))
    let encode = { (value: Any?) in try JSONSerialization.data(withJSONObject: value ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed]) }
    for key in ["metrics", "counts", "calibration", "accuracy_by_length", "agreement", "methods", "notes", "model",
                "model_choice", "models"] {
      #expect(try encode(a[key]) == encode(b[key]), "\(key)")
    }
  }

  @Test("--format jsonl streams each row with its own model and warns once")
  func jsonl() throws {
    let (_, path, texts, _) = try Self.corpus()
    let rows = try Data(String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8).split(separator: "\n").dropFirst()
      .map { line -> String in
        let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
        let object = try JSONSerialization.data(withJSONObject: ["label": parts[0], "text": parts[1]])
        return String(decoding: object, as: UTF8.self)
      }.joined(separator: "\n").utf8)
    let run = try CommandRunner.run(["analyze", "--input", "-", "--format", "jsonl", "--method", "occlusion"], stdin: rows)
    #expect(run.status == 0, "\(run.stderr)")
    let objects = try PerTextModelTests.objects(run.stdout)
    #expect(objects.map(PerTextModelTests.modelName) == texts.map(Self.expectedModel))
    #expect(run.stderr.components(separatedBy: "mostly tokens their model does not know").count == 2, "\(run.stderr)")
  }

  @Test("evaluate: figures over all texts, a per-model breakdown, both models named")
  func evaluate() throws {
    let (folder, path, texts, _) = try Self.corpus()
    let out = folder.appendingPathComponent("evaluation")
    let run = try CommandRunner.run(["evaluate", path, "--out", out.path, "--no-sanity"] + EvaluateCommandTests.fast)
    #expect(run.status == 0, "\(run.stderr)")
    let results = try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))
    #expect(results["texts"] as? Int == texts.count)
    #expect(results["model"] as? String == "default-en + default-zh")
    let models = try #require(results["models"] as? [[String: Any]])
    #expect(models.map { $0["name"] as? String } == ["default-en", "default-zh"])
    #expect(models.map { $0["texts"] as? Int } == ["default-en", "default-zh"].map { name in texts.count { Self.expectedModel($0) == name } })
    #expect(models.map { $0["mostly_unknown"] as? Int } == [2, 0])
    let correct = models.compactMap { $0["correct"] as? Int }.reduce(0, +)
    #expect(correct == results["correct"] as? Int)
    let methods = try #require(models[1]["methods"] as? [[String: Any]])
    #expect(methods.map { $0["method"] as? String } == EvaluateCommandTests.methods + ["random"])
    #expect(run.stderr.components(separatedBy: "mostly tokens their model does not know").count == 2, "\(run.stderr)")
    let notes = try #require(results["notes"] as? [String])
    #expect(notes.contains { $0.contains("default model of its script") })
  }

  @Test("evaluate with --model: one model, a breakdown of one that equals the whole")
  func evaluateOneModel() throws {
    let (folder, path, _, _) = try Self.corpus()
    let out = folder.appendingPathComponent("evaluation")
    let run = try CommandRunner.run(["evaluate", path, "--out", out.path, "--no-sanity", "--model", "default-en",
                                     "--limit", "8"] + EvaluateCommandTests.fast)
    #expect(run.status == 0, "\(run.stderr)")
    let results = try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))
    #expect(results["model"] as? String == "default-en")
    let models = try #require(results["models"] as? [[String: Any]])
    #expect(models.count == 1 && models[0]["texts"] as? Int == 8)
    let whole = try #require(results["methods"] as? [[String: Any]])
    let own = try #require(models[0]["methods"] as? [[String: Any]])
    let encode = { (value: Any?) in try JSONSerialization.data(withJSONObject: value ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed]) }
    #expect(try encode(own.map { $0["comprehensiveness_aopc"] }) == encode(whole.map { $0["comprehensiveness_aopc"] }))
  }
}
