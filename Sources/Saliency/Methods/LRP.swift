import LSTMCore

/// LRP-ε for recurrent encoders (Arras, Montavon, Müller, Samek 2017), with the signal-take-all rule for
/// products and no bias redistribution, read off a `ForwardTrace` and the weights (it never reruns the encoder).
///
/// Stabiliser D(a) = a + ε·s(a), s(a) = +1 for a ≥ 0, −1 otherwise, applied to a layer's full output (bias
/// included), only in the denominator. Linear rule for z_j = Σ_i x_i w_ij + b_j: R_i = Σ_j x_i w_ij R_j / D(z_j),
/// so b_j R_j / D(z_j) + ε s(z_j) R_j / D(z_j) stays in the layer. For target k:
///
///     R on the head's input [h→_T; h←_1] = W_fc[k] ⊙ [h→_T; h←_1] · logit_k / D(logit_k)   (R starts at logit_k)
///
/// Each layer, top first, gives each direction the relevance of its outputs (the top layer: h→_T and h←_1 only;
/// a lower layer: the relevance the layer above gave its input at every step, split into each direction's H
/// columns) and runs that direction backward through its own steps (the backward direction from w_1 to w_T);
/// the relevance each direction gives its input x_t [in] is summed over directions, and is the relevance of the
/// layer below's outputs, or of e_t [E] at layer 0. Bidirectional and stacked LSTMs as in Arras et al. 2017.
///
/// LSTM direction, with [g] the rows 2H..<3H of W_ih, W_hh, b_ih, b_hh:
///
///       R^h_t += relevance given to this direction's output at step t
///       R^c_t += R^h_t                                                (h_t = o ⊙ tanh c_t: all to c_t)
///       R^c_{t−1} = f_t ⊙ c_{t−1} ⊙ R^c_t / D(c_t);  R^g_t = i_t ⊙ g_t ⊙ R^c_t / D(c_t)
///       q_t = R^g_t / D(zg_t),  zg_t = W_ih[g] x_t + W_hh[g] h_{t−1} + b_ih[g] + b_hh[g]
///       R^x_t = x_t ⊙ (W_ih[g]ᵀ q_t)   [in];   R^h_{t−1} = h_{t−1} ⊙ (W_hh[g]ᵀ q_t)   [H]
///
/// The gates i, f, o never receive relevance.
///
/// GRU direction (this tool's rule; PyTorch's equations (G1)–(G4), [n] the rows 2H..<3H). The GRU's update is the
/// same sum-of-products shape as the LSTM's cell update, so the same two principles apply: a sum is split by the
/// ε-rule in proportion to its addends, and a gate ⊙ signal product gives all relevance to the signal (the gates
/// r and z, sigmoids in (0, 1), only scale; Arras et al.'s signal-take-all):
///
///       R^h_t += relevance given to this direction's output at step t
///       h_t = a + b, a = (1 − z) ⊙ n, b = z ⊙ h_{t−1}:   R^n = a ⊙ R^h_t / D(h_t);  R^carry = b ⊙ R^h_t / D(h_t)
///       n = tanh(a_n): R^{a_n} = R^n
///       a_n = (W_ih[n] x_t + b_in) + r ⊙ v,  v = W_hh[n] h_{t−1} + b_hn:
///           q = R^{a_n} / D(a_n);  R^x_t = x_t ⊙ (W_ih[n]ᵀ q)   [in];   R^v = r ⊙ v ⊙ q   (r is a gate: all to v)
///           q' = R^v / D(v);  R^h_{t−1} = R^carry + h_{t−1} ⊙ (W_hh[n]ᵀ q')   [H]
///
/// b_in, b_hn and the ε terms are absorbed; the r and z paths carry none. Every sum's denominator is its output
/// recomputed in Double from the trace's stored inputs, so every layer conserves exactly what it does not absorb:
/// score_t = Σ_d R^e_t[d];  axiom_gap = Σ_t score_t − logit_k  (= −(absorbed bias + absorbed ε)), and with ε = 0 on
/// a model without biases Σ_t score_t = logit_k to rounding. With ε = 0, a unit whose output is exactly 0 passes no
/// relevance. Everything is computed in Double from the trace's Float32 values.
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
  /// - Complexity: 2·T·H·(in + H) multiply-adds in Double per layer direction per sequence after the forward pass.
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
  /// - Precondition: `trace` comes from `model.forward` of embedded inputs without dropout; `target` is in 0..<K.
  public func embeddingRelevance(in trace: ForwardTrace, sequence s: Int, target: Int,
                                 model: Classifier) -> [[Double]] {
    let config = model.config, batch = trace.batch
    let h = config.hiddenSize, k = config.classCount, width = config.outputWidth, directions = config.directions
    let length = batch.lengths[s]
    precondition(trace.finalHiddenMask == nil && trace.layerInputMasks.isEmpty,
                 "LRP explains the model as it predicts, without dropout")
    precondition(target >= 0 && target < k, "the target is a class index")
    guard length > 0 else { return [] }
    return model.withParameterPointers { p in
      // Output layer, unit k only: the relevance of [h→_T; h←_1], placed at the steps where each direction ends.
      var logit = Double(p.outputBias[target])
      for j in 0..<width { logit += Double(p.outputWeights[target * width + j]) * Double(trace.finalHidden[s * width + j]) }
      let start = ratio(Double(trace.logits[s * k + target]), logit)
      var relevanceOutput = [[Double]](repeating: [Double](repeating: 0, count: width), count: length)  // [T][D·H]
      for j in 0..<width {
        let relevance = Double(p.outputWeights[target * width + j]) * Double(trace.finalHidden[s * width + j]) * start
        relevanceOutput[j < h ? length - 1 : 0][j] = relevance
      }
      for layer in stride(from: config.layers - 1, through: 0, by: -1) {
        let inputWidth = config.inputWidth(layer: layer)
        var relevanceInput = [[Double]](repeating: [Double](repeating: 0, count: inputWidth), count: length)
        for reverse in [false, true].prefix(directions) {
          let index = ParameterPointers.unitIndex(layer: layer, reverse: reverse, directions: directions)
          let offset = reverse ? h : 0
          // This direction's step τ reads token τ, or token T − 1 − τ backward.
          func token(_ step: Int) -> Int { reverse ? length - 1 - step : step }
          let incoming = (0..<length).map { Array(relevanceOutput[token($0)][offset..<(offset + h)]) }
          let direction = DirectionRelevance(trace: trace.units[index], weights: p.units[index], batch: batch, sequence: s,
                                             inputWidth: inputWidth, hiddenSize: h, lrp: self)
          let given = config.cell == .lstm ? direction.lstm(incoming: incoming) : direction.gru(incoming: incoming)
          for step in 0..<length {
            for d in 0..<inputWidth { relevanceInput[token(step)][d] += given[step][d] }
          }
        }
        relevanceOutput = relevanceInput
      }
      return relevanceOutput
    }
  }

  /// D(a) = a + ε·s(a).
  fileprivate func stabilised(_ a: Double) -> Double { a + (a >= 0 ? options.epsilon : -options.epsilon) }

  /// R / D(a), or 0 where D(a) = 0 (only possible with ε = 0).
  fileprivate func ratio(_ relevance: Double, _ a: Double) -> Double {
    let denominator = stabilised(a)
    return denominator == 0 ? 0 : relevance / denominator
  }
}

