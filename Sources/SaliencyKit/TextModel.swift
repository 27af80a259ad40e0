import Foundation
import Corpus
import LSTMCore

/// A classifier with what turns text into its inputs and its outputs into words: vocabulary, tokenizer
/// settings and class labels, all read from (and written to) the model file's `saliency.*` metadata.
public struct TextModel: Sendable {
  /// Metadata keys owned by this layer (the vocabulary and tokenizer keys belong to Corpus).
  public enum MetadataKey {
    public static let labels = "saliency.labels"
    public static let config = "saliency.config"
    public static let metrics = "saliency.metrics"
    public static let trainSHA256 = "saliency.train_sha256"
    /// What the model was trained on: domains, row counts and per-domain test figures (a JSON object; see
    /// `TrainingDataCard`). Written by `scripts/model_card.py` after training; absent from most files.
    public static let trainingData = "saliency.training_data"
  }

  /// `default-zh`, `default-en`, or the file name.
  public let name: String
  /// The file it came from; nil for an embedded model.
  public let path: String?
  public var classifier: Classifier
  /// One label per class, in model order; `"0"…"K-1"` when the file has none.
  public var labels: [String]
  /// nil for a tensors-only file (explain token ids only).
  public var vocabulary: Vocabulary?
  public var tokenizer: Tokenizer
  /// Every metadata string of the file, including keys this build does not know.
  public var metadata: [String: String]

  public init(classifier: Classifier, labels: [String], vocabulary: Vocabulary?, tokenizer: Tokenizer,
              metadata: [String: String] = [:], name: String, path: String? = nil) {
    self.classifier = classifier
    self.labels = labels
    self.vocabulary = vocabulary
    self.tokenizer = tokenizer
    self.metadata = metadata
    self.name = name
    self.path = path
  }

  /// Reads a model from a safetensors archive (file or embedded bytes).
  public init(archive: SafetensorsArchive, name: String, path: String?) throws {
    let classifier = try Classifier(archive: archive)
    let metadata = archive.metadata
    let source = archive.source
    var labels = (0..<classifier.config.classCount).map(String.init)
    if let json = metadata[MetadataKey.labels] {
      guard let decoded = try? JSONDecoder().decode([String].self, from: Data(json.utf8)),
            decoded.count == classifier.config.classCount, Set(decoded).count == decoded.count else {
        throw ModelFileError.invalidMetadata(
          source: source, key: MetadataKey.labels,
          detail: "expected a JSON array of \(classifier.config.classCount) distinct strings, found \(json.prefix(80))")
      }
      labels = decoded
    }
    try ModelConfigMetadata.check(metadata[MetadataKey.config], against: classifier.config, source: source)
    var vocabulary: Vocabulary?
    if let json = metadata[Vocabulary.metadataKey] {
      do {
        vocabulary = try Vocabulary(metadataJSON: json)
      } catch {
        throw ModelFileError.invalidMetadata(source: source, key: Vocabulary.metadataKey, detail: "\(error)")
      }
      let ids = classifier.specialIds
      if ids.pad != Vocabulary.padId || (ids.unk != nil && ids.unk != Vocabulary.unkId) {
        throw ModelFileError.invalidMetadata(
          source: source, key: Classifier.specialIdsKey,
          detail: "pad \(ids.pad) and unk \(ids.unk.map(String.init) ?? "none") disagree with the vocabulary, which holds "
            + "\(Vocabulary.padToken) at \(Vocabulary.padId) and \(Vocabulary.unkToken) at \(Vocabulary.unkId)")
      }
      if vocabulary?.count != classifier.config.vocabularySize {
        throw ModelFileError.invalidMetadata(
          source: source, key: Vocabulary.metadataKey,
          detail: "\(vocabulary?.count ?? 0) entries, but embedding.weight has \(classifier.config.vocabularySize) rows")
      }
    }
    var tokenizer = Tokenizer()
    if let json = metadata[Tokenizer.metadataKey] {
      do {
        tokenizer = try Tokenizer(metadataJSON: json)
      } catch {
        throw ModelFileError.invalidMetadata(source: source, key: Tokenizer.metadataKey, detail: "\(error)")
      }
    }
    self.init(classifier: classifier, labels: labels, vocabulary: vocabulary, tokenizer: tokenizer,
              metadata: metadata, name: name, path: path)
  }

  /// Reads a model file.
  public static func load(path: String) throws -> TextModel {
    let url = URL(fileURLWithPath: path)
    return try TextModel(archive: SafetensorsArchive(contentsOf: url), name: url.lastPathComponent, path: path)
  }

  /// The archive to write: tensors plus every metadata key, with this model's labels, vocabulary and tokenizer.
  public func archive() throws -> SafetensorsArchive {
    var all = metadata
    all[MetadataKey.labels] = JSONValueText.array(labels)
    if let vocabulary { all[Vocabulary.metadataKey] = vocabulary.metadataJSON() }
    all[Tokenizer.metadataKey] = tokenizer.metadataJSON()
    return try classifier.archive(metadata: all)
  }

  /// The index of a label, if the model has it.
  public func labelIndex(_ label: String) -> Int? { labels.firstIndex(of: label) }
}

/// JSON text of simple values, for metadata strings.
enum JSONValueText {
  static func array(_ strings: [String]) -> String {
    (try? String(decoding: JSONEncoder().encode(strings), as: UTF8.self)) ?? "[]"
  }
}
