import Foundation
import Testing

/// `saliency evaluate` run as a user would: the built binary on the first rows of the sample test split, with the
/// small model `TrainedSampleModel` trains, few methods, few bootstrap resamples and random seeds so each run is quick.
@Suite("evaluate")
struct EvaluateCommandTests {
  static let outputs = [".saliency-output", "curves.csv", "index.html", "rejected.tsv", "results.json"]
  static let methods = ["trajectory", "occlusion", "grad-input"]
  /// The fast settings every run but the sanity and default-methods ones uses.
  static let fast = ["--method", methods.joined(separator: ","), "--bootstrap", "50", "--random-seeds", "2"]

  /// A folder holding `corpus.tsv`: the header and the first `rows` rows of the sample test split.
  static func sampleCorpus(rows: Int = 30) throws -> (folder: URL, path: String) {
    let lines = try String(contentsOf: AnalyzeCommandTests.samples.appendingPathComponent("test.tsv"), encoding: .utf8)
      .split(separator: "\n").dropFirst().prefix(rows)
    return try AnalyzeCommandTests.corpus(lines.joined(separator: "\n") + "\n")
  }

  static func evaluate(_ arguments: [String]) throws -> CommandRunner.Outcome {
    try CommandRunner.run(["evaluate", "--model", try TrainedSampleModel.path()] + arguments)
  }

  static func methodResults(_ results: [String: Any]) throws -> [[String: Any]] {
    try #require(results["methods"] as? [[String: Any]])
  }

  /// `results.json` without the timing figures (`sequences_per_second`), as sorted-key JSON bytes.
  static func withoutTimings(_ url: URL) throws -> Data {
    var results = try AnalyzeCommandTests.json(url)
    results["methods"] = try methodResults(results).map { method in
      var method = method
      method["sequences_per_second"] = nil
      return method
    }
    return try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
  }

  static func isEstimate(_ value: Any?) -> Bool {
    guard let estimate = value as? [String: Any] else { return false }
    return estimate["mean"] is Double && estimate["lower"] is Double && estimate["upper"] is Double
      && estimate["count"] is Int
  }

