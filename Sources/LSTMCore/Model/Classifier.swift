/// An embedding → recurrent encoder → dense → softmax classifier: a value holding its configuration and one flat
/// parameter buffer laid out by `ParameterLayout`. Nothing is cached between calls.
///
/// Forward: e_t = embedding[x_t]; the encoder (`Encoder`: LSTM layers (F1)–(F4) or GRU layers (G1)–(G4), stacked,
/// optionally bidirectional) gives the top layer's final state h = [h→_T; h←_1] (h_T for one direction, h_0 = c_0 = 0);
/// logits = W_fc h + b_fc; p = softmax(logits).
public struct Classifier: Sendable {
  public let config: ModelConfig
  public let layout: ParameterLayout
  /// All parameters, laid out by `layout`. [P]
  public var parameters: [Float] {
    didSet { derivedWeights = DerivedWeights(parameters: parameters, layout: layout, config: config) }
  }
  public let specialIds: SpecialTokenIds
  /// The packed recurrent weights and input biases, derived from `parameters` and kept in step with them.
  private(set) var derivedWeights: DerivedWeights

  /// A model with given parameters.
  /// - Precondition: `parameters.count == ParameterLayout(config).totalCount`.
  public init(config: ModelConfig, parameters: [Float], specialIds: SpecialTokenIds = SpecialTokenIds()) {
    let layout = ParameterLayout(config)
    precondition(parameters.count == layout.totalCount, "parameter buffer does not match the layout")
    self.config = config
    self.layout = layout
    self.parameters = parameters
    self.specialIds = specialIds
    derivedWeights = DerivedWeights(parameters: parameters, layout: layout, config: config)
  }

  /// A freshly initialised model, as PyTorch initialises it: embedding rows ~ N(0, 1) with the `<pad>` row
  /// zero; recurrent and dense weights and biases ~ U(−1/√H, 1/√H); plus 1 on every LSTM forget-gate input bias so
  /// early training keeps memory.
  public init(randomlyInitialised config: ModelConfig, specialIds: SpecialTokenIds = SpecialTokenIds(),
              generator: inout SplitMix64) {
    let layout = ParameterLayout(config)
    var values = [Float](repeating: 0, count: layout.totalCount)
    let bound = 1 / Float(config.hiddenSize).squareRoot()
    for entry in layout.entries {
      for index in entry.range {
        values[index] = entry.name == .embedding
          ? generator.nextGaussian() : generator.nextUniform(in: -bound..<bound)
      }
    }
    let embedding = layout[.embedding]
    let padStart = embedding.offset + specialIds.pad * config.embeddingSize
    for index in padStart..<(padStart + config.embeddingSize) { values[index] = 0 }
    for entry in layout.entries where config.cell == .lstm {
      guard case .recurrent(.inputBias, _, _) = entry.name else { continue }
      let forgetBias = entry.offset + config.hiddenSize
      for index in forgetBias..<(forgetBias + config.hiddenSize) { values[index] += 1 }
    }
    self.init(config: config, parameters: values, specialIds: specialIds)
  }

  /// The values of one named tensor.
  public func tensor(_ name: ParameterLayout.Name) -> ArraySlice<Float> { parameters[layout[name].range] }

  /// Checks that every token id indexes the embedding table.
  public func validate(tokenIds: [Int]) throws(ModelError) {
    if let bad = tokenIds.first(where: { $0 < 0 || $0 >= config.vocabularySize }) {
      throw .tokenIdOutOfRange(id: bad, vocabularySize: config.vocabularySize)
    }
  }
}

/// Errors about a model's inputs or contents.
public enum ModelError: Error, Equatable, CustomStringConvertible {
  case tokenIdOutOfRange(id: Int, vocabularySize: Int)

  public var description: String {
    switch self {
    case .tokenIdOutOfRange(let id, let size):
      return "token id \(id) is outside the model's vocabulary (valid ids are 0…\(size - 1))"
    }
  }
}
