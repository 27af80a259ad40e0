import Foundation
import Testing

/// Without `--model`, every text picks its default by its own script (before: the first text picked the model for
/// all, so `score "好" "good" "bad"` ran every text on default-zh); a text mostly unknown to its model is flagged.
@Suite("Each text its own model")
struct PerTextModelTests {
  static func objects(_ jsonl: String) throws -> [[String: Any]] {
    try jsonl.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  static func modelName(_ object: [String: Any]) -> String? { (object["model"] as? [String: Any])?["name"] as? String }

  @Test("score and explain: Chinese text to default-zh, English to default-en, in input order",
        arguments: [["score", "--format", "jsonl"], ["explain", "--format", "jsonl", "--method", "trajectory"]])
  func mixedScripts(_ command: [String]) throws {
    let outcome = try CommandRunner.run(command + ["好", "good", "很差", "bad"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let objects = try Self.objects(outcome.stdout)
    #expect(objects.map(Self.modelName) == ["default-zh", "default-en", "default-zh", "default-en"])
    #expect(objects.map { $0["text"] as? String } == ["好", "good", "很差", "bad"])
    #expect(objects.allSatisfy { $0["unknown_share"] as? Double == 0 })
  }

  @Test("explain --format html lists both models for mixed texts")
  func mixedHTML() throws {
    let outcome = try CommandRunner.run(["explain", "--format", "html", "好", "good"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("default-zh") && outcome.stdout.contains("default-en"))
  }

  @Test("a text mostly unknown to its model: unknown_share and a warning naming the text and the model")
  func mostlyUnknown() throws {
    let outcome = try CommandRunner.run(["explain", "--format", "json", "zzqx ploom wibble"])
    #expect(outcome.status == 0)
    let object = try #require(try Self.objects(outcome.stdout.replacingOccurrences(of: "\n", with: " ")).first)
    #expect(object["unknown_share"] as? Double == 1)
    #expect(outcome.stderr.contains("argument 1: 3 of 3 tokens are unknown to default-en"), "\(outcome.stderr)")
  }
}
