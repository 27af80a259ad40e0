import Foundation
import LSTMCore
import Reports

/// `saliency.config` (interface contract): the sizes V, E, H, K and, for a model `train` wrote, the settings it
/// was trained with. Written by `train`, checked when a model is loaded, shown by `info`; the sizes a file states
/// are the tensors'.
public struct ModelConfigMetadata: Sendable {
  /// The training settings recorded beside the sizes.
  public struct Training: Sendable {
    public var options: TrainingOptions
    public var minCount: Int
    public var maxVocabulary: Int
    public var maxTokens: Int
    /// `train --tune`'s record of the grid and every trial, or nil without `--tune`.
    public var tuned: JSONValue?

    public init(options: TrainingOptions, minCount: Int, maxVocabulary: Int, maxTokens: Int, tuned: JSONValue? = nil) {
      self.options = options
      self.minCount = minCount
      self.maxVocabulary = maxVocabulary
      self.maxTokens = maxTokens
      self.tuned = tuned
    }
  }

  public var config: ModelConfig
  /// nil: the sizes only (a file without `saliency.config`, shown by `info`).
  public var training: Training?

  public init(config: ModelConfig, training: Training? = nil) {
    self.config = config
    self.training = training
  }

  /// The JSON object, keys in contract order: V, E, H, K, the encoder (cell, layers, bidirectional), then the
  /// training settings.
  public var jsonValue: JSONValue {
    var members: [(String, JSONValue)] = [
      ("V", .int(config.vocabularySize)), ("E", .int(config.embeddingSize)), ("H", .int(config.hiddenSize)),
      ("K", .int(config.classCount)), ("cell", .string(config.cell.rawValue)), ("layers", .int(config.layers)),
      ("bidirectional", .bool(config.bidirectional)),
    ]
    if let training {
      let options = training.options
      members += [
        ("epochs", .int(options.epochs)), ("batch_size", .int(options.batchSize)),
        ("learning_rate", .float(options.learningRate)), ("dropout", .float(options.dropout)),
        ("word_dropout", .float(options.wordDropout)),
      ]
      // Dropout between layers exists only in a stacked encoder.
      if config.layers > 1 { members.append(("layer_dropout", .float(options.layerDropout))) }
      // Present only when the run averaged its weights.
      if options.weightAverage > 0 { members.append(("weight_average", .float(options.weightAverage))) }
      members += [
        ("clip_norm", .float(options.clipNorm)),
        ("patience", .int(options.patience)), ("min_count", .int(training.minCount)),
        ("max_vocabulary", .int(training.maxVocabulary)), ("max_tokens", .int(training.maxTokens)),
        ("seed", .int(Int(truncatingIfNeeded: options.seed))), ("threads", .int(options.threads)),
      ]
      if let tuned = training.tuned { members.append(("tuned", tuned)) }
    }
    return .object(members)
  }

  /// The metadata string.
  public func metadataJSON() -> String { jsonValue.serialized() }

  /// Checks a file's `saliency.config` (nil: absent, accepted): a JSON object whose sizes V, E, H, K, where
  /// given, are those of `config` (the tensors'); other keys are free.
  /// - Throws: ``ModelFileError/invalidMetadata(source:key:detail:)`` naming the key and the disagreement.
  static func check(_ json: String?, against config: ModelConfig, source: String) throws {
    guard let json else { return }
    let key = TextModel.MetadataKey.config
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
      throw ModelFileError.invalidMetadata(source: source, key: key, detail: "expected a JSON object, found \(json.prefix(80))")
    }
    let sizes = [("V", config.vocabularySize), ("E", config.embeddingSize), ("H", config.hiddenSize), ("K", config.classCount)]
    for (name, actual) in sizes where object[name] != nil {
      guard let stated = object[name] as? Int, stated == actual else {
        throw ModelFileError.invalidMetadata(source: source, key: key,
                                             detail: "\(name) is \(object[name] ?? "null"), but the tensors give \(actual)")
      }
    }
    // The encoder a file states must be the one its tensors describe and this build runs.
    let encoder: [(String, Any, (Any) -> Bool)] = [
      ("cell", config.cell.rawValue, { ($0 as? String) == config.cell.rawValue }),
      ("layers", config.layers, { ($0 as? Int) == config.layers }),
      ("bidirectional", config.bidirectional, { ($0 as? Bool) == config.bidirectional }),
    ]
    for (name, actual, matches) in encoder {
      guard let stated = object[name], !matches(stated) else { continue }
      let shown = name == "bidirectional" ? (stated as? Bool).map(String.init) ?? "\(stated)" : "\(stated)"
      throw ModelFileError.invalidMetadata(
        source: source, key: key,
        detail: "\(name) is \(shown), but the tensors describe \(name) \(actual)")
    }
  }
}