/// The relevance pass through one layer direction of one sequence, in that direction's own step order.
private struct DirectionRelevance {
  let trace: DirectionTrace
  let weights: RecurrentPointers
  let batch: PackedBatch
  let sequence: Int
  let inputWidth: Int
  let hiddenSize: Int
  let lrp: LRP

  /// Block `block` (rows block·H ..< (block + 1)·H) of a [G, columns] matrix, in Double. [H, columns]
  private func rows(_ matrix: UnsafePointer<Float>, block: Int, columns: Int) -> [Double] {
    (0..<(hiddenSize * columns)).map { Double(matrix[block * hiddenSize * columns + $0]) }
  }

  /// R^x = x ⊙ (Wᵀ q): the ε-rule's relevance of the inputs x of a linear map W [H, in], given q = R^z / D(z) at its
  /// H outputs. [in]
  private func relevance(ofInputs x: [Double], through w: [Double], q: [Double]) -> [Double] {
    var relevance = [Double](repeating: 0, count: x.count)
    Gemm.multiplyVector(.transposed, rows: hiddenSize, columns: x.count, a: w, x: q, beta: 0, y: &relevance)
    for d in relevance.indices { relevance[d] *= x[d] }
    return relevance
  }

  /// x_t and h_{t−1} of step `step`, in Double (h_0 = 0).
  private func inputs(step: Int) -> (input: [Double], hiddenBefore: [Double]?) {
    let e = inputWidth, h = hiddenSize, row = batch.row(sequence: sequence, step: step)
    let input = (0..<e).map { Double(trace.inputs[row * e + $0]) }
    guard step > 0 else { return (input, nil) }
    let previous = batch.row(sequence: sequence, step: step - 1)
    return (input, (0..<h).map { Double(trace.hidden[previous * h + $0]) })
  }

