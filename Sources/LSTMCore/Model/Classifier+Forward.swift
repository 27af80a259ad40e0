extension Classifier {
  /// The packed embedded inputs of token-id sequences. Returns the layout and X [N, E].
  public func embed(_ sequences: [[Int]]) throws(ModelError) -> (batch: PackedBatch, inputs: [Float]) {
    for ids in sequences { try validate(tokenIds: ids) }
    let batch = PackedBatch(lengths: sequences.map(\.count))
    let inputs = withParameterPointers { Embedding.forward(sequences: sequences, batch: batch, config: config, parameters: $0) }
    return (batch, inputs)
  }

  /// The forward pass of token-id sequences of any lengths (an empty sequence has h_T = 0).
  public func forward(_ sequences: [[Int]]) throws(ModelError) -> ForwardTrace {
    let (batch, inputs) = try embed(sequences)
    return forward(batch: batch, inputs: inputs)
  }

  /// The forward pass from embedded inputs, keeping every step, so explanations can feed scaled or perturbed
  /// embeddings.
  ///
  /// - Parameters:
  ///   - inputs: X [N, E], packed by `batch`.
  ///   - initialState: (h_0, c_0) per sequence; nil for zeros.
  ///   - finalHiddenMask: training dropout on h_T, already scaled by 1/(1−p). [B, H]
  /// - Complexity: 2·N·4H·(E + H) + 2·B·H·K FLOPs.
  public func forward(batch: PackedBatch, inputs: [Float], initialState: LSTMState? = nil,
                      finalHiddenMask: [Float]? = nil) -> ForwardTrace {
    precondition(inputs.count == batch.rowCount * config.embeddingSize, "inputs must be [N, E]")
    return trace(.embedded(inputs), batch: batch, initialState: initialState, finalHiddenMask: finalHiddenMask)
  }

  /// The forward pass from projected inputs Z_in = X·W_ihᵀ + b_ih + b_hh [N, 4H] (see `inputProjection`). The trace
  /// has no `inputs`, so it serves `inputGradients` and `gateGradients` but not training.
  /// - Complexity: 2·N·4H·H + 2·B·H·K FLOPs.
  public func forward(batch: PackedBatch, projectedInputs: [Float], initialState: LSTMState? = nil) -> ForwardTrace {
    precondition(projectedInputs.count == batch.rowCount * config.gateWidth, "projected inputs must be [N, 4H]")
    return trace(.projected(projectedInputs), batch: batch, initialState: initialState, finalHiddenMask: nil)
  }

  /// Z_in = X·W_ihᵀ + b_ih + b_hh for rows of embedded inputs. [rows, 4H] from [rows, E]
  /// - Complexity: 2·rows·4H·E FLOPs.
  public func inputProjection(of inputs: [Float]) -> [Float] {
    let rows = inputs.count / config.embeddingSize, g4 = config.gateWidth
    var projection = [Float](unfilledCount: rows * g4)  // every row written by the product
    withParameterPointers { p in
      withMutablePointer(&projection) { z in
        withPointer(inputs) { x in
          // The bias row is added inside the product (a Z of row stride 0).
          Gemm.multiply(m: rows, a: x, lda: config.embeddingSize, packed: p.inputProjectionWeights,
                        adding: p.gateBias, ldz: 0, c: z, ldc: g4)
        }
      }
    }
    return projection
  }

  /// Only what a prediction needs — the last state, logits and probabilities — in memory O(B·H): for scoring and
  /// for perturbation methods, which run many sequences and read nothing else.
  /// - Parameters:
  ///   - input: embedded X [N, E] or projected Z_in [N, 4H], packed by `batch`.
  ///   - keepingStates: also return h and c at every step (packed, [N, H] each), for resuming from any of them.
  public func finalOutputs(batch: PackedBatch, input: LSTMInput, initialState: LSTMState? = nil,
                           keepingStates: Bool = false) -> FinalOutputs {
    switch input {
    case .embedded(let x): precondition(x.count == batch.rowCount * config.embeddingSize, "inputs must be [N, E]")
    case .projected(let z): precondition(z.count == batch.rowCount * config.gateWidth, "projected inputs must be [N, 4H]")
    }
    return withParameterPointers { p in
      let states = LSTMLayer.forward(input, batch: batch, config: config, parameters: p, initialState: initialState,
                                     retention: keepingStates ? .states : .finalOnly)
      let logits = Dense.forward(inputs: states.final.hidden, batchSize: batch.sequenceCount, config: config, parameters: p)
      return FinalOutputs(config: config, final: states.final, hidden: states.hidden, cells: states.cells, logits: logits,
                          probabilities: Softmax.probabilities(logits: logits, classCount: config.classCount))
    }
  }

  /// `finalOutputs` of embedded inputs X [N, E].
  public func finalOutputs(batch: PackedBatch, inputs: [Float], initialState: LSTMState? = nil) -> FinalOutputs {
    finalOutputs(batch: batch, input: .embedded(inputs), initialState: initialState)
  }

  private func trace(_ input: LSTMInput, batch: PackedBatch, initialState: LSTMState?, finalHiddenMask: [Float]?) -> ForwardTrace {
    let h = config.hiddenSize, b = batch.sequenceCount
    return withParameterPointers { p in
      let states = LSTMLayer.forward(input, batch: batch, config: config, parameters: p, initialState: initialState,
                                     retention: .everyStep)
      var denseInput = states.final.hidden
      if let mask = finalHiddenMask {
        precondition(mask.count == b * h, "the dropout mask must be [B, H]")
        for index in denseInput.indices { denseInput[index] *= mask[index] }
      }
      let logits = Dense.forward(inputs: denseInput, batchSize: b, config: config, parameters: p)
      let inputs: [Float]
      if case .embedded(let x) = input { inputs = x } else { inputs = [] }
      return ForwardTrace(
        config: config, batch: batch, inputs: inputs, initialState: initialState, gates: states.gates, cells: states.cells,
        cellTanh: states.cellTanh, hidden: states.hidden, finalHidden: states.final.hidden, finalCells: states.final.cells,
        denseInput: denseInput, finalHiddenMask: finalHiddenMask, logits: logits,
        probabilities: Softmax.probabilities(logits: logits, classCount: config.classCount))
    }
  }
}

/// The outputs of a prediction-only forward pass, caller order.
public struct FinalOutputs: Sendable {
  public let config: ModelConfig
  /// (h_T, c_T). [B, H] each
  public let final: LSTMState
  /// h_t and c_t of every step, packed like the input, when asked for (`keepingStates`); empty otherwise. [N, H] each
  public let hidden: [Float]
  public let cells: [Float]
  /// [B, K]
  public let logits: [Float]
  /// [B, K]
  public let probabilities: [Float]

  public func logits(ofSequence sequence: Int) -> ArraySlice<Float> {
    logits[(sequence * config.classCount)..<((sequence + 1) * config.classCount)]
  }

  public func probabilities(ofSequence sequence: Int) -> ArraySlice<Float> {
    probabilities[(sequence * config.classCount)..<((sequence + 1) * config.classCount)]
  }

  public func finalHidden(ofSequence sequence: Int) -> ArraySlice<Float> {
    final.hidden[(sequence * config.hiddenSize)..<((sequence + 1) * config.hiddenSize)]
  }
}
