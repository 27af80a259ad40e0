/// The output layer: logits = X · W_fcᵀ + b_fc, forward and backward side by side.
enum Dense {
  /// (D1) logits[b, k] = Σ_j X[b, j] · W_fc[k, j] + b_fc[k].
  /// - Parameters: `inputs` [B, D·H] (the encoder's final output). Returns [B, K].
  static func forward(inputs: [Float], batchSize: Int, config: ModelConfig, parameters p: ParameterPointers) -> [Float] {
    let h = config.outputWidth, k = config.classCount
    var logits = [Float](repeating: 0, count: batchSize * k)
    withMutablePointer(&logits) { out in
      for b in 0..<batchSize {
        for klass in 0..<k { out[b * k + klass] = p.outputBias[klass] }
      }
      withPointer(inputs) { x in
        Gemm.multiply(.none, .transposed, m: batchSize, n: k, k: h, a: x, lda: h, b: p.outputWeights, ldb: h,
                      beta: 1, c: out, ldc: k)
      }
    }
    return logits
  }

  /// Inverts (D1): returns ∂L/∂X [B, D·H]; adds ∂L/∂W_fc = dlogitsᵀ·X and ∂L/∂b_fc = Σ_b dlogits when asked.
  /// - Parameters: `logitGradients` [B, K], `inputs` [B, D·H].
  static func backward(logitGradients: [Float], inputs: [Float], batchSize: Int, config: ModelConfig,
                       parameters p: ParameterPointers, gradients: GradientPointers?) -> [Float] {
    let h = config.outputWidth, k = config.classCount
    var inputGradients = [Float](repeating: 0, count: batchSize * h)
    withPointer(logitGradients) { dy in
      withMutablePointer(&inputGradients) { dx in
        Gemm.multiply(.none, .none, m: batchSize, n: h, k: k, a: dy, lda: k, b: p.outputWeights, ldb: h,
                      beta: 0, c: dx, ldc: h)
      }
      if let gradients {
        withPointer(inputs) { x in
          Gemm.multiply(.transposed, .none, m: k, n: h, k: batchSize, a: dy, lda: k, b: x, ldb: h,
                        beta: 1, c: gradients.outputWeights, ldc: h)
        }
        for b in 0..<batchSize {
          for klass in 0..<k { gradients.outputBias[klass] += dy[b * k + klass] }
        }
      }
    }
    return inputGradients
  }
}
