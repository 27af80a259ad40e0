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
  ///   - initialState: every layer's (h_0, c_0) per sequence, [B, L·H] each (unidirectional encoders); nil for zeros.
  ///   - finalHiddenMask: training dropout on the head's input, already scaled by 1/(1−p). [B, D·H]
  ///   - layerInputMasks: training dropout between stacked layers (`Encoder`), [N, D·H] each, or empty.
  /// - Complexity: Σ over layer directions of 2·N·G·(in + H), plus 2·B·D·H·K FLOPs.
  public func forward(batch: PackedBatch, inputs: [Float], initialState: LSTMState? = nil,
                      finalHiddenMask: [Float]? = nil, layerInputMasks: [[Float]] = []) -> ForwardTrace {
    precondition(inputs.count == batch.rowCount * config.embeddingSize, "inputs must be [N, E]")
    return trace(.embedded(inputs), batch: batch, initialState: initialState, finalHiddenMask: finalHiddenMask,
                 layerInputMasks: layerInputMasks)
  }

  /// The forward pass from projected inputs Z_in [N, D·G] (see `inputProjection`). The trace has no `inputs`, so it
  /// serves `inputGradients` and `gateGradients` but not training.
  /// - Complexity: as `forward(batch:inputs:)` less layer 0's input projection.
  public func forward(batch: PackedBatch, projectedInputs: [Float], initialState: LSTMState? = nil) -> ForwardTrace {
    precondition(projectedInputs.count == batch.rowCount * config.projectionWidth, "projected inputs must be [N, D·G]")
    return trace(.projected(projectedInputs), batch: batch, initialState: initialState, finalHiddenMask: nil, layerInputMasks: [])
  }

  /// Z_in: layer 0's input pre-activations X·W_ihᵀ + bias of every direction side by side (the bias of
  /// `DerivedWeights.Unit.gateBias`: b_ih + b_hh for an LSTM). It is linear in X, so perturbation and path methods
  /// can erase or scale it instead of X. [rows, D·G] from [rows, E]
  /// - Complexity: 2·rows·D·G·E FLOPs.
  public func inputProjection(of inputs: [Float]) -> [Float] {
    let rows = inputs.count / config.embeddingSize, g = config.gateWidth, width = config.projectionWidth
    var projection = [Float](unfilledCount: rows * width)  // every row written by the products
    withParameterPointers { p in
      withMutablePointer(&projection) { z in
        withPointer(inputs) { x in
          for direction in 0..<config.directions {
            // The bias row is added inside the product (a Z of row stride 0).
            let unit = p.units[direction]
            Gemm.multiply(m: rows, a: x, lda: config.embeddingSize, packed: unit.inputProjectionWeights,
                          adding: unit.gateBias, ldz: 0, c: z + direction * g, ldc: width)
          }
        }
      }
    }
    return projection
  }

  /// Only what a prediction needs — the last state, logits and probabilities — in memory O(B·H): for scoring and
  /// for perturbation methods, which run many sequences and read nothing else.
  /// - Parameters:
  ///   - input: embedded X [N, E] or projected Z_in [N, D·G], packed by `batch`.
  ///   - initialState: every layer's (h_0, c_0), [B, L·H] each (unidirectional encoders only).
  ///   - keepingStates: also return every layer's h and c at every step ([N, L·H] each, for resuming from any of
  ///     them; unidirectional encoders) and the top layer's output [N, D·H].
  public func finalOutputs(batch: PackedBatch, input: LSTMInput, initialState: LSTMState? = nil,
                           keepingStates: Bool = false) -> FinalOutputs {
    switch input {
    case .embedded(let x): precondition(x.count == batch.rowCount * config.embeddingSize, "inputs must be [N, E]")
    case .projected(let z): precondition(z.count == batch.rowCount * config.projectionWidth, "projected inputs must be [N, D·G]")
    }
    return withParameterPointers { p in
      let encoded = Encoder.forward(input, batch: batch, config: config, parameters: p, initialState: initialState,
                                    retention: keepingStates ? .states : .finalOnly)
      let logits = Dense.forward(inputs: encoded.finalHidden, batchSize: batch.sequenceCount, config: config, parameters: p)
      return FinalOutputs(config: config, finalHidden: encoded.finalHidden, final: encoded.finalState,
                          hidden: encoded.states?.hidden ?? [], cells: encoded.states?.cells ?? [], output: encoded.output,
                          logits: logits, probabilities: Softmax.probabilities(logits: logits, classCount: config.classCount))
    }
  }

  /// `finalOutputs` of embedded inputs X [N, E].
  public func finalOutputs(batch: PackedBatch, inputs: [Float], initialState: LSTMState? = nil) -> FinalOutputs {
    finalOutputs(batch: batch, input: .embedded(inputs), initialState: initialState)
  }

  private func trace(_ input: LSTMInput, batch: PackedBatch, initialState: LSTMState?, finalHiddenMask: [Float]?,
                     layerInputMasks: [[Float]]) -> ForwardTrace {
    let b = batch.sequenceCount
    return withParameterPointers { p in
      let encoded = Encoder.forward(input, batch: batch, config: config, parameters: p, initialState: initialState,
                                    retention: .everyStep, layerInputMasks: layerInputMasks)
      var denseInput = encoded.finalHidden
      if let mask = finalHiddenMask {
        precondition(mask.count == b * config.outputWidth, "the dropout mask must be [B, D·H]")
        for index in denseInput.indices { denseInput[index] *= mask[index] }
      }
      let logits = Dense.forward(inputs: denseInput, batchSize: b, config: config, parameters: p)
      let inputs: [Float]
      if case .embedded(let x) = input { inputs = x } else { inputs = [] }
      return ForwardTrace(
        config: config, batch: batch, inputs: inputs, initialState: initialState, units: encoded.units,
        layerInputMasks: layerInputMasks, hidden: encoded.output, finalHidden: encoded.finalHidden,
        finalState: encoded.finalState, denseInput: denseInput, finalHiddenMask: finalHiddenMask, logits: logits,
        probabilities: Softmax.probabilities(logits: logits, classCount: config.classCount))
    }
  }
}

/// The outputs of a prediction-only forward pass, caller order.
public struct FinalOutputs: Sendable {
  public let config: ModelConfig
  /// What the head reads: the top layer's [h→_T; h←_1]. [B, D·H]
  public let finalHidden: [Float]
  /// Each layer's forward direction's (h_T, c_T), layer 0 first within a sequence. [B, L·H] each
  public let final: LSTMState
  /// Each layer's forward direction's h_t and c_t at every step, packed like the input, when asked for
  /// (`keepingStates`); empty otherwise. [N, L·H] each
  public let hidden: [Float]
  public let cells: [Float]
  /// The top layer's output [h→_t; h←_t] at every step when asked for (`keepingStates`); empty otherwise. [N, D·H]
  public let output: [Float]
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

  /// What the head reads for one sequence. [D·H]
  public func finalHidden(ofSequence sequence: Int) -> ArraySlice<Float> {
    finalHidden[(sequence * config.outputWidth)..<((sequence + 1) * config.outputWidth)]
  }
}
