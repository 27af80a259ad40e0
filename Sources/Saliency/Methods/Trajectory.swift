import LSTMCore

/// The hidden-state trajectory score: score(w_t) = ‖h_T − h_{t−1}‖ − ‖h_T − h_t‖ with h_0 = 0.
///
/// A word matters by how far it moves the state toward the final state the classifier reads. The scores
/// telescope: Σ_t score_t = ‖h_T − h_0‖ = ‖h_T‖, and `axiomGap` is that residual (Σ − 1 when normalised).
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
    return scores(targets: targets, batch: batch, hidden: outputs.hidden, finalHidden: outputs.final.hidden,
                  hiddenSize: model.config.hiddenSize)
  }

  /// The same from the sequences' forward trace, shared with other methods on the same texts.
  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    scores(targets: targets, batch: trace.batch, hidden: trace.hidden, finalHidden: trace.finalHidden,
           hiddenSize: model.config.hiddenSize)
  }

  /// The maps of every sequence of `batch` from its states h_1 … h_T (packed, [N, H]) and h_T (by sequence, [B, H]).
  private func scores(targets: [Int], batch: PackedBatch, hidden: [Float], finalHidden: [Float],
                      hiddenSize h: Int) -> [SaliencyMap] {
    hidden.withUnsafeBufferPointer { states in
      finalHidden.withUnsafeBufferPointer { finals in
        (0..<batch.sequenceCount).map { sequence in
          let final = finals.baseAddress! + sequence * h
          let finalNorm = Self.distance(final, nil, count: h)
          var previous = finalNorm  // ‖h_T − h_0‖ with h_0 = 0
          var scores: [Double] = []
          scores.reserveCapacity(batch.lengths[sequence])
          for step in 0..<batch.lengths[sequence] {
            let current = Self.distance(final, states.baseAddress! + batch.row(sequence: sequence, step: step) * h, count: h)
            scores.append(previous - current)
            previous = current
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
