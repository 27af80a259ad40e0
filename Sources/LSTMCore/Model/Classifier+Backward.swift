extension Classifier {
  /// ∂F/∂X for explanations: backpropagates ∂F/∂logits without computing any weight gradient.
  ///
  /// - Parameters: `logitGradients` ∂F/∂logits [B, K], caller order.
  /// - Returns: ∂F/∂X [N, E], packed like `trace.inputs`.
  public func inputGradients(of trace: ForwardTrace, logitGradients: [Float]) -> [Float] {
    inputGradients(fromGateGradients: gateGradients(of: trace, logitGradients: logitGradients))
  }

  /// ∂F/∂Z_in, the gradient at layer 0's input pre-activations Z_in (`inputProjection`; no weight gradients).
  /// Since ∂F/∂X = Σ_directions ∂F/∂Z_in · W_ih is linear, path methods can sum it over steps first and multiply
  /// once (`inputGradients(fromGateGradients:)`).
  /// - Returns: [N, D·G], packed like the trace.
  public func gateGradients(of trace: ForwardTrace, logitGradients: [Float]) -> [Float] {
    withParameterPointers { p in
      let finalGradient = finalHiddenGradient(trace: trace, logitGradients: logitGradients, parameters: p, gradients: nil)
      return Encoder.backward(trace, finalHiddenGradient: finalGradient, parameters: p, gradients: nil)
    }
  }

  /// ∂F/∂X = Σ_d ∂F/∂Z_in[:, d] · W_ih,d for rows of gate gradients. [rows, E] from [rows, D·G]
  public func inputGradients(fromGateGradients gateGradients: [Float]) -> [Float] {
    let e = config.embeddingSize, g = config.gateWidth, width = config.projectionWidth, rows = gateGradients.count / width
    var inputGradients = [Float](unfilledCount: rows * e)  // written by the first product (beta 0 reads nothing)
    withParameterPointers { p in
      withPointer(gateGradients) { dz in
        withMutablePointer(&inputGradients) { dx in
          for direction in 0..<config.directions {
            LSTMLayer.inputGradients(fromGateGradients: dz + direction * g, ldz: width, rows: rows, inputWidth: e,
                                     parameters: p.units[direction], beta: direction == 0 ? 0 : 1, into: dx)
          }
        }
      }
    }
    return inputGradients
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
        let g = GradientPointers(base: base, layout: layout, config: config)
        let finalGradient = finalHiddenGradient(trace: trace, logitGradients: logitGradients, parameters: p, gradients: g)
        let dz = Encoder.backward(trace, finalHiddenGradient: finalGradient, parameters: p, gradients: g)
        let inputGradients = self.inputGradients(fromGateGradients: dz)
        Embedding.backward(inputGradients: inputGradients, sequences: sequences, batch: trace.batch, config: config,
                           padId: specialIds.pad, gradients: g)
        return inputGradients
      }
    }
  }

  /// ∂/∂[h→_T; h←_1] through the dense layer and the dropout mask. [B, D·H]
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
