import Foundation
import LSTMCore
import Reports

/// `saliency info`: what a model is, as the contract's JSON object and as text.
extension TextModel {
  /// `{"name", "path", "labels", "tokenizer"}`: how explanation and score objects name their model. `tokenizer` is
  /// the unit of the tokens (`Tokenizer.Kind`: `character-han` = one token per Han character, `word-jieba` = jieba
  /// words), null for a model without a vocabulary (its tokens are ids).
  public var referenceJSON: JSONValue {
    .object([("name", .string(name)), ("path", path.map(JSONValue.string) ?? .null),
             ("labels", .array(labels.map(JSONValue.string))),
             ("tokenizer", vocabulary == nil ? .null : .string(tokenizer.kind.rawValue))])
  }

  public func cardJSON() -> JSONValue {
    .object([
      ("name", .string(name)), ("path", path.map(JSONValue.string) ?? .null),
      ("labels", .array(labels.map(JSONValue.string))),
      ("config", Self.parsedJSON(metadata[MetadataKey.config]) ?? ModelConfigMetadata(config: classifier.config).jsonValue),
      ("metrics", Self.parsedJSON(metadata[MetadataKey.metrics]) ?? .null),
      ("vocabulary_size", .int(classifier.config.vocabularySize)),
      ("format_version", metadata[Classifier.formatVersionKey].map(JSONValue.string) ?? .null),
      ("training_data", Self.parsedJSON(metadata[MetadataKey.trainingData]) ?? .null),
    ])
  }

  /// A short human-readable card.
  public func cardText() -> String {
    let c = classifier.config
    var lines = [
      "\(name)\(path.map { "  (\($0))" } ?? "  (embedded)")",
      "  labels: \(labels.joined(separator: ", "))",
      "  sizes: vocabulary \(c.vocabularySize), embedding \(c.embeddingSize), hidden \(c.hiddenSize), classes \(c.classCount)",
      "  vocabulary: \(vocabulary == nil ? "none (token ids only)" : "yes"); tokenizer: \(tokenizer.metadataJSON())",
    ]
    if let metrics = Self.parsedJSON(metadata[MetadataKey.metrics]) { lines.append("  metrics: \(metrics.serialized())") }
    if let sha = metadata[MetadataKey.trainSHA256] { lines.append("  training data sha256: \(sha)") }
    if let json = metadata[MetadataKey.trainingData] {
      if let card = TrainingDataCard(json: json) {
        lines += card.lines().map { "  " + $0 }
      } else {
        lines.append("  training data: unreadable \(MetadataKey.trainingData) metadata (\(json.prefix(60))…)")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A JSON metadata string as a value with sorted keys (deterministic output), or nil.
  static func parsedJSON(_ text: String?) -> JSONValue? {
    guard let text, let decoded = try? JSONDecoder().decode(DecodedJSON.self, from: Data(text.utf8)) else { return nil }
    return decoded.sortedValue
  }
}
