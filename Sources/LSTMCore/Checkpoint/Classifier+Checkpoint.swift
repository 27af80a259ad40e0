import Foundation

/// Reading and writing a classifier as a safetensors model file (PyTorch tensor names, float32).
///
/// The model file's `__metadata__` holds `saliency.*` strings. LSTMCore reads only what the network needs
/// (`saliency.format_version`, `saliency.special_ids`); every other key is carried opaquely for the layers
/// above (vocabulary, tokenizer, labels, metrics).
extension Classifier {
  /// The metadata key of the format version, and the only version this build reads.
  public static let formatVersionKey = "saliency.format_version"
  public static let formatVersion = "1"
  public static let specialIdsKey = "saliency.special_ids"

  /// A classifier from an archive: sizes come from the tensor shapes, which must agree with each other.
  /// A tensors-only file (a PyTorch export) loads with `<pad>` = 0 and no `<unk>`.
  public init(archive: SafetensorsArchive) throws {
    let source = archive.source
    if let version = archive.metadata[Self.formatVersionKey], version != Self.formatVersion {
      throw ModelFileError.unsupportedFormatVersion(source: source, found: version, supported: Self.formatVersion)
    }
    if let feature = Self.unsupportedFeature(tensorNames: archive.tensorNames) {
      throw ModelFileError.unsupportedArchitecture(source: source, feature: feature)
    }
    guard let embedding = archive.tensor(named: ParameterLayout.Name.embedding.rawValue) else {
      throw CheckpointError.missingTensor(source: source, name: ParameterLayout.Name.embedding.rawValue, available: archive.tensorNames)
    }
    guard let outputWeights = archive.tensor(named: ParameterLayout.Name.outputWeights.rawValue) else {
      throw CheckpointError.missingTensor(source: source, name: ParameterLayout.Name.outputWeights.rawValue, available: archive.tensorNames)
    }
    guard embedding.shape.count == 2, outputWeights.shape.count == 2, embedding.shape.allSatisfy({ $0 > 0 }),
          outputWeights.shape.allSatisfy({ $0 > 0 }) else {
      throw ModelFileError.inconsistentShapes(
        source: source, detail: "embedding.weight \(embedding.shape) and fc.weight \(outputWeights.shape) must both be non-empty 2-D")
    }
    let config = ModelConfig(vocabularySize: embedding.shape[0], embeddingSize: embedding.shape[1],
                             hiddenSize: outputWeights.shape[1], classCount: outputWeights.shape[0])
    let layout = ParameterLayout(config)
    // Every tensor is found and shape-checked before the flat buffer is allocated: V, E, H and K come from
    // two shapes only, and a file that lies about the rest (fc.weight [1, 100000] without the LSTM tensors:
    // 4H·H = 4·10¹⁰ floats) must be rejected, not make the loader allocate for tensors it does not hold.
    let tensors = try layout.entries.map { entry in (entry, try archive.require(entry.name.rawValue, shape: entry.shape)) }
    // Every tensor of the file is one the architecture uses: a tensor this reader would ignore could change what
    // the model computes (a second layer, a bias), so the numbers would be silently wrong.
    let used = Set(layout.entries.map(\.name.rawValue))
    if let unused = archive.tensorNames.sorted().first(where: { !used.contains($0) }) {
      throw ModelFileError.unusedTensor(source: source, name: unused, expected: layout.entries.map(\.name.rawValue))
    }
    var parameters = [Float](repeating: 0, count: layout.totalCount)
    for (entry, values) in tensors {
      parameters.replaceSubrange(entry.range, with: values)
    }
    let specialIds = try Self.specialIds(from: archive.metadata[Self.specialIdsKey], source: source, vocabularySize: config.vocabularySize)
    self.init(config: config, parameters: parameters, specialIds: specialIds)
  }

  /// The archive of this model with the given extra metadata; the format version and special ids are added.
  public func archive(metadata: [String: String] = [:]) throws -> SafetensorsArchive {
    var all = metadata
    all[Self.formatVersionKey] = Self.formatVersion
    all[Self.specialIdsKey] = specialIds.unk.map { "{\"pad\":\(specialIds.pad),\"unk\":\($0)}" } ?? "{\"pad\":\(specialIds.pad)}"
    let tensors = try layout.entries.map { entry in
      try SafetensorsArchive.Tensor(name: entry.name.rawValue, shape: entry.shape, values: Array(parameters[entry.range]))
    }
    return try SafetensorsArchive(tensors: tensors, metadata: all)
  }

