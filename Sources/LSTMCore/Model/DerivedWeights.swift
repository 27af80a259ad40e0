/// Each recurrent layer direction's weights packed for the four products that use them (see `PackedMatrix`), and
/// the bias that starts every row of its input pre-activations.
struct DerivedWeights: Sendable {
  /// One layer direction's derived weights.
  struct Unit: Sendable {
    /// W_ihᵀ [in, G]: the input projection X·W_ihᵀ.
    let inputProjection: PackedMatrix
    /// W_hhᵀ [H, G]: a step's H_{t−1}·W_hhᵀ.
    let recurrentProjection: PackedMatrix
    /// W_hh [G, H]: a backward step's ∂L/∂Z_t·W_hh.
    let recurrentGradient: PackedMatrix
    /// W_ih [G, in]: the input gradients ∂L/∂Z·W_ih.
    let inputGradient: PackedMatrix
    /// The bias of the input pre-activations [G]: b_ih + b_hh for an LSTM; for a GRU [b_ir + b_hr, b_iz + b_hz, b_in]
    /// (b_hn stays inside the reset product, (G3)).
    let gateBias: AlignedFloats
  }

  /// Layer by layer, forward direction first (`ParameterPointers.unitIndex`).
  let units: [Unit]

  init(parameters: [Float], layout: ParameterLayout, config: ModelConfig) {
    let h = config.hiddenSize, g = config.gateWidth
    var units: [Unit] = []
    for layer in 0..<config.layers {
      for reverse in [false, true].prefix(config.directions) {
        let width = config.inputWidth(layer: layer)
        let input = layout[.recurrent(.inputWeights, layer: layer, reverse: reverse)].offset
        let recurrent = layout[.recurrent(.recurrentWeights, layer: layer, reverse: reverse)].offset
        let inputBias = layout[.recurrent(.inputBias, layer: layer, reverse: reverse)].offset
        let recurrentBias = layout[.recurrent(.recurrentBias, layer: layer, reverse: reverse)].offset
        // A GRU's n block of b_hh is multiplied by r, so only its r and z blocks join the input bias.
        let foldedRecurrent = config.cell == .lstm ? g : 2 * h
        let bias = (0..<g).map { parameters[inputBias + $0] + ($0 < foldedRecurrent ? parameters[recurrentBias + $0] : 0) }
        units.append(Unit(
          inputProjection: PackedMatrix(parameters, offset: input, rows: width, columns: g, rowStride: 1, columnStride: width),
          recurrentProjection: PackedMatrix(parameters, offset: recurrent, rows: h, columns: g, rowStride: 1, columnStride: h),
          recurrentGradient: PackedMatrix(parameters, offset: recurrent, rows: g, columns: h, rowStride: h, columnStride: 1),
          inputGradient: PackedMatrix(parameters, offset: input, rows: g, columns: width, rowStride: width, columnStride: 1),
          gateBias: AlignedFloats(bias)))
      }
    }
    self.units = units
  }
}
