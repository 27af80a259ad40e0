import LSTMCore

/// LRP-ε for the LSTM (Arras, Montavon, Müller, Samek 2017), with the signal-take-all rule for products and
/// no bias redistribution, read off a `ForwardTrace` and the weights (it never reruns the LSTM).
///
/// Stabiliser D(a) = a + ε·s(a), s(a) = +1 for a ≥ 0, −1 otherwise, applied to a layer's full output (bias
/// included), only in the denominator. Linear rule for z_j = Σ_i x_i w_ij + b_j: R_i = Σ_j x_i w_ij R_j / D(z_j),
/// so b_j R_j / D(z_j) + ε s(z_j) R_j / D(z_j) stays in the layer. For target k, with [g] the rows 2H..<3H:
///
///     R^h_T = W_fc[k] ⊙ h_T · logit_k / D(logit_k)                    (R starts at logit_k)
///     for t = T … 1:
///       R^c_t += R^h_t                                                (h_t = o ⊙ tanh c_t: all to c_t)
///       R^c_{t−1} = f_t ⊙ c_{t−1} ⊙ R^c_t / D(c_t);  R^g_t = i_t ⊙ g_t ⊙ R^c_t / D(c_t)
///       q_t = R^g_t / D(zg_t),  zg_t = W_ih[g] e_t + W_hh[g] h_{t−1} + b_ih[g] + b_hh[g]
///       R^e_t = e_t ⊙ (W_ih[g]ᵀ q_t)   [E];   R^h_{t−1} = h_{t−1} ⊙ (W_hh[g]ᵀ q_t)   [H]
///     score_t = Σ_d R^e_t[d];   axiom_gap = Σ_t score_t − logit_k  (= −(absorbed bias + absorbed ε))
///
/// The gates i, f, o never receive relevance. Everything is computed in Double from the trace's Float32
/// values; each denominator is its layer's output recomputed in Double from that layer's stored inputs
/// (logit_k from h_T, c_t from f, c_{t−1}, i, g, zg_t from e_t and h_{t−1}), so every layer conserves exactly
/// what it does not absorb: with ε = 0 on a model without biases, Σ_t score_t = logit_k to rounding. With ε = 0,
/// a unit whose output is exactly 0 passes no relevance.
public struct LRP: TraceReadingMethod {
  public static let id = SaliencyMethodID(rawValue: "lrp")
  public static let traits: MethodTraits = []

  public struct Options: MethodOptions {
    /// ε ≥ 0 (`--epsilon`).
    public var epsilon = 0.001

    public init() {}

    /// - Throws: `SaliencyOptionError.invalidEpsilon` for a negative or non-finite ε.
    public func validate() throws(SaliencyOptionError) {
      guard epsilon >= 0, epsilon.isFinite else { throw .invalidEpsilon(epsilon) }
    }

    /// LRP distributes the target's logit.
    public func colorSaturation(of map: SaliencyMap) -> ColorSaturation? { .logit }
  }

  public let options: Options
  public init(options: Options) { self.options = options }

  /// A forward pass and a relevance pass in double precision.
  public static func cost(tokens: Int, options: Options) -> Double { 3 * Double(tokens) }