  /// The architecture feature that PyTorch's tensor names show and this build does not read, in words, or nil.
  /// `nn.LSTM(num_layers: N)` names layer k's tensors `lstm.weight_ih_l{k}`…; `bidirectional=True` adds
  /// `…_reverse`; `nn.GRU` names them `gru.*`.
  static func unsupportedFeature(tensorNames: [String]) -> String? {
    if tensorNames.contains(where: { $0.hasPrefix("gru.") }) {
      return "a GRU encoder (nn.GRU, tensors gru.*); this build reads nn.LSTM encoders (lstm.*) only"
    }
    let recurrent = tensorNames.filter { $0.hasPrefix("lstm.") }
    if recurrent.contains(where: { $0.hasSuffix("_reverse") }) {
      return "a bidirectional LSTM (bidirectional=True, tensors lstm.*_reverse); this build reads one direction only"
    }
    let layers = Set(recurrent.compactMap { name -> Int? in
      guard let range = name.range(of: "_l", options: .backwards) else { return nil }
      return Int(name[range.upperBound...])
    })
    if let deepest = layers.max(), deepest > 0 {
      return "a stacked LSTM of \(deepest + 1) layers (num_layers=\(deepest + 1), tensors lstm.*_l\(deepest)); this build "
        + "reads one layer (lstm.*_l0) only"
    }
    return nil
  }

  /// `saliency.special_ids`: `{"pad": P}` or `{"pad": P, "unk": U}`, integer ids inside the vocabulary, distinct,
  /// and no other key (an id this reader would ignore could change what the model means).
  private static func specialIds(from json: String?, source: String, vocabularySize: Int) throws -> SpecialTokenIds {
    guard let json else { return SpecialTokenIds(pad: 0, unk: nil) }
    func invalid(_ detail: String) -> ModelFileError {
      .invalidMetadata(source: source, key: specialIdsKey, detail: detail)
    }
    guard let object = try? JSONDecoder().decode([String: Int].self, from: Data(json.utf8)) else {
      throw invalid("expected a JSON object of integer ids like {\"pad\":0,\"unk\":1}")
    }
    if let extra = object.keys.sorted().first(where: { $0 != "pad" && $0 != "unk" }) {
      throw invalid("unknown key '\(extra)'; only pad and unk are defined")
    }
    func id(_ key: String) throws -> Int? {
      guard let id = object[key] else { return nil }
      guard (0..<vocabularySize).contains(id) else { throw invalid("\(key) id \(id) is outside the vocabulary of \(vocabularySize)") }
      return id
    }
    guard let pad = try id("pad") else { throw invalid("the pad id is missing; expected a JSON object like {\"pad\":0,\"unk\":1}") }
    let unk = try id("unk")
    if unk == pad { throw invalid("pad and unk are both id \(pad); they must differ") }
    return SpecialTokenIds(pad: pad, unk: unk)
  }
}

/// A model file that is a valid safetensors archive but not a valid `saliency` model.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
  case unsupportedFormatVersion(source: String, found: String, supported: String)
  case inconsistentShapes(source: String, detail: String)
  case invalidMetadata(source: String, key: String, detail: String)
  /// The tensor names describe an architecture this build cannot run (named in words).
  case unsupportedArchitecture(source: String, feature: String)
  /// A tensor the embedding → LSTM → dense architecture does not use.
  case unusedTensor(source: String, name: String, expected: [String])

  public var description: String {
    switch self {
    case .unsupportedFormatVersion(let source, let found, let supported):
      return "\(source): model format version \(found) is not supported (this saliency reads version \(supported)); retrain or re-export the model with this version"
    case .inconsistentShapes(let source, let detail):
      return "\(source): tensor shapes do not fit an embedding → LSTM → dense model: \(detail)"
    case .invalidMetadata(let source, let key, let detail):
      return "\(source): metadata \(key) is invalid: \(detail)"
    case .unsupportedArchitecture(let source, let feature):
      return "\(source): the model is \(feature); loading it anyway would compute different numbers than the model does"
    case .unusedTensor(let source, let name, let expected):
      return "\(source): tensor \(name) is not part of an embedding → LSTM → dense model, whose tensors are "
        + "\(expected.joined(separator: ", ")); the file describes another architecture (remove the tensor only if "
        + "the model does not use it)"
    }
  }
}
