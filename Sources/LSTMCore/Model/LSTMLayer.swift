import CKernels

/// One LSTM layer direction over a packed batch: forward and backward side by side. A backward direction runs the
/// same code on rows permuted into its own step order (see `Encoder`); `in` is E for layer 0, D·H above.
///
/// Forward, for the rows active at step t (see `PackedBatch`), starting from (h_0, c_0) = 0 or a given state:
///   (F1) Z = X · W_ihᵀ + b_ih + b_hh                         the input projection, X [N, in]      [N, 4H]
///   (F2) Z_t += H_{t−1} · W_hhᵀ                                                                  [n_t, 4H]
///   (F3) i, f, o = σ(Z_t[i, f, o]); g = tanh(Z_t[g])
///   (F4) c_t = f ⊙ c_{t−1} + i ⊙ g;  h_t = o ⊙ tanh(c_t)
enum LSTMLayer {
  /// What a forward pass keeps.
  enum Retention {
    /// Every step's gates and states (for backward and the saliency methods): memory O(N·H).
    case everyStep
    /// Every step's h and c (to resume from any step), but gates and tanh(c) only for the step being computed:
    /// 2H of `everyStep`'s 7H floats per row, for perturbations that continue from stored states.
    case states
    /// Only each sequence's last state (scoring, perturbations): memory O(B·H), two steps' buffers reused.
    case finalOnly
  }

  /// The states of a forward pass (see `DirectionTrace`): with `.everyStep` packed per-step gates, cells, cellTanh
  /// and hidden; with `.states` only cells and hidden; with `.finalOnly` none; `final` always.
  /// - Complexity: 2·N·4H·(in + H) FLOPs (2·N·4H·H with `.projected` input).
  static func forward(_ input: LSTMInput, batch: PackedBatch, config: ModelConfig, parameters p: RecurrentPointers,
                      inputWidth: Int, initialState: LSTMState?, retention: Retention) -> DirectionTrace {
    let n = batch.rowCount, h = config.hiddenSize, g4 = config.gateWidth
    let keepGates = retention == .everyStep, keepStates = retention != .finalOnly
    let widest = batch.activeCount.first ?? 0
    // Every step writes its rows' pre-activations (F1) and states (F4) before any step reads them.
    var gates = [Float](unfilledCount: (keepGates ? n : widest) * g4)
    var cellTanh = [Float](unfilledCount: (keepGates ? n : widest) * h)
    let stateRows = keepStates ? n : 2 * widest
    var cells = [Float](unfilledCount: stateRows * h)
    var hidden = [Float](unfilledCount: stateRows * h)
    var final = initialState ?? LSTMState(zerosFor: batch.sequenceCount, hiddenSize: h)
    let initialBySlot = initialState?.selecting(batch.sequenceOfSlot, hiddenSize: h)
    /// First row of step t in the gate and tanh(c) buffers.
    func gateBase(_ step: Int) -> Int { keepGates ? batch.stepOffsets[step] : 0 }
    /// First row of step t in the state buffers.
    func stateBase(_ step: Int) -> Int { keepStates ? batch.stepOffsets[step] : (step % 2) * widest }

    // Projected inputs are added to each step's product as they are read (F1 + F2 in one pass); embedded ones
    // are projected in one product for all rows when every step's gates are kept, or step by step.
    let projectsUpfront: Bool
    if case .embedded = input { projectsUpfront = keepGates } else { projectsUpfront = false }
    withMutablePointer(&gates) { z in
      if projectsUpfront { fillInputPreactivations(input, rows: 0..<n, into: z, width: inputWidth, gateWidth: g4, parameters: p) }
      withProjectedPointer(input) { projection in
        withMutablePointer(&cells) { c in
          withMutablePointer(&cellTanh) { ct in
            withMutablePointer(&hidden) { hs in
              for step in 0..<batch.maxLength {
                let rows = batch.activeCount[step], first = batch.stepOffsets[step], base = stateBase(step)
                let zt = z + gateBase(step) * g4
                var previousHidden: UnsafePointer<Float>? = nil, previousCells: UnsafePointer<Float>? = nil
                if step > 0 {
                  previousHidden = UnsafePointer(hs + stateBase(step - 1) * h)
                  previousCells = UnsafePointer(c + stateBase(step - 1) * h)
                }
                withInitialState(initialBySlot, isFirstStep: step == 0) { initialHidden, initialCells in
                  let hiddenBefore = previousHidden ?? initialHidden
                  if let projection, let hiddenBefore {
                    // (F1) + (F2)
                    Gemm.multiply(m: rows, a: hiddenBefore, lda: h, packed: p.recurrentProjectionWeights,
                                  adding: projection + first * g4, ldz: g4, c: zt, ldc: g4)
                  } else {
                    if !projectsUpfront {
                      fillInputPreactivations(input, rows: first..<(first + rows), into: zt, width: inputWidth, gateWidth: g4,
                                              parameters: p)
                    }
                    if let hiddenBefore {
                      // (F2)
                      Gemm.multiply(m: rows, a: hiddenBefore, lda: h, packed: p.recurrentProjectionWeights, beta: 1, c: zt, ldc: g4)
                    }
                  }
                  // (F3), (F4)
                  saliency_lstm_gate_activations(zt, rows, h)
                  saliency_lstm_cell_forward(zt, previousCells ?? initialCells, rows, h, c + base * h, ct + gateBase(step) * h,
                                             hs + base * h)
                }
                for slot in batch.endingSlots(atStep: step) {
                  let sequence = batch.sequenceOfSlot[slot]
                  for j in 0..<h {
                    final.hidden[sequence * h + j] = hs[(base + slot) * h + j]
                    final.cells[sequence * h + j] = c[(base + slot) * h + j]
                  }
                }
              }
            }
          }
        }
      }
    }
    var inputs: [Float] = []
    if case .embedded(let x) = input, keepGates { inputs = x }
    switch retention {
    case .everyStep:
      return DirectionTrace(inputs: inputs, initialState: initialState, gates: gates, cells: cells, cellTanh: cellTanh,
                            hidden: hidden, final: final)
    case .states: return DirectionTrace(initialState: initialState, cells: cells, hidden: hidden, final: final)
    case .finalOnly: return DirectionTrace(initialState: initialState, final: final)
    }
  }