  @Test("30 sample rows: every output, the methods then random, curves, the table; nothing left beside DIR")
  func happyPath() throws {
    let (folder, path) = try Self.sampleCorpus()
    let out = folder.appendingPathComponent("eval")
    let outcome = try Self.evaluate([path, "--out", out.path, "--no-sanity"] + Self.fast)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == Self.outputs)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["corpus.tsv", "eval"])

    let results = try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))
    #expect(results["texts"] as? Int == 30)
    #expect(results["percentages"] as? [Int] == [1, 5, 10, 20, 50])
    #expect(results["random_seeds"] as? Int == 2 && results["bootstrap_resamples"] as? Int == 50)
    let methods = try Self.methodResults(results)
    #expect(methods.map { $0["method"] as? String } == (Self.methods + ["random"]).map(Optional.some))
    for method in methods {
      let id = method["method"] as? String ?? "?"
      let comprehensiveness = try #require(method["comprehensiveness"] as? [Any], "\(id)")
      #expect(comprehensiveness.count == 5, "\(id)")
      #expect(comprehensiveness.allSatisfy(Self.isEstimate), "\(id)")
      #expect((comprehensiveness.first as? [String: Any])?["count"] as? Int == 30, "\(id)")
      #expect((method["sufficiency"] as? [Any])?.count == 5, "\(id)")
      #expect(Self.isEstimate(method["comprehensiveness_aopc"]) && Self.isEstimate(method["sufficiency_aopc"]), "\(id)")
      if id == "random" {
        #expect(method["sequences_per_second"] is NSNull && method["sign"] is NSNull)
      } else {
        #expect(method["sequences_per_second"] is Double, "\(id)")
      }
    }
    let agreement = try #require(results["agreement"] as? [[String: Any]])
    #expect(agreement.count == 3)  // every pair of the three methods
    #expect(agreement.allSatisfy { $0["first"] is String && $0["second"] is String && $0.keys.contains("kendall_tau") })
    #expect(results["sanity"] is NSNull)
    #expect(results["plausibility"] is NSNull)
    #expect(results["notes"] as? [String] == [])

    let curves = try String(contentsOf: out.appendingPathComponent("curves.csv"), encoding: .utf8)
    let lines = curves.split(separator: "\n")
    #expect(lines.first == "curve,method,x,mean,lower,upper,count")
    for method in Self.methods + ["random"] {
      for curve in ["comprehensiveness", "sufficiency"] {
        #expect(lines.filter { $0.hasPrefix("\(curve),\(method),") }.count == 5, "\(curve) \(method)")
      }
    }
    #expect(lines.contains { $0.hasPrefix("comprehensiveness,occlusion,50,") })
    #expect(lines.contains { $0.hasPrefix("deletion-") })
    #expect(!lines.contains { $0.hasPrefix("sanity,") })
    #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 7 })

    let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("occlusion") && html.contains("<svg"))
    #expect(try String(contentsOf: out.appendingPathComponent("rejected.tsv"), encoding: .utf8) == "line\treason\traw\n")

    for method in Self.methods { #expect(outcome.stdout.contains("\n\(method) "), "\(method): \(outcome.stdout)") }
    #expect(outcome.stdout.contains("random (baseline)"))
    #expect(outcome.stdout.contains("30 texts"))
    #expect(outcome.stdout.hasSuffix("written to \(out.path)\n"), "\(outcome.stdout)")
  }

  @Test("--limit 5 evaluates exactly five texts and says so")
  func limit() throws {
    let (folder, path) = try Self.sampleCorpus()
    let out = folder.appendingPathComponent("eval")
    let outcome = try Self.evaluate([path, "--out", out.path, "--no-sanity", "--limit", "5"] + Self.fast)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let results = try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))
    #expect(results["texts"] as? Int == 5)
    let notes = try #require(results["notes"] as? [String])
    #expect(notes.contains { $0.contains("--limit") }, "\(notes)")
    let counts = try Self.methodResults(results).compactMap { ($0["comprehensiveness"] as? [[String: Any]])?.first?["count"] as? Int }
    #expect(counts == [5, 5, 5, 5])
    #expect(outcome.stdout.contains("5 texts") && outcome.stdout.contains("--limit"))
  }

  @Test("--erasure sets the measures' erasure even without a perturbation method; explain still refuses it there")
  func erasureWithoutPerturbationMethods() throws {
    let (folder, path) = try Self.sampleCorpus()
    let out = folder.appendingPathComponent("eval")
    let outcome = try Self.evaluate([path, "--out", out.path, "--no-sanity", "--limit", "5", "--method", "trajectory",
                                     "--erasure", "remove", "--bootstrap", "20", "--random-seeds", "1"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let results = try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))
    #expect(results["erasure"] as? String == "remove")
    let explain = try CommandRunner.run(["explain", "--model", try TrainedSampleModel.path(), "--method", "trajectory",
                                         "--erasure", "remove", "很好"])
    #expect(explain.status == 64, "\(explain.stderr)")
  }

  @Test("the sanity check: three stages per method, trajectory ignores the output layer, reproducible")
  func sanity() throws {
    let (folder, path) = try Self.sampleCorpus(rows: 20)
    let arguments = [path, "--limit", "10", "--seed", "5", "--threads", "2"] + Self.fast
    let out = folder.appendingPathComponent("eval")
    let outcome = try Self.evaluate(arguments + ["--out", out.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let results = try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))
    let sanity = try #require(results["sanity"] as? [[String: Any]])
    #expect(sanity.map { $0["method"] as? String } == Self.methods.map(Optional.some))
    for result in sanity {
      let method = result["method"] as? String ?? "?"
      #expect(result["passed"] is Bool && result["threshold"] as? Double == 0.5, "\(method)")
      let stages = try #require(result["stages"] as? [[String: Any]], "\(method)")
      #expect(stages.map { $0["stage"] as? String } == ["output-layer", "lstm", "embedding"], "\(method)")
      #expect(stages.allSatisfy { $0["unchanged_expected"] is Bool && $0.keys.contains("spearman_rho") }, "\(method)")
      let outputLayer = try #require(stages.first)
      #expect(outputLayer["unchanged_expected"] as? Bool == (method == "trajectory"), "\(method)")
    }
    let curves = try String(contentsOf: out.appendingPathComponent("curves.csv"), encoding: .utf8)
    #expect(curves.contains("\nsanity,trajectory,output-layer,") && curves.contains("\nsanity,grad-input,embedding,"))
    #expect(outcome.stdout.contains("sanity"))

    // The randomised models come from the seed: a second run gives the same figures.
    let again = folder.appendingPathComponent("again")
    let second = try Self.evaluate(arguments + ["--out", again.path])
    #expect(second.status == 0, "\(second.stderr)")
    let encode = { (value: Any?) in try JSONSerialization.data(withJSONObject: value ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed]) }
    #expect(try encode(results["sanity"]) == encode(AnalyzeCommandTests.json(again.appendingPathComponent("results.json"))["sanity"]))
  }

  @Test("--lexicon: plausibility per method and for random; a line without a TAB names the file and line")
  func lexicon() throws {
    let (folder, path) = try Self.sampleCorpus()
    // The sample model's tokenizer gives one token per Han character.
    let lexicon = folder.appendingPathComponent("lexicon.tsv")
    try Data("# sentiment\n好\t2.0\n棒\t1.5\n差\t-2.5\n不\t-1\n".utf8).write(to: lexicon)
    let out = folder.appendingPathComponent("eval")
    let outcome = try Self.evaluate([path, "--out", out.path, "--no-sanity", "--lexicon", lexicon.path] + Self.fast)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let results = try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))
    let plausibility = try #require(results["plausibility"] as? [String: Any])
    #expect(plausibility["lexicon"] as? String == "lexicon.tsv")
    #expect(plausibility["entries"] as? Int == 4)
    #expect(plausibility["top_k"] as? Int == 5)
    #expect(plausibility["texts"] as? Int == 30)
    let entries = try #require(plausibility["results"] as? [[String: Any]])
    #expect(entries.map { $0["method"] as? String } == (Self.methods + ["random"]).map(Optional.some))
    #expect(entries.allSatisfy { Self.isEstimate($0["agreeing"]) && Self.isEstimate($0["covered"]) })
    let covered = entries.compactMap { ($0["covered"] as? [String: Any])?["mean"] as? Double }
    #expect(covered.contains { $0 > 0 }, "no top token of any method is in the lexicon: \(covered)")
    #expect(outcome.stdout.contains("plausibility") && outcome.stdout.contains("lexicon.tsv (4 entries)"))

    let bad = folder.appendingPathComponent("bad-lexicon.tsv")
    try Data("好\t2.0\nbad -2.5\n".utf8).write(to: bad)
    let badOut = folder.appendingPathComponent("bad-eval")
    let failed = try Self.evaluate([path, "--out", badOut.path, "--no-sanity", "--lexicon", bad.path] + Self.fast)
    #expect(failed.status == 1, "\(failed.stderr)")
    #expect(failed.stderr.contains("bad-lexicon.tsv:2:") && failed.stderr.contains("TAB"), "\(failed.stderr)")
    #expect(failed.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: badOut.path))
  }

  @Test("the same seed and threads give the same results.json but for the timings, and the same curves.csv")
  func deterministic() throws {
    let (folder, path) = try Self.sampleCorpus(rows: 20)
    let arguments = [path, "--no-sanity", "--seed", "11", "--threads", "2"] + Self.fast
    let first = folder.appendingPathComponent("first"), second = folder.appendingPathComponent("second")
    for out in [first, second] {
      let outcome = try Self.evaluate(arguments + ["--out", out.path])
      #expect(outcome.status == 0, "\(outcome.stderr)")
    }
    #expect(try Self.withoutTimings(first.appendingPathComponent("results.json"))
      == Self.withoutTimings(second.appendingPathComponent("results.json")))
    #expect(try Data(contentsOf: first.appendingPathComponent("curves.csv"))
      == Data(contentsOf: second.appendingPathComponent("curves.csv")))
  }

  @Test("an unknown label names the file and line; --skip-bad-rows lists it in rejected.tsv")
  func unknownLabel() throws {
    let (folder, path) = try AnalyzeCommandTests.corpus("negative\t很差的酒店\nneutral\t一般\npositive\t很好\n")
    let out = folder.appendingPathComponent("eval")
    let failed = try Self.evaluate([path, "--out", out.path, "--no-sanity"] + Self.fast)
    #expect(failed.status == 1, "\(failed.stderr)")
    #expect(failed.stderr.contains("corpus.tsv:3: label 'neutral'"), "\(failed.stderr)")
    #expect(failed.stderr.contains("--label-map") && failed.stderr.contains("--skip-bad-rows"), "\(failed.stderr)")
    #expect(failed.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corpus.tsv"])

    let skipped = try Self.evaluate([path, "--out", out.path, "--no-sanity", "--skip-bad-rows"] + Self.fast)
    #expect(skipped.status == 0, "\(skipped.stderr)")
    #expect(skipped.stderr.contains("1 row(s) rejected"), "\(skipped.stderr)")
    let rejected = try String(contentsOf: out.appendingPathComponent("rejected.tsv"), encoding: .utf8)
    #expect(rejected.hasPrefix("line\treason\traw\n"))
    #expect(rejected.contains("3\tlabel 'neutral' is not a label of model"), "\(rejected)")
    let results = try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))
    #expect(results["texts"] as? Int == 2)
    #expect((results["notes"] as? [String])?.contains { $0.contains("rejected") } == true)
  }

  @Test("a corpus with only a header fails clearly and creates no DIR")
  func emptyCorpus() throws {
    let (folder, path) = try AnalyzeCommandTests.corpus("")
    let out = folder.appendingPathComponent("eval")
    let outcome = try Self.evaluate([path, "--out", out.path, "--no-sanity"] + Self.fast)
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("corpus.tsv") && outcome.stderr.contains("no rows"), "\(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corpus.tsv"])
  }

  @Test("usage errors exit 64, a missing corpus exits 1, and none writes DIR")
  func usageErrors() throws {
    let (folder, path) = try Self.sampleCorpus(rows: 5)
    let model = try TrainedSampleModel.path()
    let out = folder.appendingPathComponent("eval").path
    let common = ["--model", model, "--out", out, "--no-sanity"]
    let checks = BadInputTests()
    try checks.expectFailure(["evaluate", path, "--limit", "0"] + common, status: 64, mentioning: "--limit")
    try checks.expectFailure(["evaluate", path, "--target", "positive"] + common, status: 64, mentioning: "--target")
    try checks.expectFailure(["evaluate", path, "--method", "trajectory,magic"] + common, status: 64, mentioning: "magic")
    let missing = folder.appendingPathComponent("missing.tsv").path
    try checks.expectFailure(["evaluate", missing] + common + Self.fast, status: 1, mentioning: missing)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corpus.tsv"])
  }

  @Test("an existing DIR of the user's is refused, kept as it was, and with --force replaced whole")
  func replacesExistingDirectory() throws {
    let (folder, path) = try Self.sampleCorpus(rows: 10)
    let out = folder.appendingPathComponent("eval")
    try FileManager.default.createDirectory(at: out.appendingPathComponent("old-subfolder"), withIntermediateDirectories: true)
    try Data("old".utf8).write(to: out.appendingPathComponent("marker"))
    try Data("{}".utf8).write(to: out.appendingPathComponent("results.json"))
    let refused = try Self.evaluate([path, "--out", out.path, "--no-sanity"] + Self.fast)
    #expect(refused.status == 1 && refused.stderr.contains("refusing to replace directory '\(out.path)'")
            && refused.stderr.contains("--force"), "\(refused.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["marker", "old-subfolder", "results.json"])
    let outcome = try Self.evaluate([path, "--out", out.path, "--no-sanity", "--force"] + Self.fast)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == Self.outputs)
    #expect(try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))["texts"] as? Int == 10)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["corpus.tsv", "eval"])
  }

  @Test("without --method every implemented method is evaluated, random last")
  func defaultMethods() throws {
    let (folder, path) = try Self.sampleCorpus(rows: 5)
    let out = folder.appendingPathComponent("eval")
    let outcome = try Self.evaluate([path, "--out", out.path, "--limit", "3", "--no-sanity", "--bootstrap", "20",
                                     "--random-seeds", "1", "--samples", "10"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let results = try AnalyzeCommandTests.json(out.appendingPathComponent("results.json"))
    #expect(results["texts"] as? Int == 3)
    let all = ["trajectory", "gradient", "grad-input", "integrated-gradients", "smoothgrad", "occlusion", "lrp", "shapley",
               "prefix-prediction", "embedding-norm"]
    #expect(try Self.methodResults(results).map { $0["method"] as? String } == (all + ["random"]).map(Optional.some))
    #expect((results["agreement"] as? [Any])?.count == all.count * (all.count - 1) / 2)
    for method in all { #expect(outcome.stdout.contains("\n\(method) "), "\(method)") }
  }
}
