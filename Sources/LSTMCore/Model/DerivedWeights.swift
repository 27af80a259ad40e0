/// The LSTM weights packed for the four products that use them (see `PackedMatrix`), and the two gate biases
/// summed, b_ih + b_hh [4H], which start every row of pre-activations.
struct DerivedWeights: Sendable {
  /// W_ihᵀ [E, 4H]: the input projection X·W_ihᵀ.
  let inputProjection: PackedMatrix
  /// W_hhᵀ [H, 4H]: a step's H_{t−1}·W_hhᵀ.
  let recurrentProjection: PackedMatrix
  /// W_hh [4H, H]: a backward step's ∂L/∂Z_t·W_hh.
  let recurrentGradient: PackedMatrix
  /// W_ih [4H, E]: the input gradients ∂L/∂Z·W_ih.
  let inputGradient: PackedMatrix
  let gateBias: [Float]

  init(parameters: [Float], layout: ParameterLayout, config: ModelConfig) {
    let e = config.embeddingSize, h = config.hiddenSize, g4 = config.gateWidth
    let input = layout[.inputWeights].offset, recurrent = layout[.recurrentWeights].offset
    inputProjection = PackedMatrix(parameters, offset: input, rows: e, columns: g4, rowStride: 1, columnStride: e)
    recurrentProjection = PackedMatrix(parameters, offset: recurrent, rows: h, columns: g4, rowStride: 1, columnStride: h)
    recurrentGradient = PackedMatrix(parameters, offset: recurrent, rows: g4, columns: h, rowStride: h, columnStride: 1)
    inputGradient = PackedMatrix(parameters, offset: input, rows: g4, columns: e, rowStride: e, columnStride: 1)
    let inputBias = layout[.inputBias].offset, recurrentBias = layout[.recurrentBias].offset
    gateBias = (0..<g4).map { parameters[inputBias + $0] + parameters[recurrentBias + $0] }
  }

  /// Runs `body` with pointers to the four packed matrices, in the order of the properties.
  func withPackedPointers<R>(
    _ body: (PackedMatrix.Pointer, PackedMatrix.Pointer, PackedMatrix.Pointer, PackedMatrix.Pointer) throws -> R
  ) rethrows -> R {
    try inputProjection.withPointer { inputProjection in
      try recurrentProjection.withPointer { recurrentProjection in
        try recurrentGradient.withPointer { recurrentGradient in
          try inputGradient.withPointer { inputGradient in
            try body(inputProjection, recurrentProjection, recurrentGradient, inputGradient)
          }
        }
      }
    }
  }
}