  /// (F1) for packed rows `rows`, written to `z` from its first row.
  static func fillInputPreactivations(_ input: LSTMInput, rows: Range<Int>, into z: UnsafeMutablePointer<Float>, width e: Int,
                                      gateWidth g4: Int, parameters p: RecurrentPointers) {
    switch input {
    case .projected(let projection):
      projection.withUnsafeBufferPointer { source in
        guard let base = source.baseAddress else { return }
        z.update(from: base + rows.lowerBound * g4, count: rows.count * g4)
      }
    case .embedded(let inputs):
      // The bias row is added inside the product (a Z of row stride 0), not copied into every row first.
      withPointer(inputs) { x in
        Gemm.multiply(m: rows.count, a: x + rows.lowerBound * e, lda: e, packed: p.inputProjectionWeights,
                      adding: p.gateBias, ldz: 0, c: z, ldc: g4)
      }
    }
  }

  /// Runs `body` with a pointer to the packed projected inputs Z_in [N, 4H], or nil for embedded inputs.
  static func withProjectedPointer(_ input: LSTMInput, _ body: (UnsafePointer<Float>?) -> Void) {
    guard case .projected(let projection) = input else { return body(nil) }
    projection.withUnsafeBufferPointer { body($0.baseAddress) }
  }

  /// Runs `body` with a pointer to the slot-ordered initial c on the first step, nil otherwise.
  private static func withInitialCells(_ state: LSTMState?, isFirstStep: Bool, _ body: (UnsafePointer<Float>?) -> Void) {
    guard isFirstStep, let state else { return body(nil) }
    state.cells.withUnsafeBufferPointer { body($0.baseAddress) }
  }

  /// Runs `body` with pointers to the slot-ordered initial (h, c) on the first step, nil pointers otherwise.
  private static func withInitialState(_ state: LSTMState?, isFirstStep: Bool,
                                       _ body: (UnsafePointer<Float>?, UnsafePointer<Float>?) -> Void) {
    guard isFirstStep, let state else { return body(nil, nil) }
    state.hidden.withUnsafeBufferPointer { hidden in
      state.cells.withUnsafeBufferPointer { cells in body(hidden.baseAddress, cells.baseAddress) }
    }
  }

