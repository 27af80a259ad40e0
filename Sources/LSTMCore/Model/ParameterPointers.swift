/// Typed read-only pointers into a classifier's flat parameter buffer, valid inside
/// `Classifier.withParameterPointers`. Shapes as in `ParameterLayout`.
public struct ParameterPointers {
  /// [V, E]
  public let embedding: UnsafePointer<Float>
  /// W_fc [K, D·H]
  public let outputWeights: UnsafePointer<Float>
  /// b_fc [K]
  public let outputBias: UnsafePointer<Float>
  /// Each layer direction's tensors, layer by layer, forward direction first (`unitIndex`).
  public let units: [RecurrentPointers]

  /// The position in `units` of layer `layer`'s direction (backward when `reverse`) for D directions.
  public static func unitIndex(layer: Int, reverse: Bool, directions: Int) -> Int { layer * directions + (reverse ? 1 : 0) }
}

/// One recurrent layer direction's tensors (G = 4H or 3H rows, `in` = E for layer 0, D·H above).
public struct RecurrentPointers {
  /// W_ih [G, in]
  public let inputWeights: UnsafePointer<Float>
  /// W_hh [G, H]
  public let recurrentWeights: UnsafePointer<Float>
  /// b_ih [G]
  public let inputBias: UnsafePointer<Float>
  /// b_hh [G]
  public let recurrentBias: UnsafePointer<Float>
  /// The bias of the input pre-activations [G] (see `DerivedWeights.Unit.gateBias`).
  public let gateBias: UnsafePointer<Float>
  /// W_ihᵀ [in, G], packed for the input projection X·W_ihᵀ.
  let inputProjectionWeights: PackedMatrix.Pointer
  /// W_hhᵀ [H, G], packed for a step's H_{t−1}·W_hhᵀ.
  let recurrentProjectionWeights: PackedMatrix.Pointer
  /// W_hh [G, H], packed for a backward step's ∂L/∂Z_t·W_hh.
  let recurrentGradientWeights: PackedMatrix.Pointer
  /// W_ih [G, in], packed for the input gradients ∂L/∂Z·W_ih.
  let inputGradientWeights: PackedMatrix.Pointer
}

/// Mutable pointers into a gradient buffer with the same layout as the parameters.
public struct GradientPointers {
  /// One layer direction's gradients.
  public struct Unit {
    public let inputWeights: UnsafeMutablePointer<Float>
    public let recurrentWeights: UnsafeMutablePointer<Float>
    public let inputBias: UnsafeMutablePointer<Float>
    public let recurrentBias: UnsafeMutablePointer<Float>
  }

  public let embedding: UnsafeMutablePointer<Float>
  public let outputWeights: UnsafeMutablePointer<Float>
  public let outputBias: UnsafeMutablePointer<Float>
  /// As `ParameterPointers.units`.
  public let units: [Unit]

  init(base: UnsafeMutablePointer<Float>, layout: ParameterLayout, config: ModelConfig) {
    embedding = base + layout[.embedding].offset
    outputWeights = base + layout[.outputWeights].offset
    outputBias = base + layout[.outputBias].offset
    units = (0..<config.layers).flatMap { layer in
      [false, true].prefix(config.directions).map { reverse in
        Unit(inputWeights: base + layout[.recurrent(.inputWeights, layer: layer, reverse: reverse)].offset,
             recurrentWeights: base + layout[.recurrent(.recurrentWeights, layer: layer, reverse: reverse)].offset,
             inputBias: base + layout[.recurrent(.inputBias, layer: layer, reverse: reverse)].offset,
             recurrentBias: base + layout[.recurrent(.recurrentBias, layer: layer, reverse: reverse)].offset)
      }
    }
  }
}

extension Classifier {
  /// Runs `body` with typed pointers into the parameters.
  public func withParameterPointers<R>(_ body: (ParameterPointers) throws -> R) rethrows -> R {
    try parameters.withUnsafeBufferPointer { buffer in
      try withExtendedLifetime(derivedWeights) {
        // The layout always holds the biases and the weight blocks, so the buffer is never empty.
        let base = buffer.baseAddress.unsafelyUnwrapped
        var units: [RecurrentPointers] = []
        var index = 0
        for layer in 0..<config.layers {
          for reverse in [false, true].prefix(config.directions) {
            let derived = derivedWeights.units[index]
            units.append(RecurrentPointers(
              inputWeights: base + layout[.recurrent(.inputWeights, layer: layer, reverse: reverse)].offset,
              recurrentWeights: base + layout[.recurrent(.recurrentWeights, layer: layer, reverse: reverse)].offset,
              inputBias: base + layout[.recurrent(.inputBias, layer: layer, reverse: reverse)].offset,
              recurrentBias: base + layout[.recurrent(.recurrentBias, layer: layer, reverse: reverse)].offset,
              gateBias: UnsafePointer(derived.gateBias.base),
              inputProjectionWeights: derived.inputProjection.unsafePointer,
              recurrentProjectionWeights: derived.recurrentProjection.unsafePointer,
              recurrentGradientWeights: derived.recurrentGradient.unsafePointer,
              inputGradientWeights: derived.inputGradient.unsafePointer))
            index += 1
          }
        }
        return try body(ParameterPointers(embedding: base + layout[.embedding].offset,
                                          outputWeights: base + layout[.outputWeights].offset,
                                          outputBias: base + layout[.outputBias].offset, units: units))
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
