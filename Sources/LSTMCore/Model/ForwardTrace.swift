/// Everything one forward pass computed for a batch: what backward and every saliency method need.
///
/// Per-step values are packed (see `PackedBatch`): the row of sequence b at step t (0-based) is
/// `batch.row(sequence: b, step: t)`. Step t here is the paper's t + 1; h_0 = c_0 = 0 are not stored.
/// Per-sequence values ([B, …]) are in the caller's order.
public struct ForwardTrace: Sendable {
  public let config: ModelConfig
  public let batch: PackedBatch
  /// Embedded inputs e_t [N, E]; empty for a trace of projected inputs (`LSTMInput.projected`).
  public let inputs: [Float]
  /// The state the encoder started from (nil: zeros): every layer's (h_0, c_0), [B, L·H] each, caller order.
  public let initialState: LSTMState?
  /// Every layer direction's states, layer by layer, forward direction first (`ParameterPointers.unitIndex`), each
  /// packed in its own step order (see `DirectionTrace`).
  public let units: [DirectionTrace]
  /// Training dropout masks between layers M_1 … M_{L−1} [N, D·H] (scaled by 1/(1−p)), or empty.
  public let layerInputMasks: [[Float]]
  /// The top layer's output [h→_t; h←_t] at every step (PyTorch's `output`), in step order. [N, D·H]
  public let hidden: [Float]
  /// What the head reads: the top layer's [h→_T; h←_1] (the initial state for an empty sequence). [B, D·H]
  public let finalHidden: [Float]
  /// Each layer's forward direction's (h_T, c_T), layer 0 first within a sequence: the state a unidirectional
  /// encoder resumes from. [B, L·H] each
  public let finalState: LSTMState
  /// What the dense layer read: `finalHidden`, times the dropout mask when training with dropout. [B, D·H]
  public let denseInput: [Float]
  /// The dropout mask applied to `finalHidden` (already scaled by 1/(1−p)), if any. [B, D·H]
  public let finalHiddenMask: [Float]?
  /// Output scores. [B, K]
  public let logits: [Float]
  /// softmax(logits). [B, K]
  public let probabilities: [Float]

  /// The top layer's outputs [h→_t; h←_t] of one sequence, one array of D·H values per step.
  public func hiddenStates(ofSequence sequence: Int) -> [[Float]] {
    rows(of: hidden, width: config.outputWidth, sequence: sequence)
  }

  /// The LSTM cell states c_t of one sequence in one layer direction (default: the top layer's forward one), in token
  /// order.
  public func cellStates(ofSequence sequence: Int, layer: Int? = nil, reverse: Bool = false) -> [[Float]] {
    rows(of: unit(layer: layer, reverse: reverse).cells, width: config.hiddenSize, sequence: sequence, reverse: reverse)
  }

  /// The gate activations of each step of one sequence in one layer direction (LSTM [i, f, g, o], GRU [r, z, n];
  /// G values per step), in token order.
  public func gateActivations(ofSequence sequence: Int, layer: Int? = nil, reverse: Bool = false) -> [[Float]] {
    rows(of: unit(layer: layer, reverse: reverse).gates, width: config.gateWidth, sequence: sequence, reverse: reverse)
  }

  /// Every layer's forward direction's (h_t, c_t) after each step of one sequence, [L·H] each: what a unidirectional
  /// encoder resumes from to continue the sequence after step t.
  public func resumableStates(ofSequence sequence: Int) -> [LSTMState] {
    let h = config.hiddenSize, layers = config.layers
    let forwardUnits = (0..<layers).map { unit(layer: $0, reverse: false) }
    return (0..<batch.lengths[sequence]).map { step in
      let row = batch.row(sequence: sequence, step: step)
      var hidden: [Float] = [], cells: [Float] = []
      for unit in forwardUnits {
        hidden += unit.hidden[(row * h)..<((row + 1) * h)]
        cells += unit.cells.isEmpty ? [Float](repeating: 0, count: h) : Array(unit.cells[(row * h)..<((row + 1) * h)])
      }
      return LSTMState(hidden: hidden, cells: cells)
    }
  }

  /// logits of one sequence. [K]
  public func logits(ofSequence sequence: Int) -> [Float] {
    Array(logits[(sequence * config.classCount)..<((sequence + 1) * config.classCount)])
  }

  /// Probabilities of one sequence. [K]
  public func probabilities(ofSequence sequence: Int) -> [Float] {
    Array(probabilities[(sequence * config.classCount)..<((sequence + 1) * config.classCount)])
  }

  /// What the head reads for one sequence. [D·H]
  public func finalHidden(ofSequence sequence: Int) -> [Float] {
    Array(finalHidden[(sequence * config.outputWidth)..<((sequence + 1) * config.outputWidth)])
  }

  /// Layer `layer`'s (default: the top one's) direction.
  public func unit(layer: Int? = nil, reverse: Bool) -> DirectionTrace {
    units[ParameterPointers.unitIndex(layer: layer ?? config.layers - 1, reverse: reverse, directions: config.directions)]
  }

  /// Per-step rows of one sequence in token order; `reverse` reads values packed in a backward direction's order.
  private func rows(of values: [Float], width: Int, sequence: Int, reverse: Bool = false) -> [[Float]] {
    let length = batch.lengths[sequence]
    return (0..<length).map { step in
      let row = batch.row(sequence: sequence, step: reverse ? length - 1 - step : step)
      return Array(values[(row * width)..<((row + 1) * width)])
    }
  }
}
