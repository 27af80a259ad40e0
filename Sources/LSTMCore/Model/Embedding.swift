/// The embedding table lookup, forward and backward side by side.
enum Embedding {
  /// (E1) e_t = embedding[x_t] for every token of every sequence, packed. Returns [N, E].
  /// - Precondition: every id is in 0..<V (checked by `Classifier.validate(tokenIds:)`).
  static func forward(sequences: [[Int]], batch: PackedBatch, config: ModelConfig,
                      parameters p: ParameterPointers) -> [Float] {
    let e = config.embeddingSize
    var inputs = [Float](repeating: 0, count: batch.rowCount * e)
    withMutablePointer(&inputs) { x in
      for (sequence, ids) in sequences.enumerated() {
        for (step, id) in ids.enumerated() {
          let row = batch.row(sequence: sequence, step: step)
          (x + row * e).update(from: p.embedding + id * e, count: e)
        }
      }
    }
    return inputs
  }

  /// Inverts (E1): adds each row of ∂L/∂X [N, E] into the gradient of its token's embedding row. The `<pad>`
  /// row is frozen (its gradient stays zero) so it stays the zero vector.
  static func backward(inputGradients: [Float], sequences: [[Int]], batch: PackedBatch, config: ModelConfig,
                       padId: Int, gradients: GradientPointers) {
    let e = config.embeddingSize
    for (sequence, ids) in sequences.enumerated() {
      for (step, id) in ids.enumerated() where id != padId {
        let row = batch.row(sequence: sequence, step: step)
        for d in 0..<e { gradients.embedding[id * e + d] += inputGradients[row * e + d] }
      }
    }
  }
}
