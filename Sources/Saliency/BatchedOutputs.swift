import LSTMCore

/// The outputs of many embedded sequences (perturbations of one text, say), computed with prediction-only forward
/// passes that pack as many sequences together as the row budget allows, so every step is one GEMM over all of
/// them. A sequence may start from a given LSTM state, so perturbations that share a prefix with the original
/// text skip it.
struct BatchedOutputs {
  /// logits [count][K], probabilities [count][K], h_T [count][H].
  var logits: [[Float]] = []
  var probabilities: [[Float]] = []
  var finalHidden: [[Float]] = []

  /// Packed rows per pass: about 16 M floats of input pre-activations.
  static func rowBudget(for config: ModelConfig) -> Int { max(1, (1 << 24) / config.gateWidth) }

  /// - Parameters:
  ///   - inputs: sequence i's X [T_i, E].
  ///   - startStates: sequence i's (h_0, c_0), one sequence each; nil (or a nil entry) starts from zeros.
  init(inputs: [[Float]], startStates: [LSTMState?]? = nil, model: Classifier) {
    let e = model.config.embeddingSize, h = model.config.hiddenSize
    let budget = Self.rowBudget(for: model.config)
    var start = 0
    while start < inputs.count {
      var end = start, rows = 0
      while end < inputs.count, end == start || rows + inputs[end].count / e <= budget {
        rows += inputs[end].count / e
        end += 1
      }
      let chunk = start..<end
      let batch = PackedBatch(lengths: chunk.map { inputs[$0].count / e })
      var packed = [Float](repeating: 0, count: batch.rowCount * e)
      for (sequence, index) in chunk.enumerated() {
        let x = inputs[index]
        for step in 0..<(x.count / e) {
          let row = batch.row(sequence: sequence, step: step)
          packed.replaceSubrange((row * e)..<((row + 1) * e), with: x[(step * e)..<((step + 1) * e)])
        }
      }
      var initial: LSTMState?
      if let startStates, chunk.contains(where: { startStates[$0] != nil }) {
        var state = LSTMState(zerosFor: chunk.count, hiddenSize: h)
        for (sequence, index) in chunk.enumerated() {
          guard let given = startStates[index] else { continue }
          state.hidden.replaceSubrange((sequence * h)..<((sequence + 1) * h), with: given.hidden)
          state.cells.replaceSubrange((sequence * h)..<((sequence + 1) * h), with: given.cells)
        }
        initial = state
      }
      let outputs = model.finalOutputs(batch: batch, inputs: packed, initialState: initial)
      for sequence in chunk.indices.map({ $0 - start }) {
        logits.append(Array(outputs.logits(ofSequence: sequence)))
        probabilities.append(Array(outputs.probabilities(ofSequence: sequence)))
        finalHidden.append(Array(outputs.finalHidden(ofSequence: sequence)))
      }
      start = end
    }
  }
}
