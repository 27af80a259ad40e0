/// The recurrent state (h, c) of each sequence of a batch, in the caller's order: [B, H] each for one layer direction,
/// [B, L·H] (layer 0 first within a sequence) for a whole unidirectional encoder. A GRU has no cell: its c stays 0.
public struct LSTMState: Sendable, Equatable {
  public var hidden: [Float]
  public var cells: [Float]

  public init(hidden: [Float], cells: [Float]) {
    precondition(hidden.count == cells.count, "h and c have the same shape")
    self.hidden = hidden
    self.cells = cells
  }

  /// h = c = 0 for `count` sequences of width H.
  public init(zerosFor count: Int, hiddenSize: Int) {
    self.init(hidden: [Float](repeating: 0, count: count * hiddenSize), cells: [Float](repeating: 0, count: count * hiddenSize))
  }

  /// The states of the given sequences, in that order.
  public func selecting(_ sequences: [Int], hiddenSize h: Int) -> LSTMState {
    var hidden = [Float](), cells = [Float]()
    hidden.reserveCapacity(sequences.count * h)
    cells.reserveCapacity(sequences.count * h)
    for sequence in sequences {
      hidden.append(contentsOf: self.hidden[(sequence * h)..<((sequence + 1) * h)])
      cells.append(contentsOf: self.cells[(sequence * h)..<((sequence + 1) * h)])
    }
    return LSTMState(hidden: hidden, cells: cells)
  }
}

/// Where a recurrent layer's input pre-activations come from.
public enum LSTMInput: Sendable {
  /// Inputs X [N, in], packed (embeddings for layer 0, the layer below's outputs above); the layer computes
  /// X·W_ihᵀ + bias.
  case embedded([Float])
  /// Precomputed X·W_ihᵀ + bias, packed (it is linear in X, so path methods can scale it): [N, G] for one layer
  /// direction, [N, D·G] for the encoder (`Classifier.inputProjection`).
  case projected([Float])
}
