import Foundation
import Testing

@Suite("saliency train --tokenizer")
struct TrainTokenizerTests {
  /// Four reviews, jieba words: 屏幕|很|清楚|，|质量|不错 · 电池|太差|了|，|非常|失望 · 物流|很快|，|推荐|购买 ·
  /// 客服|态度|很差|，|不|推荐.
  static let corpus = "label\ttext\npositive\t屏幕很清楚，质量不错\nnegative\t电池太差了，非常失望\n"
    + "positive\t物流很快，推荐购买\nnegative\t客服态度很差，不推荐\n"

  /// Trains on `corpus` (train and dev) with `arguments` added; returns the outcome and the model's path.
  static func train(_ arguments: [String], in folder: URL, name: String) throws -> (CommandRunner.Outcome, URL) {
    let data = folder.appendingPathComponent("reviews.tsv")
    if !FileManager.default.fileExists(atPath: data.path) { try corpus.write(to: data, atomically: true, encoding: .utf8) }
    let out = folder.appendingPathComponent(name)
    let outcome = try CommandRunner.run(["train", data.path, "--dev", data.path, "--out", out.path, "--epochs", "2",
                                         "--min-count", "1", "--embedding-size", "8", "--hidden-size", "8",
                                         "--threads", "1"] + arguments)
    return (outcome, out)
  }

  /// The `__metadata__` of a safetensors file: 8 bytes little-endian header length, then the JSON header.
  static func metadata(_ url: URL) throws -> [String: String] {
    let bytes = try Data(contentsOf: url)
    let length = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    let header = try #require(try JSONSerialization.jsonObject(with: bytes.subdata(in: 8..<(8 + length))) as? [String: Any])
    return try #require(header["__metadata__"] as? [String: String])
  }

  static func vocabulary(_ url: URL) throws -> [String] {
    let json = try #require(try metadata(url)["saliency.vocabulary"])
    return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
  }

  static func tokenizerKind(_ url: URL) throws -> String? {
    let json = try #require(try metadata(url)["saliency.tokenizer"])
    return (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["kind"] as? String
  }

  @Test("--tokenizer word-jieba trains on jieba words and records the kind; explain cuts text the same way")
  func wordJieba() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let (outcome, model) = try Self.train(["--tokenizer", "word-jieba"], in: folder, name: "words.safetensors")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(try Self.tokenizerKind(model) == "word-jieba")
    let vocabulary = try Self.vocabulary(model)
    for word in ["屏幕", "质量", "不错", "失望", "推荐", "客服", ","] {  // "，" has the vocabulary form ","
      #expect(vocabulary.contains(word), "vocabulary lacks \(word): \(vocabulary)")
    }
    for character in ["屏", "幕", "质", "望"] { #expect(!vocabulary.contains(character), "\(character) in \(vocabulary)") }

    let explained = try CommandRunner.run(["explain", "--model", model.path, "--format", "json", "屏幕不错，推荐"])
    #expect(explained.status == 0, "\(explained.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(explained.stdout.utf8)) as? [String: Any])
    let tokens = try #require(object["tokens"] as? [[String: Any]])
    #expect(tokens.map { $0["text"] as? String } == ["屏幕", "不错", "，", "推荐"])
    #expect(tokens.map { $0["start"] as? Int } == [0, 2, 4, 5])
    #expect(tokens.map { $0["end"] as? Int } == [2, 4, 5, 7])
    #expect((object["model"] as? [String: Any])?["tokenizer"] as? String == "word-jieba")
  }

  @Test("--tokenizer word-jieba-backoff keeps frequent words and reads the others as characters, in training and explain")
  func wordJiebaBackoff() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let (outcome, model) = try Self.train(["--tokenizer", "word-jieba-backoff", "--min-count", "2"], in: folder,
                                          name: "backoff.safetensors")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(try Self.tokenizerKind(model) == "word-jieba-backoff")
    // Seen twice as words: "，" and 推荐. Seen twice once 很快, 很差, 太差 and 不错 are read as characters: 很, 差, 不.
    let vocabulary = try Self.vocabulary(model)
    #expect(vocabulary == ["<pad>", "<unk>", ",", "很", "不", "差", "推荐"], "\(vocabulary)")

    let explained = try CommandRunner.run(["explain", "--model", model.path, "--format", "json", "很差，不推荐"])
    #expect(explained.status == 0, "\(explained.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(explained.stdout.utf8)) as? [String: Any])
    let tokens = try #require(object["tokens"] as? [[String: Any]])
    #expect(tokens.map { $0["text"] as? String } == ["很", "差", "，", "不", "推荐"])
    #expect(tokens.map { $0["start"] as? Int } == [0, 1, 2, 3, 4])
    #expect(tokens.allSatisfy { $0["unknown"] == nil }, "\(tokens)")  // the field is there only when true
    #expect((object["model"] as? [String: Any])?["tokenizer"] as? String == "word-jieba-backoff")
  }

  @Test("without --tokenizer a model is character-level")
  func characterDefault() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let (outcome, model) = try Self.train([], in: folder, name: "characters.safetensors")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(try Self.tokenizerKind(model) == "character-han")
    let vocabulary = try Self.vocabulary(model)
    #expect(vocabulary.contains("屏") && vocabulary.contains("幕") && !vocabulary.contains("屏幕"))
  }

  @Test("the same seed and threads give the same word-level model, byte for byte")
  func deterministic() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let (first, a) = try Self.train(["--tokenizer", "word-jieba", "--seed", "7"], in: folder, name: "a.safetensors")
    let (second, b) = try Self.train(["--tokenizer", "word-jieba", "--seed", "7"], in: folder, name: "b.safetensors")
    #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
    #expect(try Data(contentsOf: a) == Data(contentsOf: b))
  }

  @Test("an unknown --tokenizer is a usage error naming the choices")
  func unknownKind() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let (outcome, model) = try Self.train(["--tokenizer", "words"], in: folder, name: "m.safetensors")
    #expect(outcome.status == 64)
    #expect(outcome.stderr.contains("character-han") && outcome.stderr.contains("word-jieba"), "\(outcome.stderr)")
    #expect(!FileManager.default.fileExists(atPath: model.path))
  }
}
