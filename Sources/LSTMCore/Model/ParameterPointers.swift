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
  /// W_ihᵀ [E, 4H]
  public let inputWeightsTransposed: UnsafePointer<Float>
  /// W_hhᵀ [H, 4H]
  public let recurrentWeightsTransposed: UnsafePointer<Float>
  /// b_ih + b_hh [4H]
  public let gateBias: UnsafePointer<Float>

  init(base: UnsafePointer<Float>, layout: ParameterLayout, inputWeightsTransposed: UnsafePointer<Float>,
       recurrentWeightsTransposed: UnsafePointer<Float>, gateBias: UnsafePointer<Float>) {
    self.gateBias = gateBias
    self.inputWeightsTransposed = inputWeightsTransposed
    self.recurrentWeightsTransposed = recurrentWeightsTransposed
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
      try derivedWeights.inputWeights.withUnsafeBufferPointer { inputTransposed in
        try derivedWeights.recurrentWeights.withUnsafeBufferPointer { recurrentTransposed in
          try derivedWeights.gateBias.withUnsafeBufferPointer { gateBias in
            // The layout always holds the biases and the weight blocks, so no buffer is empty.
            try body(ParameterPointers(
              base: buffer.baseAddress.unsafelyUnwrapped, layout: layout,
              inputWeightsTransposed: inputTransposed.baseAddress.unsafelyUnwrapped,
              recurrentWeightsTransposed: recurrentTransposed.baseAddress.unsafelyUnwrapped,
              gateBias: gateBias.baseAddress.unsafelyUnwrapped))
          }
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
