import LSTMCore
import SystemSupport

extension ShapleyGame {
  /// Floats of LSTM state kept per group of orderings: (h, c) at every position of each ordering's coalition.
  static let prefixStateBudget = 1 << 23

  /// The orderings of one text run in at least this many groups, so that a single text's Shapley values can use
  /// that many cores. A constant, so the grouping (and every rounding) never depends on the machine or `--threads`.
  static let orderingGroups = 4

  /// v of the prefixes of sizes 1…T−1 of each ordering. [orderings][T − 1]
  ///
  /// Prefix j + 1 of an ordering adds one position a to prefix j, so its input equals prefix j's before a, and
  /// so do its LSTM states: each prefix runs only from a, starting from the previous prefix's state at a − 1,
  /// about T²/2 steps per ordering instead of T². The orderings run side by side, one round per prefix size, in
  /// at least `orderingGroups` groups whose stored states fit `prefixStateBudget`, on the threads available
  /// (`Parallel`). With `remove` the positions shift, so every prefix runs in full (`values(count:members:)`).
  func prefixValues(orders: [[Int]]) -> [[Double]] {
    let t = length
    guard t > 1 else { return orders.map { _ in [] } }
    // Coalitions resume from their prefix's state only when a step's state summarises the prefix (one direction).
    guard let replacement, model.config.isResumable else {
      let inner = t - 1
      let flat = values(count: orders.count * inner) { index in
        let order = orders[index / inner], size = index % inner + 1
        var members = [Bool](repeating: false, count: t)
        for position in order.prefix(size) { members[position] = true }
        return members
      }
      return orders.indices.map { Array(flat[($0 * inner)..<(($0 + 1) * inner)]) }
    }
    let h = model.config.stateWidth
    let groupSize = max(1, min(Self.prefixStateBudget / (2 * t * h), (orders.count + Self.orderingGroups - 1) / Self.orderingGroups))
    let groups = stride(from: 0, to: orders.count, by: groupSize).map { Array(orders[$0..<min(orders.count, $0 + groupSize)]) }
    return Parallel.map(count: groups.count, threads: Parallel.availableThreads) { index in
      prefixValues(group: groups[index], replacement: replacement)
    }.flatMap { $0 }
  }

  /// `prefixValues(orders:)` for one group: every ordering's coalition states (every layer's h, c at each position)
  /// live in one buffer [orderings, T, L·H] each, starting from the all-erased input's.
  private func prefixValues(group orders: [[Int]], replacement: [Float]) -> [[Double]] {
    let t = length, h = model.config.stateWidth
    let empty = model.finalOutputs(batch: PackedBatch(lengths: [t]), input: .projected([Float]((0..<t).flatMap { _ in replacement })),
                                   keepingStates: true)
    var members = [[Bool]](repeating: [Bool](repeating: false, count: t), count: orders.count)
    var states = CoalitionStates(hidden: [Float](), cells: [Float](), length: t, hiddenSize: h)
    for _ in orders {
      states.hidden += empty.hidden
      states.cells += empty.cells
    }
    var values = [[Double]](repeating: [], count: orders.count)
    for size in 1..<t {
      let added = orders.map { $0[size - 1] }
      for (index, position) in added.enumerated() { members[index][position] = true }
      // Ordering i runs positions added[i] ..< T, from its previous coalition's state at added[i] − 1.
      let batch = PackedBatch(lengths: added.map { t - $0 })
      let outputs = model.finalOutputs(batch: batch, input: .projected(inputs(from: added, members: members, batch: batch,
                                                                              replacement: replacement)),
                                       initialState: states.resuming(at: added), keepingStates: true)
      states.store(outputs, from: added, batch: batch)
      for index in added.indices {
        values[index].append(measure.value(logits: Array(outputs.logits(ofSequence: index)),
                                           probabilities: Array(outputs.probabilities(ofSequence: index)), target: target))
      }
    }
    return values
  }

  /// The projected rows of one round, packed by `batch`: ordering i's positions added[i] ..< T, each the text's row
  /// where the coalition has it and `replacement` elsewhere.
  private func inputs(from added: [Int], members: [[Bool]], batch: PackedBatch, replacement: [Float]) -> [Float] {
    let t = length, g4 = model.config.projectionWidth
    var packed = [Float](unfilledCount: batch.rowCount * g4)  // every row is written below
    full.withUnsafeBufferPointer { full in
      replacement.withUnsafeBufferPointer { replacement in
        packed.withUnsafeMutableBufferPointer { packed in
          for (index, position) in added.enumerated() {
            for step in 0..<(t - position) {
              let row = batch.row(sequence: index, step: step)
              if members[index][position + step] {
                PackedRows.copy(g4, from: full, at: (position + step) * g4, to: packed, at: row * g4)
              } else {
                PackedRows.copy(g4, from: replacement, at: 0, to: packed, at: row * g4)
              }
            }
          }
        }
      }
    }
    return packed
  }
}

/// Every layer's (h, c) at every position of each ordering's current coalition. [orderings, T, L·H] each
private struct CoalitionStates {
  var hidden: [Float]
  var cells: [Float]
  let length: Int
  let hiddenSize: Int

  /// Each ordering's state just before the position it adds (zeros before position 0). [orderings, L·H] each
  func resuming(at added: [Int]) -> LSTMState {
    let t = length, h = hiddenSize
    var initial = LSTMState(zerosFor: added.count, hiddenSize: h)
    hidden.withUnsafeBufferPointer { hidden in
      cells.withUnsafeBufferPointer { cells in
        initial.hidden.withUnsafeMutableBufferPointer { initialHidden in
          initial.cells.withUnsafeMutableBufferPointer { initialCells in
            for (index, position) in added.enumerated() where position > 0 {
              let from = (index * t + position - 1) * h
              PackedRows.copy(h, from: hidden, at: from, to: initialHidden, at: index * h)
              PackedRows.copy(h, from: cells, at: from, to: initialCells, at: index * h)
            }
          }
        }
      }
    }
    return initial
  }

  /// Replaces each ordering's states from the position it added on with a round's outputs.
  mutating func store(_ outputs: FinalOutputs, from added: [Int], batch: PackedBatch) {
    let t = length, h = hiddenSize
    outputs.hidden.withUnsafeBufferPointer { roundHidden in
      outputs.cells.withUnsafeBufferPointer { roundCells in
        hidden.withUnsafeMutableBufferPointer { hidden in
          cells.withUnsafeMutableBufferPointer { cells in
            for (index, position) in added.enumerated() {
              for step in 0..<(t - position) {
                let row = batch.row(sequence: index, step: step) * h, to = (index * t + position + step) * h
                PackedRows.copy(h, from: roundHidden, at: row, to: hidden, at: to)
                PackedRows.copy(h, from: roundCells, at: row, to: cells, at: to)
              }
            }
          }
        }
      }
    }
  }
}
