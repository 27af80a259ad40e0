import CKernels

/// The LSTM layer over a packed batch: forward and backward side by side.
///
/// Forward, for the rows active at step t (see `PackedBatch`):
///   (F1) Z = X · W_ihᵀ + b_ih + b_hh                         for all N rows at once   [N, 4H]
///   (F2) Z_t += H_{t−1} · W_hhᵀ                              (t ≥ 1)                  [n_t, 4H]
///   (F3) i, f, o = σ(Z_t[i, f, o]); g = tanh(Z_t[g])
///   (F4) c_t = f ⊙ c_{t−1} + i ⊙ g;  h_t = o ⊙ tanh(c_t)
enum LSTMLayer {
  /// The states of a forward pass, packed. Shapes: gates [N, 4H], cells, cellTanh, hidden [N, H].
  struct States {
    var gates: [Float]
    var cells: [Float]
    var cellTanh: [Float]
    var hidden: [Float]
  }

  /// - Parameters: `inputs` [N, E] packed embedded inputs.
  /// - Complexity: 2·N·4H·(E + H) FLOPs.
  static func forward(inputs: [Float], batch: PackedBatch, config: ModelConfig,
                      parameters p: ParameterPointers) -> States {
    let n = batch.rowCount, e = config.embeddingSize, h = config.hiddenSize, g4 = config.gateWidth
    var gates = [Float](repeating: 0, count: n * g4)
    var cells = [Float](repeating: 0, count: n * h)
    var cellTanh = [Float](repeating: 0, count: n * h)
    var hidden = [Float](repeating: 0, count: n * h)
    withMutablePointer(&gates) { z in
      // (F1): bias rows, then one GEMM for the input projection of every token in the batch.
      for row in 0..<n {
        for j in 0..<g4 { z[row * g4 + j] = p.inputBias[j] + p.recurrentBias[j] }
      }
      withPointer(inputs) { x in
        Gemm.multiply(.none, .transposed, m: n, n: g4, k: e, a: x, lda: e, b: p.inputWeights, ldb: e,
                      beta: 1, c: z, ldc: g4)
      }
      withMutablePointer(&cells) { c in
        withMutablePointer(&cellTanh) { ct in
          withMutablePointer(&hidden) { hs in
            for step in 0..<batch.maxLength {
              let rows = batch.activeCount[step], first = batch.stepOffsets[step]
              let zt = z + first * g4
              var previousCells: UnsafePointer<Float>? = nil
              if step > 0 {
                let previous = batch.stepOffsets[step - 1]
                // (F2)
                Gemm.multiply(.none, .transposed, m: rows, n: g4, k: h, a: hs + previous * h, lda: h,
                              b: p.recurrentWeights, ldb: h, beta: 1, c: zt, ldc: g4)
                previousCells = UnsafePointer(c + previous * h)
              }
              // (F3), (F4)
              saliency_lstm_gate_activations(zt, rows, h)
              saliency_lstm_cell_forward(zt, previousCells, rows, h, c + first * h, ct + first * h,
                                         hs + first * h)
            }
          }
        }
      }
    }
    return States(gates: gates, cells: cells, cellTanh: cellTanh, hidden: hidden)
  }

