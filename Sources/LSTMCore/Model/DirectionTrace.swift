/// What the forward pass of one layer direction computed, packed in that direction's own step order: for the
/// forward direction the batch's rows; for the backward direction the same rows with each sequence's steps
/// mirrored (its step t reads token T − 1 − t; `PackedBatch.reversedRows`), so the same layer code serves both.
/// Which arrays are filled depends on the cell and on what the pass kept (`LSTMLayer.Retention`).
public struct DirectionTrace: Sendable {
  /// The layer's input X [N, in] in this direction's order; empty for a pass from projected inputs.
  public var inputs: [Float] = []
  /// The state this layer direction started from (nil: h_0 = c_0 = 0), caller order. [B, H]
  public var initialState: LSTMState?
  /// Gate activations: LSTM i, f, g, o [N, 4H]; GRU r, z, n [N, 3H].
  public var gates: [Float] = []
  /// LSTM cell states c_t. [N, H]
  public var cells: [Float] = []
  /// LSTM tanh(c_t). [N, H]
  public var cellTanh: [Float] = []
  /// GRU W_hn h_{t−1} + b_hn, the term the reset gate multiplies. [N, H]
  public var candidateRecurrent: [Float] = []
  /// Hidden states h_t. [N, H]
  public var hidden: [Float] = []
  /// (h, c) after each sequence's last step in this direction (c = 0 for a GRU), caller order. [B, H] each
  public var final: LSTMState
}
