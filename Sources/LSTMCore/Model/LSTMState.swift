/// The recurrent state (h, c) of each sequence of a batch, in the caller's order. [B, H] each.
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

/// Where the LSTM's input pre-activations come from.
public enum LSTMInput: Sendable {
  /// Embedded inputs X [N, E], packed; the layer computes X·W_ihᵀ + b_ih + b_hh.
  case embedded([Float])
  /// Precomputed X·W_ihᵀ + b_ih + b_hh [N, 4H], packed (it is linear in X, so path methods can scale it).
  case projected([Float])
}
