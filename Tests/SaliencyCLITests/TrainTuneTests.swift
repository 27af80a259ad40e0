import Foundation
import Testing

@Suite("saliency train --tune")
struct TrainTuneTests {
  /// A keyword task with noise: label positive when "good" outnumbers "bad"; filler words around them.
  static func corpus(rows: Int, seed: UInt64) -> String {
    var state = seed
    func next(_ bound: Int) -> Int {  // SplitMix64, so the corpus is the same on every run
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
    let filler = ["the", "food", "was", "service", "room", "and", "very", "not", "quite", "staff", "time", "place"]
    var lines = ["label\ttext"]
    for _ in 0..<rows {
      var words: [String] = [], score = 0
      for _ in 0..<(3 + next(8)) {
        switch next(6) {
        case 0: words.append("good"); score += 1
        case 1: words.append("bad"); score -= 1
        default: words.append(filler[next(filler.count)])
        }
      }
      let label = score > 0 || (score == 0 && next(2) == 0) ? "positive" : "negative"
      lines.append("\(label)\t\(words.joined(separator: " "))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static let small = ["--embedding-size", "8", "--hidden-size", "8", "--epochs", "3", "--patience", "1", "--batch-size", "16",
                      "--min-count", "1", "--threads", "1", "--seed", "5"]

  /// (settings, dev accuracy) of every "trial i/n (…): best dev accuracy X at epoch N" line on stderr.
  static func trials(_ stderr: String) -> [(settings: String, accuracy: Double)] {
    stderr.split(separator: "\n").compactMap { line in
      guard line.contains("trial "), let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")"),
            let range = line.range(of: "best dev accuracy ") else { return nil }
      let number = line[range.upperBound...].prefix { !$0.isWhitespace }
      return Double(number).map { (String(line[line.index(after: open)..<close]), $0) }
    }
  }

  static func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }
  static func numbers(_ value: Any?) -> [Double] { (value as? [Any] ?? []).map(number) }

  @Test("tries the documented grid, keeps the best dev trial, records it, and writes one model, the same every run")
  func tune() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let train = folder.appendingPathComponent("train.tsv"), dev = folder.appendingPathComponent("dev.tsv")
    try Self.corpus(rows: 120, seed: 1).write(to: train, atomically: true, encoding: .utf8)
    try Self.corpus(rows: 40, seed: 2).write(to: dev, atomically: true, encoding: .utf8)
    var bytes: [Data] = []
    for run in ["a", "b"] {
      let out = folder.appendingPathComponent(run)
      try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
      let model = out.appendingPathComponent("tuned.safetensors")
      let outcome = try CommandRunner.run(["train", train.path, "--dev", dev.path, "--out", model.path, "--tune"] + Self.small)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["tuned.safetensors"])
      bytes.append(try Data(contentsOf: model))

      let trials = Self.trials(outcome.stderr)
      #expect(trials.count == 8, "\(outcome.stderr)")
      let info = try CommandRunner.run(["info", "--model", model.path, "--format", "json"])
      let card = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
      let config = try #require(card["config"] as? [String: Any])
      let tuned = try #require(config["tuned"] as? [String: Any])
      let recorded = try #require(tuned["trials"] as? [[String: Any]])
      let accuracies = recorded.map { Self.number($0["dev_accuracy"]) }
      #expect(accuracies.map { String(format: "%.4f", $0) } == trials.map { String(format: "%.4f", $0.accuracy) })
      // The winner: the highest dev accuracy, the earliest trial on a tie. On this corpus it is neither the first
      // nor the last trial, so a command that kept either would fail here.
      let winner = try #require(accuracies.firstIndex(of: accuracies.max() ?? -1))
      #expect(winner > 0 && accuracies[trials.count - 1] < accuracies[winner], "dev accuracies \(accuracies)")
      #expect(outcome.stdout.contains("tuned on dev: \(trials[winner].settings);"), "\(outcome.stdout)")
      let chosen = "dropout \(Float(Self.number(config["dropout"]))), learning rate \(Float(Self.number(config["learning_rate"]))), word dropout \(Float(Self.number(config["word_dropout"])))"
      #expect(chosen == trials[winner].settings)
      let grid = try #require(tuned["grid"] as? [String: Any])
      #expect(Self.numbers(grid["dropout"]) == [0.3, 0.5] && Self.numbers(grid["learning_rate"]) == [0.001, 0.002]
              && Self.numbers(grid["word_dropout"]) == [0, 0.2])
      let dev = try #require((card["metrics"] as? [String: Any])?["dev"] as? [String: Any])
      #expect(Self.number(dev["accuracy"]) == accuracies[winner])
    }
    #expect(bytes[0] == bytes[1], "two --tune runs with the same seed and threads wrote different models")
  }

  @Test("refuses an explicit value for a setting it chooses", arguments: ["--dropout", "--learning-rate", "--word-dropout"])
  func refusesTunedOptions(_ option: String) throws {
    let folder = try CommandRunner.temporaryDirectory()
    let train = folder.appendingPathComponent("train.tsv")
    try Self.corpus(rows: 10, seed: 3).write(to: train, atomically: true, encoding: .utf8)
    let model = folder.appendingPathComponent("m.safetensors")
    let outcome = try CommandRunner.run(["train", train.path, "--dev", train.path, "--out", model.path, "--tune", option, "0.01"])
    #expect(outcome.status == 64)
    #expect(outcome.stderr.contains("--tune chooses --dropout, --learning-rate and --word-dropout"), "\(outcome.stderr)")
    #expect(!FileManager.default.fileExists(atPath: model.path))
  }
}
