import LSTMCore
import SystemSupport

/// The outputs of many sequences (perturbations of one text, say), computed with prediction-only forward passes
/// that pack as many sequences together as the row budget allows, so every step is one GEMM over all of them.
/// Sequences are given as embedded rows or as projected rows Z_in = e·W_ihᵀ + b (perturbations of one text reuse
/// the text's projection instead of recomputing it), and may start from a given encoder state (every layer's, of a
/// unidirectional encoder), so perturbations that share a prefix with the original text skip it.
struct BatchedOutputs {
  /// What each row of a sequence holds.
  enum RowKind {
    /// e_t [E]
    case embedded
    /// Z_in,t [D·G]
    case projected
  }

  /// logits [count][K], probabilities [count][K], the head's input [count][D·H] (empty unless asked for).
  var logits: [[Float]] = []
  var probabilities: [[Float]] = []
  var finalHidden: [[Float]] = []

  /// Packed rows per pass: about 16 M floats of input pre-activations.
  static func rowBudget(for config: ModelConfig) -> Int { max(1, (1 << 24) / (config.projectionWidth * config.layers)) }

  /// - Parameters: `inputs` sequence i's embedded rows [T_i, E], each starting from zeros.
  init(inputs: [[Float]], model: Classifier) {
    let e = model.config.embeddingSize
    self.init(lengths: inputs.map { $0.count / e }, kind: .embedded, keepFinalHidden: false, model: model,
              rows: { inputs[$0] }, startState: { _ in nil })
  }

  /// Sequences given by `rows(i)` ([T_i, E] or [T_i, D·G] by `kind`) and `startState(i)` (every layer's (h_0, c_0),
  /// [L·H] each, nil for zeros), each built only when its chunk runs, so memory stays bounded by the row budget however many
  /// sequences there are.
  init(lengths: [Int], kind: RowKind, keepFinalHidden: Bool, model: Classifier, rows: @Sendable (Int) -> [Float],
       startState: @Sendable (Int) -> LSTMState?) {
    let width = kind == .embedded ? model.config.embeddingSize : model.config.projectionWidth
    self.init(lengths: lengths, kind: kind, keepFinalHidden: keepFinalHidden, model: model, startState: startState) { chunk, batch in
      PackedRows.pack(chunk.map(rows), width: width, batch: batch)
    }
  }

  /// Sequences whose rows `fillRow(i, t, row)` writes straight into the packed batch (row t of sequence i, [E] or
  /// [D·G] by `kind`), with no per-sequence arrays: for perturbations that are a few replaced rows of one text.
  init(lengths: [Int], kind: RowKind, keepFinalHidden: Bool, model: Classifier,
       fillRow: @Sendable (_ sequence: Int, _ step: Int, _ row: UnsafeMutablePointer<Float>) -> Void,
       startState: @Sendable (Int) -> LSTMState?) {
    let width = kind == .embedded ? model.config.embeddingSize : model.config.projectionWidth
    self.init(lengths: lengths, kind: kind, keepFinalHidden: keepFinalHidden, model: model, startState: startState) { chunk, batch in
      var packed = [Float](unfilledCount: batch.rowCount * width)  // fillRow writes every row
      packed.withUnsafeMutableBufferPointer { packed in
        for (offset, sequence) in chunk.enumerated() {
          for step in 0..<lengths[sequence] {
            fillRow(sequence, step, packed.baseAddress.unsafelyUnwrapped + batch.row(sequence: offset, step: step) * width)
          }
        }
      }
      return packed
    }
  }

  /// The shared pass: `packing(chunk, batch)` returns the chunk's rows packed by `batch`. Chunks run side by side
  /// on the threads available (`Parallel.forEachInWaves`), and their outputs are kept in order, so the results
  /// never depend on the threads.
  private init(lengths: [Int], kind: RowKind, keepFinalHidden: Bool, model: Classifier,
               startState: @Sendable (Int) -> LSTMState?, packing: @Sendable (Range<Int>, PackedBatch) -> [Float]) {
    let h = model.config.stateWidth, threads = Parallel.availableThreads
    let chunks = PackedRows.chunks(lengths: lengths, budget: Self.rowBudget(for: model.config))
    Parallel.forEachInWaves(count: chunks.count, threads: threads) { index -> FinalOutputs in
      let chunk = chunks[index]
      let batch = PackedBatch(lengths: Array(lengths[chunk]))
      let packed = packing(chunk, batch)
      let starts = chunk.map(startState)
      var initial: LSTMState?
      if starts.contains(where: { $0 != nil }) {
        var state = LSTMState(zerosFor: chunk.count, hiddenSize: h)
        for (sequence, given) in starts.enumerated() {
          guard let given else { continue }
          state.hidden.replaceSubrange((sequence * h)..<((sequence + 1) * h), with: given.hidden)
          state.cells.replaceSubrange((sequence * h)..<((sequence + 1) * h), with: given.cells)
        }
        initial = state
      }
      return model.finalOutputs(batch: batch, input: kind == .embedded ? .embedded(packed) : .projected(packed),
                                initialState: initial)
    } consume: { index, outputs in
      for sequence in 0..<chunks[index].count {
        logits.append(Array(outputs.logits(ofSequence: sequence)))
        probabilities.append(Array(outputs.probabilities(ofSequence: sequence)))
        if keepFinalHidden { finalHidden.append(Array(outputs.finalHidden(ofSequence: sequence))) }
      }
    }
  }
}
