import Saliency

extension MethodSettings {
  /// The work of explaining one text of `tokens` tokens with `method`, in forward-pass token steps (one LSTM
  /// step of one token = 1), for progress and up-front estimates; not a timing.
  /// - trajectory, prefix-prediction: T (one forward pass); gradient, grad-input: 2T (forward and backward);
  ///   lrp: 3T (a forward pass and a relevance pass in double precision);
  /// - integrated-gradients: 2T·steps; smoothgrad: 2T·samples;
  /// - occlusion: T(T + 1)/2 (each erased position reruns the suffix after it, from the saved prefix state);
  /// - shapley: T·2^T for T ≤ 12 (exact), else samples·T(T + 1)/2 (each permutation resumes every coalition).
  public func estimatedCost(of method: SaliencyMethodID, tokens: Int) -> Double {
    let t = Double(tokens)
    switch method {
    case .trajectory, .prefixPrediction: return t
    case .gradient, .gradInput: return 2 * t
    case .lrp: return 3 * t
    case .integratedGradients: return 2 * t * Double(steps)
    case .smoothgrad: return 2 * t * Double(samples ?? 25)
    case .occlusion: return t * (t + 1) / 2
    case .shapley:
      return tokens <= Shapley.defaultExactLimit ? t * Double(1 << tokens) : Double(samples ?? 200) * t * (t + 1) / 2
    }
  }
}