  /// The relevance pass of each sequence, read off their forward trace (shared with other methods).
  /// - Complexity: 2·T·H·(E + H) multiply-adds in Double per sequence after the forward pass.
  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    precondition(sequences.count == targets.count, "one target per sequence")
    let k = model.config.classCount
    return sequences.indices.map { s in
      let scores = embeddingRelevance(in: trace, sequence: s, target: targets[s], model: model)
        .map { $0.reduce(0, +) }
      let logit = Double(trace.logits[s * k + targets[s]])
      return SaliencyMap(method: id, target: targets[s], sign: .supportsTarget, options: options,
                         scores: scores, axiomGap: scores.reduce(0, +) - logit)
    }
  }

  /// R^e_t for every step of one sequence of `trace`. [T][E]
  /// - Precondition: `trace` comes from `model.forward` without a dropout mask; `target` is in 0..<K.
  public func embeddingRelevance(in trace: ForwardTrace, sequence s: Int, target: Int,
                                 model: Classifier) -> [[Double]] {
    let config = model.config, batch = trace.batch
    let e = config.embeddingSize, h = config.hiddenSize, g4 = config.gateWidth, k = config.classCount
    let length = batch.lengths[s]
    precondition(trace.finalHiddenMask == nil, "LRP explains the model as it predicts, without dropout")
    precondition(target >= 0 && target < k, "the target is a class index")
    guard length > 0 else { return [] }
    return model.withParameterPointers { p in
      // The g gate's weights in Double: W_ih[g] [H, E] and W_hh[g] [H, H] (rows 2H..<3H), and its bias.
      let inputWeights = (0..<(h * e)).map { Double(p.inputWeights[2 * h * e + $0]) }
      let recurrentWeights = (0..<(h * h)).map { Double(p.recurrentWeights[2 * h * h + $0]) }
      let bias = (0..<h).map { Double(p.inputBias[2 * h + $0]) + Double(p.recurrentBias[2 * h + $0]) }
      var relevanceHidden = [Double](repeating: 0, count: h)  // R^h_t
      var relevanceCell = [Double](repeating: 0, count: h)    // R^c_t
      var q = [Double](repeating: 0, count: h)
      var zg = [Double](repeating: 0, count: h)
      var input = [Double](repeating: 0, count: e)             // e_t
      var hiddenBefore = [Double](repeating: 0, count: h)      // h_{t−1}
      var result = [[Double]](repeating: [], count: length)

      // Output layer, unit k only.
      var logit = Double(p.outputBias[target])
      for j in 0..<h { logit += Double(p.outputWeights[target * h + j]) * Double(trace.finalHidden[s * h + j]) }
      let start = ratio(Double(trace.logits[s * k + target]), logit)
      for j in 0..<h {
        relevanceHidden[j] = Double(p.outputWeights[target * h + j]) * Double(trace.finalHidden[s * h + j]) * start
      }

      for step in stride(from: length - 1, through: 0, by: -1) {
        let row = batch.row(sequence: s, step: step)
        let previousRow = step > 0 ? batch.row(sequence: s, step: step - 1) : nil
        for d in 0..<e { input[d] = Double(trace.inputs[row * e + d]) }
        for m in 0..<h { hiddenBefore[m] = previousRow.map { Double(trace.hidden[$0 * h + m]) } ?? 0 }
        // zg_t = W_ih[g] e_t + W_hh[g] h_{t−1} + b_ih[g] + b_hh[g]
        zg = bias
        Gemm.multiplyVector(.none, rows: h, columns: e, a: inputWeights, x: input, beta: 1, y: &zg)
        if previousRow != nil {
          Gemm.multiplyVector(.none, rows: h, columns: h, a: recurrentWeights, x: hiddenBefore, beta: 1, y: &zg)
        }
        for j in 0..<h {
          // h_t = o ⊙ tanh(c_t): everything to c_t.
          let incoming = relevanceCell[j] + relevanceHidden[j]
          // c_t = f ⊙ c_{t−1} + i ⊙ g, identity weights, no bias.
          let i = Double(trace.gates[row * g4 + j]), f = Double(trace.gates[row * g4 + h + j])
          let g = Double(trace.gates[row * g4 + 2 * h + j])
          let carried = f * (previousRow.map { Double(trace.cells[$0 * h + j]) } ?? 0), written = i * g
          let share = ratio(incoming, carried + written)
          relevanceCell[j] = carried * share
          // g = tanh(zg): R^g passes to zg unchanged; q = R^g / D(zg).
          q[j] = ratio(written * share, zg[j])
        }
        // R^e_t = e_t ⊙ (W_ih[g]ᵀ q);  R^h_{t−1} = h_{t−1} ⊙ (W_hh[g]ᵀ q).
        var relevanceInput = [Double](repeating: 0, count: e)
        Gemm.multiplyVector(.transposed, rows: h, columns: e, a: inputWeights, x: q, beta: 0, y: &relevanceInput)
        for d in 0..<e { relevanceInput[d] *= input[d] }
        result[step] = relevanceInput
        if previousRow != nil {
          Gemm.multiplyVector(.transposed, rows: h, columns: h, a: recurrentWeights, x: q, beta: 0, y: &relevanceHidden)
          for m in 0..<h { relevanceHidden[m] *= hiddenBefore[m] }
        } else {
          for m in 0..<h { relevanceHidden[m] = 0 }
        }
      }
      return result
    }
  }

  /// D(a) = a + ε·s(a).
  private func stabilised(_ a: Double) -> Double { a + (a >= 0 ? options.epsilon : -options.epsilon) }

  /// R / D(a), or 0 where D(a) = 0 (only possible with ε = 0).
  private func ratio(_ relevance: Double, _ a: Double) -> Double {
    let denominator = stabilised(a)
    return denominator == 0 ? 0 : relevance / denominator
  }
}
