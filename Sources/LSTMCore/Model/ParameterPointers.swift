/// Typed read-only pointers into a classifier's flat parameter buffer, valid inside
/// `Classifier.withParameterPointers`. Shapes as in `ParameterLayout`.
public struct ParameterPointers {
  /// [V, E]
  public let embedding: UnsafePointer<Float>
  /// W_ih [4H, E]
  public let inputWeights: UnsafePointer<Float>
  /// W_hh [4H, H]
  public let recurrentWeights: UnsafePointer<Float>
  /// b_ih [4H]
  public let inputBias: UnsafePointer<Float>
  /// b_hh [4H]
  public let recurrentBias: UnsafePointer<Float>
  /// W_fc [K, H]
  public let outputWeights: UnsafePointer<Float>
  /// b_fc [K]
  public let outputBias: UnsafePointer<Float>
  /// W_ihᵀ [E, 4H], packed for the input projection X·W_ihᵀ.
  let inputProjectionWeights: PackedMatrix.Pointer
  /// W_hhᵀ [H, 4H], packed for a step's H_{t−1}·W_hhᵀ.
  let recurrentProjectionWeights: PackedMatrix.Pointer
  /// W_hh [4H, H], packed for a backward step's ∂L/∂Z_t·W_hh.
  let recurrentGradientWeights: PackedMatrix.Pointer
  /// W_ih [4H, E], packed for the input gradients ∂L/∂Z·W_ih.
  let inputGradientWeights: PackedMatrix.Pointer
  /// b_ih + b_hh [4H]
  public let gateBias: UnsafePointer<Float>

  init(base: UnsafePointer<Float>, layout: ParameterLayout, inputProjectionWeights: PackedMatrix.Pointer,
       recurrentProjectionWeights: PackedMatrix.Pointer, recurrentGradientWeights: PackedMatrix.Pointer,
       inputGradientWeights: PackedMatrix.Pointer, gateBias: UnsafePointer<Float>) {
    self.gateBias = gateBias
    self.inputProjectionWeights = inputProjectionWeights
    self.recurrentProjectionWeights = recurrentProjectionWeights
    self.recurrentGradientWeights = recurrentGradientWeights
    self.inputGradientWeights = inputGradientWeights
    embedding = base + layout[.embedding].offset
    inputWeights = base + layout[.inputWeights].offset
    recurrentWeights = base + layout[.recurrentWeights].offset
    inputBias = base + layout[.inputBias].offset
    recurrentBias = base + layout[.recurrentBias].offset
    outputWeights = base + layout[.outputWeights].offset
    outputBias = base + layout[.outputBias].offset
  }
}

/// Mutable pointers into a gradient buffer with the same layout as the parameters.
public struct GradientPointers {
  public let embedding: UnsafeMutablePointer<Float>
  public let inputWeights: UnsafeMutablePointer<Float>
  public let recurrentWeights: UnsafeMutablePointer<Float>
  public let inputBias: UnsafeMutablePointer<Float>
  public let recurrentBias: UnsafeMutablePointer<Float>
  public let outputWeights: UnsafeMutablePointer<Float>
  public let outputBias: UnsafeMutablePointer<Float>

  init(base: UnsafeMutablePointer<Float>, layout: ParameterLayout) {
    embedding = base + layout[.embedding].offset
    inputWeights = base + layout[.inputWeights].offset
    recurrentWeights = base + layout[.recurrentWeights].offset
    inputBias = base + layout[.inputBias].offset
    recurrentBias = base + layout[.recurrentBias].offset
    outputWeights = base + layout[.outputWeights].offset
    outputBias = base + layout[.outputBias].offset
  }
}

extension Classifier {
  /// Runs `body` with typed pointers into the parameters.
  public func withParameterPointers<R>(_ body: (ParameterPointers) throws -> R) rethrows -> R {
    try parameters.withUnsafeBufferPointer { buffer in
      try derivedWeights.withPackedPointers { inputProjection, recurrentProjection, recurrentGradient, inputGradient in
        try derivedWeights.gateBias.withUnsafeBufferPointer { gateBias in
          // The layout always holds the biases and the weight blocks, so no buffer is empty.
          try body(ParameterPointers(
            base: buffer.baseAddress.unsafelyUnwrapped, layout: layout,
            inputProjectionWeights: inputProjection, recurrentProjectionWeights: recurrentProjection,
            recurrentGradientWeights: recurrentGradient, inputGradientWeights: inputGradient,
            gateBias: gateBias.baseAddress.unsafelyUnwrapped))
        }
      }
    }
  }
}

/// Runs `body` with a mutable pointer to an array's storage (a one-value scratch for an empty array,
/// so zero-sized BLAS calls still get a valid pointer).
@inlinable
func withMutablePointer<R>(_ array: inout [Float], _ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
  try array.withUnsafeMutableBufferPointer { buffer in
    if let base = buffer.baseAddress { return try body(base) }
    var placeholder: Float = 0
    return try withUnsafeMutablePointer(to: &placeholder) { try body($0) }
  }
}

/// Runs `body` with a pointer to an array's storage (see `withMutablePointer`).
@inlinable
func withPointer<R>(_ array: [Float], _ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
  try array.withUnsafeBufferPointer { buffer in
    if let base = buffer.baseAddress { return try body(base) }
    var placeholder: Float = 0
    return try withUnsafePointer(to: &placeholder) { try body($0) }
  }
}
