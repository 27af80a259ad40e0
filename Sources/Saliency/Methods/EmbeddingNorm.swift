import LSTMCore

/// Embedding norm: a word's context-free importance as the length of its embedding vector,
///
///     score_t = ‖v_{w_t}‖₂      (v = the model's embedding table [V, E]; unsigned)
///
/// The seed's "simpler GloVe" post finds ‖v_w‖² tracking −log P(w), an ICF-like weight: frequent function
/// words get short vectors, rarer content words long ones. It reads neither the context nor the class: a word
/// scores the same in every text and for every target, so it is the baseline that says how much of another
/// method's map the words alone, out of context, explain. Read off the embedded input (the shared forward
/// trace's, when there is one).
public struct EmbeddingNorm: SaliencyMethod {
  public static let id = SaliencyMethodID(rawValue: "embedding-norm")
  public static let traits: MethodTraits = []

  /// No options.
  public struct Options: MethodOptions {
    public init() {}

    /// ‖v_w‖ is in the units of the model's embedding table: no model-independent strong value.
    public func colorSaturation(of map: SaliencyMap) -> ColorSaturation? { nil }
  }

  public let options: Options
  public init(options: Options) { self.options = options }

  /// One embedding row per token (counted as one step, the cheapest unit).
  public static func cost(tokens: Int, options: Options) -> Double { Double(tokens) }

  /// - Complexity: an embedding lookup and E multiply-adds per token; no LSTM step.
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    let (batch, inputs) = try model.embed(sequences)
    return maps(targets: targets, batch: batch, inputs: inputs, embeddingSize: model.config.embeddingSize)
  }

  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    maps(targets: targets, batch: trace.batch, inputs: trace.inputs, embeddingSize: model.config.embeddingSize)
  }

  /// The maps of every sequence of `batch` from its packed embedded inputs [N, E].
  private func maps(targets: [Int], batch: PackedBatch, inputs: [Float], embeddingSize e: Int) -> [SaliencyMap] {
    precondition(batch.sequenceCount == targets.count, "one target per sequence")
    return inputs.withUnsafeBufferPointer { x in
      (0..<batch.sequenceCount).map { sequence in
        let scores = (0..<batch.lengths[sequence]).map { step in
          let row = x.baseAddress! + batch.row(sequence: sequence, step: step) * e
          return DoubleSums.dot(row, row, count: e).squareRoot()
        }
        return SaliencyMap(method: id, target: targets[sequence], sign: .unsigned, options: options, scores: scores,
                           axiomGap: nil)
      }
    }
  }
}
