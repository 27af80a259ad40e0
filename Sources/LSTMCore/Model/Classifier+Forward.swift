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

  /// The forward pass from embedded inputs, so explanations can feed scaled or perturbed embeddings.
  ///
  /// - Parameters:
  ///   - inputs: X [N, E], packed by `batch`.
  ///   - finalHiddenMask: training dropout on h_T, already scaled by 1/(1−p). [B, H]
  /// - Complexity: 2·N·4H·(E + H) + 2·B·H·K FLOPs.
  public func forward(batch: PackedBatch, inputs: [Float], finalHiddenMask: [Float]? = nil) -> ForwardTrace {
    precondition(inputs.count == batch.rowCount * config.embeddingSize, "inputs must be [N, E]")
    let h = config.hiddenSize, b = batch.sequenceCount
    return withParameterPointers { p in
      let states = LSTMLayer.forward(inputs: inputs, batch: batch, config: config, parameters: p)
      var finalHidden = [Float](repeating: 0, count: b * h)
      for sequence in 0..<b where batch.lengths[sequence] > 0 {
        let row = batch.row(sequence: sequence, step: batch.lengths[sequence] - 1)
        finalHidden.replaceSubrange((sequence * h)..<((sequence + 1) * h), with: states.hidden[(row * h)..<((row + 1) * h)])
      }
      var denseInput = finalHidden
      if let mask = finalHiddenMask {
        precondition(mask.count == b * h, "the dropout mask must be [B, H]")
        for index in denseInput.indices { denseInput[index] *= mask[index] }
      }
      let logits = Dense.forward(inputs: denseInput, batchSize: b, config: config, parameters: p)
      return ForwardTrace(
        config: config, batch: batch, inputs: inputs, gates: states.gates, cells: states.cells,
        cellTanh: states.cellTanh, hidden: states.hidden, finalHidden: finalHidden, denseInput: denseInput,
        finalHiddenMask: finalHiddenMask, logits: logits,
        probabilities: Softmax.probabilities(logits: logits, classCount: config.classCount))
    }
  }
}
