import LSTMCore

/// The hidden-state trajectory score: score(w_t) = ‖h_T − h_{t−1}‖ − ‖h_T − h_t‖ with h_0 = 0.
///
/// A word matters by how far it moves the state toward the final state the classifier reads. The scores
/// telescope: Σ_t score_t = ‖h_T − h_0‖ = ‖h_T‖, and `axiomGap` is that residual (Σ − 1 when normalised).
/// Class-independent: the target is recorded but does not change the scores.
public struct Trajectory: SaliencyMethod {
  public let id = SaliencyMethodID.trajectory
  /// Divide every score by ‖h_T‖ (`--normalize`), so the scores sum to 1.
  public var normalize: Bool

  public init(normalize: Bool = false) { self.normalize = normalize }

  public func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap {
    try saliency(of: [tokens], targets: [target], in: model)[0]
  }

  /// One forward pass for all sequences that keeps only the states (h_t is all the score reads), from the input
  /// projection computed in one product.
  /// - Complexity: one forward pass, then O(T·H) per sequence.
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    let (batch, inputs) = try model.embed(sequences)
    let outputs = model.finalOutputs(batch: batch, input: .projected(model.inputProjection(of: inputs)), keepingStates: true)
    let h = model.config.hiddenSize
    return scores(of: sequences.indices, targets: targets) { sequence in
      (0..<batch.lengths[sequence]).map { step in
        let row = batch.row(sequence: sequence, step: step)
        return Array(outputs.hidden[(row * h)..<((row + 1) * h)])
      }
    } final: { Array(outputs.finalHidden(ofSequence: $0)) }
  }

  /// The same from the sequences' forward trace, shared with other methods on the same texts.
  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    scores(of: sequences.indices, targets: targets, states: trace.hiddenStates(ofSequence:), final: trace.finalHidden(ofSequence:))
  }

  /// The maps from each sequence's h_1 … h_T and h_T.
  private func scores(of sequences: Range<Int>, targets: [Int], states hiddenStates: (Int) -> [[Float]],
                      final finalHidden: (Int) -> [Float]) -> [SaliencyMap] {
    sequences.map { sequence in
      let states = hiddenStates(sequence)
      let final = finalHidden(sequence)
      let finalNorm = distance(final, nil)
      var previous = finalNorm  // ‖h_T − h_0‖ with h_0 = 0
      var scores: [Double] = []
      scores.reserveCapacity(states.count)
      for state in states {
        let current = distance(final, state)
        scores.append(previous - current)
        previous = current
      }
      var gap = scores.reduce(0, +) - finalNorm
      if normalize {
        let scale = finalNorm > 0 ? 1 / finalNorm : 0
        scores = scores.map { $0 * scale }
        gap = finalNorm > 0 ? scores.reduce(0, +) - 1 : 0
      }
      return SaliencyMap(method: id, target: targets[sequence], sign: .classIndependent,
                         options: [("normalize", .bool(normalize))], scores: scores, axiomGap: gap)
    }
  }

  /// ‖a − b‖₂ in Double (b = nil means the zero vector).
  private func distance(_ a: [Float], _ b: [Float]?) -> Double {
    var sum = 0.0
    for index in a.indices {
      let difference = Double(a[index]) - Double(b?[index] ?? 0)
      sum += difference * difference
    }
    return sum.squareRoot()
  }
}