  /// The LSTM rule (see `LRP`). `incoming` is the relevance of h_t at each step [T][H]; returns R^x_t [T][in].
  func lstm(incoming: [[Double]]) -> [[Double]] {
    let e = inputWidth, h = hiddenSize, g4 = 4 * h, length = incoming.count
    let inputWeights = rows(weights.inputWeights, block: 2, columns: e)
    let recurrentWeights = rows(weights.recurrentWeights, block: 2, columns: h)
    let bias = (0..<h).map { Double(weights.inputBias[2 * h + $0]) + Double(weights.recurrentBias[2 * h + $0]) }
    var relevanceHidden = [Double](repeating: 0, count: h)  // R^h_t
    var relevanceCell = [Double](repeating: 0, count: h)    // R^c_t
    var q = [Double](repeating: 0, count: h)
    var result = [[Double]](repeating: [], count: length)
    for step in stride(from: length - 1, through: 0, by: -1) {
      let row = batch.row(sequence: sequence, step: step)
      let previousRow = step > 0 ? batch.row(sequence: sequence, step: step - 1) : nil
      let (input, hiddenBefore) = inputs(step: step)
      for j in 0..<h { relevanceHidden[j] += incoming[step][j] }
      // zg_t = W_ih[g] x_t + W_hh[g] h_{t−1} + b_ih[g] + b_hh[g]
      var zg = bias
      Gemm.multiplyVector(.none, rows: h, columns: e, a: inputWeights, x: input, beta: 1, y: &zg)
      if let hiddenBefore {
        Gemm.multiplyVector(.none, rows: h, columns: h, a: recurrentWeights, x: hiddenBefore, beta: 1, y: &zg)
      }
      for j in 0..<h {
        // h_t = o ⊙ tanh(c_t): everything to c_t.
        let incoming = relevanceCell[j] + relevanceHidden[j]
        // c_t = f ⊙ c_{t−1} + i ⊙ g, identity weights, no bias.
        let i = Double(trace.gates[row * g4 + j]), f = Double(trace.gates[row * g4 + h + j])
        let g = Double(trace.gates[row * g4 + 2 * h + j])
        let carried = f * (previousRow.map { Double(trace.cells[$0 * h + j]) } ?? 0), written = i * g
        let share = lrp.ratio(incoming, carried + written)
        relevanceCell[j] = carried * share
        // g = tanh(zg): R^g passes to zg unchanged; q = R^g / D(zg).
        q[j] = lrp.ratio(written * share, zg[j])
      }
      // R^x_t = x_t ⊙ (W_ih[g]ᵀ q);  R^h_{t−1} = h_{t−1} ⊙ (W_hh[g]ᵀ q).
      result[step] = relevance(ofInputs: input, through: inputWeights, q: q)
      if let hiddenBefore {
        relevanceHidden = relevance(ofInputs: hiddenBefore, through: recurrentWeights, q: q)
      } else {
        for m in 0..<h { relevanceHidden[m] = 0 }
      }
    }
    return result
  }

  /// The GRU rule (see `LRP`). `incoming` is the relevance of h_t at each step [T][H]; returns R^x_t [T][in].
  func gru(incoming: [[Double]]) -> [[Double]] {
    let e = inputWidth, h = hiddenSize, g3 = 3 * h, length = incoming.count
    let inputWeights = rows(weights.inputWeights, block: 2, columns: e)          // W_ih[n] [H, in]
    let recurrentWeights = rows(weights.recurrentWeights, block: 2, columns: h)  // W_hh[n] [H, H]
    let inputBias = (0..<h).map { Double(weights.inputBias[2 * h + $0]) }        // b_in
    let recurrentBias = (0..<h).map { Double(weights.recurrentBias[2 * h + $0]) }  // b_hn
    var relevanceHidden = [Double](repeating: 0, count: h)  // R^h_t
    var q = [Double](repeating: 0, count: h), qRecurrent = [Double](repeating: 0, count: h)
    var carry = [Double](repeating: 0, count: h)
    var result = [[Double]](repeating: [], count: length)
    for step in stride(from: length - 1, through: 0, by: -1) {
      let row = batch.row(sequence: sequence, step: step)
      let (input, hiddenBefore) = inputs(step: step)
      for j in 0..<h { relevanceHidden[j] += incoming[step][j] }
      // v = W_hh[n] h_{t−1} + b_hn;  a_n = W_ih[n] x_t + b_in + r ⊙ v
      var v = recurrentBias
      if let hiddenBefore {
        Gemm.multiplyVector(.none, rows: h, columns: h, a: recurrentWeights, x: hiddenBefore, beta: 1, y: &v)
      }
      var candidate = inputBias
      Gemm.multiplyVector(.none, rows: h, columns: e, a: inputWeights, x: input, beta: 1, y: &candidate)
      for j in 0..<h {
        let r = Double(trace.gates[row * g3 + j]), z = Double(trace.gates[row * g3 + h + j])
        let n = Double(trace.gates[row * g3 + 2 * h + j])
        candidate[j] += r * v[j]
        // h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}: ε-rule over the two addends.
        let written = (1 - z) * n, carried = z * (hiddenBefore?[j] ?? 0)
        let share = lrp.ratio(relevanceHidden[j], written + carried)
        carry[j] = carried * share
        // n = tanh(a_n): R^n passes to a_n; q = R^{a_n} / D(a_n); r ⊙ v gives all of its share to v.
        q[j] = lrp.ratio(written * share, candidate[j])
        qRecurrent[j] = lrp.ratio(r * v[j] * q[j], v[j])
      }
      result[step] = relevance(ofInputs: input, through: inputWeights, q: q)
      if let hiddenBefore {
        relevanceHidden = relevance(ofInputs: hiddenBefore, through: recurrentWeights, q: qRecurrent)
        for m in 0..<h { relevanceHidden[m] += carry[m] }
      } else {
        for m in 0..<h { relevanceHidden[m] = 0 }
      }
    }
    return result
  }
}