  /// Backpropagation through time.
  ///
  /// - Parameters:
  ///   - finalHiddenGradient: ∂L/∂h_T of each sequence, caller order. [B, H]
  ///   - gradients: when given, ∂L/∂W_ih, ∂L/∂W_hh, ∂L/∂b_ih, ∂L/∂b_hh are *added* into it.
  /// - Returns: ∂L/∂X, packed. [N, E]
  /// - Complexity: about twice the forward FLOPs with weight gradients, the forward FLOPs without.
  static func backward(trace: ForwardTrace, finalHiddenGradient: [Float], parameters p: ParameterPointers,
                       gradients: GradientPointers?) -> [Float] {
    let batch = trace.batch, config = trace.config
    let n = batch.rowCount, e = config.embeddingSize, h = config.hiddenSize, g4 = config.gateWidth
    var gateGradients = [Float](repeating: 0, count: n * g4)   // ∂L/∂Z, packed [N, 4H]
    var hiddenCarry = [Float](repeating: 0, count: batch.sequenceCount * h)  // ∂L/∂h_t by slot [B, H]
    var cellCarry = [Float](repeating: 0, count: batch.sequenceCount * h)    // ∂L/∂c_t by slot [B, H]
    withMutablePointer(&gateGradients) { dz in
      withMutablePointer(&hiddenCarry) { dhCarry in
        withMutablePointer(&cellCarry) { dcCarry in
          withPointer(trace.gates) { gates in
            withPointer(trace.cells) { cells in
              withPointer(trace.cellTanh) { cellTanh in
                for step in stride(from: batch.maxLength - 1, through: 0, by: -1) {
                  let rows = batch.activeCount[step], first = batch.stepOffsets[step]
                  // Sequences whose last step is this one receive ∂L/∂h_T here.
                  for slot in 0..<rows where batch.lengths[batch.sequenceOfSlot[slot]] == step + 1 {
                    let sequence = batch.sequenceOfSlot[slot]
                    for j in 0..<h { dhCarry[slot * h + j] += finalHiddenGradient[sequence * h + j] }
                  }
                  let previousFirst = step > 0 ? batch.stepOffsets[step - 1] : 0
                  for slot in 0..<rows {
                    let row = first + slot
                    let gate = gates + row * g4, dGate = dz + row * g4
                    for j in 0..<h {
                      let i = gate[j], f = gate[h + j], g = gate[2 * h + j], o = gate[3 * h + j]
                      let tanhC = cellTanh[row * h + j]
                      let dh = dhCarry[slot * h + j]
                      // inverts h_t = o ⊙ tanh(c_t)  (F4)
                      let dc = dcCarry[slot * h + j] + dh * o * (1 - tanhC * tanhC)
                      let cPrevious = step > 0 ? cells[(previousFirst + slot) * h + j] : 0
                      // inverts c_t = f ⊙ c_{t−1} + i ⊙ g  (F4), then the nonlinearities (F3)
                      dGate[j] = dc * g * i * (1 - i)
                      dGate[h + j] = dc * cPrevious * f * (1 - f)
                      dGate[2 * h + j] = dc * i * (1 - g * g)
                      dGate[3 * h + j] = dh * tanhC * o * (1 - o)
                      dcCarry[slot * h + j] = dc * f
                    }
                  }
                  // inverts (F2): ∂L/∂h_{t−1} = ∂L/∂Z_t · W_hh
                  if step > 0 {
                    Gemm.multiply(.none, .none, m: rows, n: h, k: g4, a: dz + first * g4, lda: g4,
                                  b: p.recurrentWeights, ldb: h, beta: 0, c: dhCarry, ldc: h)
                  }
                }
              }
            }
          }
          if let gradients {
            accumulateWeightGradients(trace: trace, gateGradients: dz, into: gradients)
          }
        }
      }
    }
    // inverts (F1): ∂L/∂X = ∂L/∂Z · W_ih, one GEMM for the whole batch.
    var inputGradients = [Float](repeating: 0, count: n * e)
    withPointer(gateGradients) { dz in
      withMutablePointer(&inputGradients) { dx in
        Gemm.multiply(.none, .none, m: n, n: e, k: g4, a: dz, lda: g4, b: p.inputWeights, ldb: e,
                      beta: 0, c: dx, ldc: e)
      }
    }
    return inputGradients
  }

  /// ∂L/∂W_ih += dZᵀ·X; ∂L/∂W_hh += Σ_t dZ_tᵀ·H_{t−1}; ∂L/∂b_ih, ∂L/∂b_hh += Σ_rows dZ.
  private static func accumulateWeightGradients(trace: ForwardTrace, gateGradients dz: UnsafePointer<Float>,
                                                into gradients: GradientPointers) {
    let batch = trace.batch, config = trace.config
    let n = batch.rowCount, e = config.embeddingSize, h = config.hiddenSize, g4 = config.gateWidth
    withPointer(trace.inputs) { x in
      Gemm.multiply(.transposed, .none, m: g4, n: e, k: n, a: dz, lda: g4, b: x, ldb: e,
                    beta: 1, c: gradients.inputWeights, ldc: e)
    }
    withPointer(trace.hidden) { hs in
      for step in 1..<max(1, batch.maxLength) {
        let rows = batch.activeCount[step]
        Gemm.multiply(.transposed, .none, m: g4, n: h, k: rows, a: dz + batch.stepOffsets[step] * g4, lda: g4,
                      b: hs + batch.stepOffsets[step - 1] * h, ldb: h, beta: 1, c: gradients.recurrentWeights,
                      ldc: h)
      }
    }
    for row in 0..<n {
      for j in 0..<g4 {
        let value = dz[row * g4 + j]
        gradients.inputBias[j] += value
        gradients.recurrentBias[j] += value
      }
    }
  }
}
