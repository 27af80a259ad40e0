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
  /// The state the LSTM started from (nil: h_0 = c_0 = 0), caller order.
  public let initialState: LSTMState?
  /// Gate activations after σ/σ/tanh/σ, order i, f, g, o. [N, 4H]
  public let gates: [Float]
  /// Cell states c_t. [N, H]
  public let cells: [Float]
  /// tanh(c_t). [N, H]
  public let cellTanh: [Float]
  /// Hidden states h_t. [N, H]
  public let hidden: [Float]
  /// h_T of each sequence (the initial state for an empty sequence). [B, H]
  public let finalHidden: [Float]
  /// c_T of each sequence. [B, H]
  public let finalCells: [Float]
  /// What the dense layer read: h_T, times the dropout mask when training with dropout. [B, H]
  public let denseInput: [Float]
  /// The dropout mask applied to h_T (already scaled by 1/(1−p)), if any. [B, H]
  public let finalHiddenMask: [Float]?
  /// Output scores. [B, K]
  public let logits: [Float]
  /// softmax(logits). [B, K]
  public let probabilities: [Float]

  /// The hidden states h_1 … h_T of one sequence, one array of H values per step.
  public func hiddenStates(ofSequence sequence: Int) -> [[Float]] {
    rows(of: hidden, width: config.hiddenSize, sequence: sequence)
  }

  /// The cell states c_1 … c_T of one sequence.
  public func cellStates(ofSequence sequence: Int) -> [[Float]] {
    rows(of: cells, width: config.hiddenSize, sequence: sequence)
  }

  /// The gate activations [i, f, g, o] of each step of one sequence (4H values per step).
  public func gateActivations(ofSequence sequence: Int) -> [[Float]] {
    rows(of: gates, width: config.gateWidth, sequence: sequence)
  }

  /// logits of one sequence. [K]
  public func logits(ofSequence sequence: Int) -> [Float] {
    Array(logits[(sequence * config.classCount)..<((sequence + 1) * config.classCount)])
  }

  /// Probabilities of one sequence. [K]
  public func probabilities(ofSequence sequence: Int) -> [Float] {
    Array(probabilities[(sequence * config.classCount)..<((sequence + 1) * config.classCount)])
  }

  /// h_T of one sequence. [H]
  public func finalHidden(ofSequence sequence: Int) -> [Float] {
    Array(finalHidden[(sequence * config.hiddenSize)..<((sequence + 1) * config.hiddenSize)])
  }

  private func rows(of values: [Float], width: Int, sequence: Int) -> [[Float]] {
    (0..<batch.lengths[sequence]).map { step in
      let row = batch.row(sequence: sequence, step: step)
      return Array(values[(row * width)..<((row + 1) * width)])
    }
  }
}
