import CKernels

/// One GRU layer direction over a packed batch (PyTorch's `nn.GRU`): forward and backward side by side. A backward
/// direction runs on rows permuted into its own step order (see `Encoder`); `in` is E for layer 0, D·H above.
///
/// Forward, for the rows active at step t (see `PackedBatch`), starting from h_0 = 0 or a given state:
///   (G1) Z = X · W_ihᵀ + [b_ir + b_hr, b_iz + b_hz, b_in]      the input projection, X [N, in]      [N, 3H]
///   (G2) R_t = H_{t−1} · W_hhᵀ                                  (zero when h_{t−1} = 0)             [n_t, 3H]
///   (G3) r = σ(Z_r + R_r); z = σ(Z_z + R_z); n = tanh(Z_n + r ⊙ (R_n + b_hn))
///   (G4) h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
/// Gate order r, z, n as PyTorch; b_hn stays inside the reset product, as PyTorch computes it.
enum GRULayer {
  /// The states of a forward pass (see `DirectionTrace`): with `.everyStep` packed gates r, z, n [N, 3H],
  /// candidateRecurrent R_n + b_hn [N, H] and hidden [N, H]; with `.states` hidden only; `final` always (c = 0).
  /// - Complexity: 2·N·3H·(in + H) FLOPs (2·N·3H·H with `.projected` input).
  static func forward(_ input: LSTMInput, batch: PackedBatch, config: ModelConfig, parameters p: RecurrentPointers,
                      inputWidth: Int, initialState: LSTMState?, retention: LSTMLayer.Retention) -> DirectionTrace {
    let n = batch.rowCount, h = config.hiddenSize, g3 = config.gateWidth
    let keepGates = retention == .everyStep, keepStates = retention != .finalOnly
    let widest = batch.activeCount.first ?? 0
    // (G1) for every row first; each step then turns its rows into activations in place.
    var gates = [Float](unfilledCount: n * g3)
    withMutablePointer(&gates) { z in
      LSTMLayer.fillInputPreactivations(input, rows: 0..<n, into: z, width: inputWidth, gateWidth: g3, parameters: p)
    }
    var candidate = [Float](unfilledCount: (keepGates ? n : widest) * h)
    let stateRows = keepStates ? n : 2 * widest
    var hidden = [Float](unfilledCount: stateRows * h)
    var recurrent = [Float](unfilledCount: widest * g3)
    var final = initialState ?? LSTMState(zerosFor: batch.sequenceCount, hiddenSize: h)
    let initialBySlot = initialState?.selecting(batch.sequenceOfSlot, hiddenSize: h)
    func stateBase(_ step: Int) -> Int { keepStates ? batch.stepOffsets[step] : (step % 2) * widest }
    withMutablePointer(&gates) { z in
      withMutablePointer(&candidate) { hn in
        withMutablePointer(&hidden) { hs in
          withMutablePointer(&recurrent) { rec in
            withPointer(initialBySlot?.hidden ?? []) { initialHidden in
              for step in 0..<batch.maxLength {
                let rows = batch.activeCount[step], first = batch.stepOffsets[step], base = stateBase(step)
                let hiddenBefore: UnsafePointer<Float>? = step > 0
                  ? UnsafePointer(hs + stateBase(step - 1) * h) : (initialBySlot == nil ? nil : initialHidden)
                if let hiddenBefore {
                  // (G2)
                  Gemm.multiply(m: rows, a: hiddenBefore, lda: h, packed: p.recurrentProjectionWeights, beta: 0, c: rec, ldc: g3)
                }
                // (G3), (G4)
                saliency_gru_step_forward(z + first * g3, hiddenBefore == nil ? nil : UnsafePointer(rec), p.recurrentBias + 2 * h,
                                          hiddenBefore, rows, h, hn + (keepGates ? first : 0) * h, hs + base * h)
                for slot in batch.endingSlots(atStep: step) {
                  let sequence = batch.sequenceOfSlot[slot]
                  for j in 0..<h { final.hidden[sequence * h + j] = hs[(base + slot) * h + j] }
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
      return DirectionTrace(inputs: inputs, initialState: initialState, gates: gates, candidateRecurrent: candidate,
                            hidden: hidden, final: final)
    case .states: return DirectionTrace(initialState: initialState, hidden: hidden, final: final)
    case .finalOnly: return DirectionTrace(initialState: initialState, final: final)
    }
  }

  /// Backpropagation through time down to the input pre-activations, as `LSTMLayer.backward`.
  /// - Returns: ∂L/∂Z, packed. [N, 3H]. ∂L/∂X = ∂L/∂Z · W_ih (`LSTMLayer.inputGradients(fromGateGradients:)`).
  /// - Complexity: 2·N·3H·H FLOPs, plus 2·N·3H·(in + H) with weight gradients.
  static func backward(_ trace: DirectionTrace, batch: PackedBatch, config: ModelConfig, inputWidth: Int,
                       finalHiddenGradient: [Float]?, hiddenGradients: [Float]?, parameters p: RecurrentPointers,
                       gradients: GradientPointers.Unit?) -> [Float] {
    let n = batch.rowCount, h = config.hiddenSize, g3 = config.gateWidth
    var gateGradients = [Float](unfilledCount: n * g3)       // ∂L/∂Z [N, 3H], every row written by its step
    var recurrentGradients = [Float](unfilledCount: n * g3)  // ∂L/∂(R + b_hh) [N, 3H]
    var hiddenCarry = [Float](repeating: 0, count: batch.sequenceCount * h)  // ∂L/∂h_t by slot [B, H]
    let initialBySlot = trace.initialState?.selecting(batch.sequenceOfSlot, hiddenSize: h)
    withMutablePointer(&gateGradients) { dz in
      withMutablePointer(&recurrentGradients) { dr in
        withMutablePointer(&hiddenCarry) { dhCarry in
          withPointer(trace.gates) { gates in
            withPointer(trace.candidateRecurrent) { hn in
              withPointer(trace.hidden) { hs in
                withPointer(initialBySlot?.hidden ?? []) { initialHidden in
                  for step in stride(from: batch.maxLength - 1, through: 0, by: -1) {
                    let rows = batch.activeCount[step], first = batch.stepOffsets[step]
                    batch.addIncomingHiddenGradients(atStep: step, width: h, final: finalHiddenGradient, fromAbove: hiddenGradients,
                                                        into: dhCarry)
                    let hiddenBefore: UnsafePointer<Float>? = step > 0
                      ? hs + batch.stepOffsets[step - 1] * h : (initialBySlot == nil ? nil : initialHidden)
                    // inverts (G4) and (G3); leaves z ⊙ ∂L/∂h_t in the carry
                    saliency_gru_step_backward(gates + first * g3, hn + first * h, hiddenBefore, rows, h, dhCarry,
                                               dz + first * g3, dr + first * g3)
                    // inverts (G2): ∂L/∂h_{t−1} += ∂L/∂R_t · W_hh
                    if step > 0 {
                      Gemm.multiply(m: rows, a: dr + first * g3, lda: g3, packed: p.recurrentGradientWeights,
                                    beta: 1, c: dhCarry, ldc: h)
                    }
                  }
                }
              }
            }
          }
          if let gradients {
            LSTMLayer.accumulateWeightGradients(trace, batch: batch, config: config, inputWidth: inputWidth, gateGradients: dz,
                                                recurrentGradients: dr, initialHidden: initialBySlot?.hidden, into: gradients)
          }
        }
      }
    }
    return gateGradients
  }
}
