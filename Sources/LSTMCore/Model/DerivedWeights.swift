/// W_ihᵀ [E, 4H] and W_hhᵀ [H, 4H]: the LSTM weights laid out so that a step's products X·W_ihᵀ and H·W_hhᵀ
/// are plain row-major products that stream the weights as stored (see `Gemm.smallRowLimit`); and the two gate
/// biases summed, b_ih + b_hh [4H], which start every row of pre-activations.
struct DerivedWeights: Sendable {
  let inputWeights: [Float]
  let recurrentWeights: [Float]
  let gateBias: [Float]

  init(parameters: [Float], layout: ParameterLayout, config: ModelConfig) {
    inputWeights = Self.transpose(parameters, from: layout[.inputWeights].offset, rows: config.gateWidth, columns: config.embeddingSize)
    recurrentWeights = Self.transpose(parameters, from: layout[.recurrentWeights].offset, rows: config.gateWidth, columns: config.hiddenSize)
    let inputBias = layout[.inputBias].offset, recurrentBias = layout[.recurrentBias].offset
    gateBias = (0..<config.gateWidth).map { parameters[inputBias + $0] + parameters[recurrentBias + $0] }
  }

  /// The transpose [columns, rows] of the row-major [rows, columns] block starting at `offset`.
  private static func transpose(_ values: [Float], from offset: Int, rows: Int, columns: Int) -> [Float] {
    var result = [Float](repeating: 0, count: rows * columns)
    values.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { target in
        for row in 0..<rows {
          for column in 0..<columns { target[column * rows + row] = source[offset + row * columns + column] }
        }
      }
    }
    return result
  }
}
