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

  /// One forward pass for all sequences.
  /// - Complexity: one forward pass, then O(T·H) per sequence.
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    try saliency(of: sequences, targets: targets, reusing: model.forward(sequences), in: model)
  }

  /// The same from the sequences' forward trace, shared with other methods on the same texts.
  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    return sequences.indices.map { sequence in
      let states = trace.hiddenStates(ofSequence: sequence)
      let final = trace.finalHidden(ofSequence: sequence)
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