  /// Backpropagation through time down to the gate pre-activations.
  ///
  /// - Parameters:
  ///   - finalHiddenGradient: ∂L/∂h_T of each sequence, caller order, or nil for zero. [B, H]
  ///   - hiddenGradients: ∂L/∂h_t arriving at every row from above (a stacked layer), packed in this direction's
  ///     order, or nil for zero. [N, H]
  ///   - gradients: when given, ∂L/∂W_ih, ∂L/∂W_hh, ∂L/∂b_ih, ∂L/∂b_hh are *added* into it (needs a trace of
  ///     embedded inputs).
  /// - Returns: ∂L/∂Z, packed. [N, 4H]. ∂L/∂X = ∂L/∂Z · W_ih (`inputGradients(fromGateGradients:)`).
  /// - Complexity: 2·N·4H·H FLOPs, plus 2·N·4H·(in + H) with weight gradients.
  static func backward(_ trace: DirectionTrace, batch: PackedBatch, config: ModelConfig, inputWidth: Int, finalHiddenGradient: [Float]?,
                       hiddenGradients: [Float]?, parameters p: RecurrentPointers, gradients: GradientPointers.Unit?) -> [Float] {
    let n = batch.rowCount, h = config.hiddenSize, g4 = config.gateWidth
    // ∂L/∂Z, packed [N, 4H]: every step's cell backward writes all of its rows before anything reads them.
    var gateGradients = [Float](unfilledCount: n * g4)
    var hiddenCarry = [Float](repeating: 0, count: batch.sequenceCount * h)  // ∂L/∂h_t by slot [B, H]
    var cellCarry = [Float](repeating: 0, count: batch.sequenceCount * h)    // ∂L/∂c_t by slot [B, H]
    let initialBySlot = trace.initialState?.selecting(batch.sequenceOfSlot, hiddenSize: h)
    withMutablePointer(&gateGradients) { dz in
      withMutablePointer(&hiddenCarry) { dhCarry in
        withMutablePointer(&cellCarry) { dcCarry in
          withPointer(trace.gates) { gates in
            withPointer(trace.cells) { cells in
              withPointer(trace.cellTanh) { cellTanh in
                for step in stride(from: batch.maxLength - 1, through: 0, by: -1) {
                  let rows = batch.activeCount[step], first = batch.stepOffsets[step]
                  batch.addIncomingHiddenGradients(atStep: step, width: h, final: finalHiddenGradient, fromAbove: hiddenGradients,
                                                      into: dhCarry)
                  // inverts (F4) and (F3) for the rows of this step
                  let previousCells: UnsafePointer<Float>? = step > 0 ? cells + batch.stepOffsets[step - 1] * h : nil
                  withInitialCells(initialBySlot, isFirstStep: step == 0) { initialCells in
                    saliency_lstm_cell_backward(gates + first * g4, cellTanh + first * h, previousCells ?? initialCells, rows, h,
                                                dhCarry, dcCarry, dz + first * g4)
                  }
                  // inverts (F2): ∂L/∂h_{t−1} = ∂L/∂Z_t · W_hh
                  if step > 0 {
                    Gemm.multiply(m: rows, a: dz + first * g4, lda: g4, packed: p.recurrentGradientWeights,
                                  beta: 0, c: dhCarry, ldc: h)
                  }
                }
              }
            }
          }
          if let gradients {
            accumulateWeightGradients(trace, batch: batch, config: config, inputWidth: inputWidth, gateGradients: dz, recurrentGradients: dz,
                                      initialHidden: initialBySlot?.hidden, into: gradients)
          }
        }
      }
    }
    return gateGradients
  }

  /// Inverts (F1): ∂L/∂X = ∂L/∂Z · W_ih, written (beta 0) or added (beta 1) into dx [rows, in] from dz [rows, G]
  /// with row stride ldz. Serves a GRU's (G1) too.
  static func inputGradients(fromGateGradients dz: UnsafePointer<Float>, ldz: Int, rows: Int, inputWidth e: Int,
                             parameters p: RecurrentPointers, beta: Float, into dx: UnsafeMutablePointer<Float>) {
    Gemm.multiply(m: rows, a: dz, lda: ldz, packed: p.inputGradientWeights, beta: beta, c: dx, ldc: e)
  }

  /// ∂L/∂W_ih += dZᵀ·X; ∂L/∂W_hh += Σ_t dRᵀ_t·H_{t−1} (H_0 the initial state, if any); ∂L/∂b_ih += Σ_rows dZ,
  /// ∂L/∂b_hh += Σ_rows dR, where dR is the gradient of the recurrent pre-activations H_{t−1}·W_hhᵀ + b_hh (dZ itself
  /// for an LSTM). Serves both cells.
  static func accumulateWeightGradients(_ trace: DirectionTrace, batch: PackedBatch, config: ModelConfig, inputWidth e: Int,
                                        gateGradients dz: UnsafePointer<Float>, recurrentGradients dr: UnsafePointer<Float>,
                                        initialHidden: [Float]?, into gradients: GradientPointers.Unit) {
    let n = batch.rowCount, h = config.hiddenSize, g4 = config.gateWidth
    precondition(trace.inputs.count == n * e, "weight gradients need a trace of embedded inputs")
    withPointer(trace.inputs) { x in
      Gemm.multiply(.transposed, .none, m: g4, n: e, k: n, a: dz, lda: g4, b: x, ldb: e,
                    beta: 1, c: gradients.inputWeights, ldc: e)
    }
    // H_{t−1} aligned with the rows of dZ (the previous step's first n_t rows; the initial state or zeros at
    // t = 0), so ∂L/∂W_hh is one GEMM over all N rows instead of one thin GEMM per step.
    var previousHidden = [Float](repeating: 0, count: n * h)
    trace.hidden.withUnsafeBufferPointer { hs in
      previousHidden.withUnsafeMutableBufferPointer { target in
        for step in 0..<batch.maxLength {
          let rows = batch.activeCount[step], first = batch.stepOffsets[step]
          if step > 0 {
            for index in 0..<(rows * h) { target[first * h + index] = hs[batch.stepOffsets[step - 1] * h + index] }
          } else if let initialHidden {
            for index in 0..<(rows * h) { target[index] = initialHidden[index] }
          }
        }
      }
    }
    withPointer(previousHidden) { hPrevious in
      Gemm.multiply(.transposed, .none, m: g4, n: h, k: n, a: dr, lda: g4, b: hPrevious, ldb: h, beta: 1,
                    c: gradients.recurrentWeights, ldc: h)
    }
    for row in 0..<n {
      for j in 0..<g4 {
        gradients.inputBias[j] += dz[row * g4 + j]
        gradients.recurrentBias[j] += dr[row * g4 + j]
      }
    }
  }
}
