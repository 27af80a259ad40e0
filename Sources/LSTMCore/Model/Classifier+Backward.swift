extension Classifier {
  /// ∂F/∂X for explanations: backpropagates ∂F/∂logits without computing any weight gradient.
  ///
  /// - Parameters: `logitGradients` ∂F/∂logits [B, K], caller order.
  /// - Returns: ∂F/∂X [N, E], packed like `trace.inputs`.
  public func inputGradients(of trace: ForwardTrace, logitGradients: [Float]) -> [Float] {
    withParameterPointers { p in
      let finalGradient = finalHiddenGradient(trace: trace, logitGradients: logitGradients, parameters: p, gradients: nil)
      return LSTMLayer.backward(trace: trace, finalHiddenGradient: finalGradient, parameters: p, gradients: nil)
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
        let inputGradients = LSTMLayer.backward(trace: trace, finalHiddenGradient: finalGradient, parameters: p, gradients: g)
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
