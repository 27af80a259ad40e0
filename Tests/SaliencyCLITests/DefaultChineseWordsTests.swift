import Foundation
import Testing

@Suite("default-zh explains in jieba words, and the JSON says which unit")
struct DefaultChineseWordsTests {
  static func objects(_ stdout: String) throws -> [[String: Any]] {
    try stdout.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  @Test("explain without --model: Chinese tokens are words with their offsets; the model block names the tokenizer")
  func wordsWithOffsets() throws {
    let outcome = try CommandRunner.run(["explain", "--format", "jsonl", "屏幕很清楚，质量不错", "Great screen"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let objects = try Self.objects(outcome.stdout)
    try #require(objects.count == 2)
    let (chinese, english) = (objects[0], objects[1])
    let tokens = try #require(chinese["tokens"] as? [[String: Any]])
    // jieba: 屏幕|很|清楚|，|质量|不错
    #expect(tokens.map { $0["text"] as? String } == ["屏幕", "很", "清楚", "，", "质量", "不错"])
    #expect(tokens.map { $0["start"] as? Int } == [0, 2, 3, 5, 6, 8])
    #expect(tokens.map { $0["end"] as? Int } == [2, 3, 5, 6, 8, 10])
    #expect(tokens.allSatisfy { ($0["id"] as? Int ?? 1) > 1 }, "every word of this sentence is in the vocabulary")
    let scores = try #require(((chinese["explanations"] as? [[String: Any]])?.first)?["scores"] as? [Double])
    #expect(scores.count == tokens.count)
    #expect((chinese["model"] as? [String: Any])?["tokenizer"] as? String == "word-jieba")
    #expect((english["model"] as? [String: Any])?["tokenizer"] as? String == "character-han")
  }

  @Test("score's model block names the tokenizer too; a tensors-only model's is null")
  func scoreAndTensorsOnly() throws {
    let outcome = try CommandRunner.run(["score", "--model", "default-zh", "--format", "json", "很好"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    #expect((object["model"] as? [String: Any])?["tokenizer"] as? String == "word-jieba")

    let tensorsOnly = CommandRunner.fixtures.appendingPathComponent("pytorch-export.safetensors")
    let ids = try CommandRunner.run(["explain", "--model", tensorsOnly.path, "--token-ids", "2,3", "--format", "json"])
    #expect(ids.status == 0, "\(ids.stderr)")
    let idObject = try #require(try JSONSerialization.jsonObject(with: Data(ids.stdout.utf8)) as? [String: Any])
    let model = try #require(idObject["model"] as? [String: Any])
    #expect(model.keys.contains("tokenizer") && model["tokenizer"] is NSNull)
  }
}
