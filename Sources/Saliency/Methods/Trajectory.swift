import LSTMCore

/// The hidden-state trajectory score: score(w_t) = ‖h_T − h_{t−1}‖ − ‖h_T − h_t‖ with h_0 = 0, on the top layer's
/// states. A bidirectional encoder adds its backward direction's own: ‖h←_1 − h←_{t+1}‖ − ‖h←_1 − h←_t‖ with
/// h←_{T+1} = 0 (that direction reads w_T first and ends at h←_1).
///
/// A word matters by how far it moves the state toward the final state the classifier reads. The scores
/// telescope in each direction: Σ_t score_t = ‖h→_T‖ (+ ‖h←_1‖), and `axiomGap` is that residual (Σ − 1 when
/// normalised by the same sum).
/// Class-independent: the target is recorded but does not change the scores.
public struct Trajectory: SaliencyMethod {
  public static let id = SaliencyMethodID(rawValue: "trajectory")
  public static let traits: MethodTraits = []

  public struct Options: MethodOptions {
    /// Divide every score by ‖h_T‖ (`--normalize`), so the scores sum to 1.
    public var normalize = false

    public init() {}

    /// A share of ‖h_n‖: half of the way to h_n saturates (‖h_n‖ = Σ scores − axiom gap unless normalised).
    public func colorSaturation(of map: SaliencyMap) -> ColorSaturation? {
      if normalize { return ColorSaturation(value: ColorSaturation.trajectoryShare, unit: "of ‖h_n‖") }
      guard let gap = map.axiomGap else { return nil }
      let norm = map.scores.reduce(0, +) - gap
      guard norm.isFinite, norm > 0 else { return nil }
      return ColorSaturation(value: ColorSaturation.trajectoryShare * norm, unit: "= 0.5·‖h_n‖")
    }
  }

  public let options: Options
  public init(options: Options) { self.options = options }

  /// One forward pass.
  public static func cost(tokens: Int, options: Options) -> Double { Double(tokens) }

  /// One forward pass for all sequences that keeps only the states (h_t is all the score reads), from the input
  /// projection computed in one product.
  /// - Complexity: one forward pass, then O(T·H) per sequence.
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    let (batch, inputs) = try model.embed(sequences)
    let outputs = model.finalOutputs(batch: batch, input: .projected(model.inputProjection(of: inputs)), keepingStates: true)
    return scores(targets: targets, batch: batch, hidden: outputs.output, finalHidden: outputs.finalHidden, config: model.config)
  }

  /// The same from the sequences' forward trace, shared with other methods on the same texts.
  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    scores(targets: targets, batch: trace.batch, hidden: trace.hidden, finalHidden: trace.finalHidden, config: model.config)
  }

  /// The maps of every sequence of `batch` from the top layer's outputs (packed, [N, D·H]) and what the head reads
  /// (by sequence, [B, D·H]).
  private func scores(targets: [Int], batch: PackedBatch, hidden: [Float], finalHidden: [Float],
                      config: ModelConfig) -> [SaliencyMap] {
    let h = config.hiddenSize, width = config.outputWidth
    return hidden.withUnsafeBufferPointer { states in
      finalHidden.withUnsafeBufferPointer { finals in
        (0..<batch.sequenceCount).map { sequence in
          let length = batch.lengths[sequence]
          var scores = [Double](repeating: 0, count: length)
          var finalNorm = 0.0
          for direction in 0..<config.directions {
            // Direction d's part of each row: columns d·H ..< (d + 1)·H; the backward one reads w_T … w_1.
            let final = finals.baseAddress! + sequence * width + direction * h
            let norm = Self.distance(final, nil, count: h)
            finalNorm += norm
            var previous = norm  // the distance from the zero state it starts in
            for index in 0..<length {
              let step = direction == 0 ? index : length - 1 - index
              let state = states.baseAddress! + batch.row(sequence: sequence, step: step) * width + direction * h
              let current = Self.distance(final, state, count: h)
              scores[step] += previous - current
              previous = current
            }
          }
          var gap = scores.reduce(0, +) - finalNorm
          if options.normalize {
            let scale = finalNorm > 0 ? 1 / finalNorm : 0
            scores = scores.map { $0 * scale }
            gap = finalNorm > 0 ? scores.reduce(0, +) - 1 : 0
          }
          return SaliencyMap(method: id, target: targets[sequence], sign: .classIndependent,
                             options: options, scores: scores, axiomGap: gap)
        }
      }
    }
  }

  /// ‖a − b‖₂ in Double over `count` values (b = nil means the zero vector).
  private static func distance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>?, count: Int) -> Double {
    guard let b else { return DoubleSums.dot(a, a, count: count).squareRoot() }
    return DoubleSums.squaredDistance(a, b, count: count).squareRoot()
  }
}
