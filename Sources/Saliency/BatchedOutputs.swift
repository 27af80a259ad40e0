import LSTMCore

/// The outputs of many embedded sequences (perturbations of one text, say), computed in as few forward passes
/// as memory allows: sequences are packed together up to `rowBudget` packed rows per pass, so every step is one
/// GEMM over all of them.
struct BatchedOutputs {
  /// logits [count][K], probabilities [count][K], h_T [count][H].
  var logits: [[Float]] = []
  var probabilities: [[Float]] = []
  var finalHidden: [[Float]] = []

  /// About 16 M floats of gate activations per pass.
  static func rowBudget(for config: ModelConfig) -> Int { max(1, (1 << 24) / config.gateWidth) }

  /// - Parameters: `inputs[i]` is sequence i's X [T_i, E].
  init(inputs: [[Float]], model: Classifier) {
    let e = model.config.embeddingSize
    let budget = Self.rowBudget(for: model.config)
    var start = 0
    while start < inputs.count {
      var end = start, rows = 0
      while end < inputs.count, end == start || rows + inputs[end].count / e <= budget {
        rows += inputs[end].count / e
        end += 1
      }
      let chunk = Array(inputs[start..<end])
      let batch = PackedBatch(lengths: chunk.map { $0.count / e })
      var packed = [Float](repeating: 0, count: batch.rowCount * e)
      for (sequence, x) in chunk.enumerated() {
        for step in 0..<(x.count / e) {
          let row = batch.row(sequence: sequence, step: step)
          packed.replaceSubrange((row * e)..<((row + 1) * e), with: x[(step * e)..<((step + 1) * e)])
        }
      }
      let trace = model.forward(batch: batch, inputs: packed)
      for sequence in chunk.indices {
        logits.append(trace.logits(ofSequence: sequence))
        probabilities.append(trace.probabilities(ofSequence: sequence))
        finalHidden.append(trace.finalHidden(ofSequence: sequence))
      }
      start = end
    }
  }
}
