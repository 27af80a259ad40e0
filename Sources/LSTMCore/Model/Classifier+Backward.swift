extension Classifier {
  /// ∂F/∂X for explanations: backpropagates ∂F/∂logits without computing any weight gradient.
  ///
  /// - Parameters: `logitGradients` ∂F/∂logits [B, K], caller order.
  /// - Returns: ∂F/∂X [N, E], packed like `trace.inputs`.
  public func inputGradients(of trace: ForwardTrace, logitGradients: [Float]) -> [Float] {
    let dz = gateGradients(of: trace, logitGradients: logitGradients)
    return withParameterPointers { p in
      LSTMLayer.inputGradients(fromGateGradients: dz, rows: trace.batch.rowCount, config: config, parameters: p)
    }
  }

  /// ∂F/∂Z_in, the gradient at the input pre-activations Z_in = X·W_ihᵀ + b (no weight gradients). Since
  /// ∂F/∂X = ∂F/∂Z_in · W_ih is linear, path methods can sum it over steps first and multiply once
  /// (`inputGradients(fromGateGradients:)`).
  /// - Returns: [N, 4H], packed like the trace.
  public func gateGradients(of trace: ForwardTrace, logitGradients: [Float]) -> [Float] {
    withParameterPointers { p in
      let finalGradient = finalHiddenGradient(trace: trace, logitGradients: logitGradients, parameters: p, gradients: nil)
      return LSTMLayer.backward(trace: trace, finalHiddenGradient: finalGradient, parameters: p, gradients: nil)
    }
  }

  /// ∂F/∂X = ∂F/∂Z_in · W_ih for rows of gate gradients. [rows, E] from [rows, 4H]
  public func inputGradients(fromGateGradients gateGradients: [Float]) -> [Float] {
    withParameterPointers { p in
      LSTMLayer.inputGradients(fromGateGradients: gateGradients, rows: gateGradients.count / config.gateWidth,
                               config: config, parameters: p)
    }
  }

  /// The full backward pass for training: *adds* ∂L/∂θ for every parameter into `gradients` (same layout as
  /// `parameters`; the `<pad>` embedding row is frozen) and returns ∂L/∂X [N, E].
  ///
  /// - Parameters: `sequences` are the token ids the trace was embedded from (for the embedding gradient).
  public func backward(_ trace: ForwardTrace, logitGradients: [Float], sequences: [[Int]],
                       into gradients: inout [Float]) -> [Float] {
    precondition(gradients.count == layout.totalCount, "the gradient buffer must have the parameter layout")
    return withParameterPointers { p in
      withMutablePointer(&gradients) { base in
        let g = GradientPointers(base: base, layout: layout)
        let finalGradient = finalHiddenGradient(trace: trace, logitGradients: logitGradients, parameters: p, gradients: g)
        let dz = LSTMLayer.backward(trace: trace, finalHiddenGradient: finalGradient, parameters: p, gradients: g)
        let inputGradients = LSTMLayer.inputGradients(fromGateGradients: dz, rows: trace.batch.rowCount, config: config, parameters: p)
        Embedding.backward(inputGradients: inputGradients, sequences: sequences, batch: trace.batch, config: config,
                           padId: specialIds.pad, gradients: g)
        return inputGradients
      }
    }
  }

  /// ∂/∂h_T through the dense layer and the dropout mask. [B, H]
  private func finalHiddenGradient(trace: ForwardTrace, logitGradients: [Float], parameters p: ParameterPointers,
                                   gradients: GradientPointers?) -> [Float] {
    precondition(logitGradients.count == trace.batch.sequenceCount * config.classCount, "∂F/∂logits must be [B, K]")
    var gradient = Dense.backward(logitGradients: logitGradients, inputs: trace.denseInput,
                                  batchSize: trace.batch.sequenceCount, config: config, parameters: p, gradients: gradients)
    if let mask = trace.finalHiddenMask {
      for index in gradient.indices { gradient[index] *= mask[index] }
    }
    return gradient
  }
}
