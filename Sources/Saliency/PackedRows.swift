import LSTMCore

/// Moving per-sequence rows into and out of the packed layout of a `PackedBatch`, in chunks that bound memory.
/// Every method that runs many sequences at once (perturbations, path points, noisy copies) goes through here.
enum PackedRows {
  /// Consecutive index ranges whose total length stays within `budget` (a single longer sequence gets its own).
  static func chunks(lengths: [Int], budget: Int) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    while start < lengths.count {
      var end = start, rows = 0
      while end < lengths.count, end == start || rows + lengths[end] <= budget {
        rows += lengths[end]
        end += 1
      }
      ranges.append(start..<end)
      start = end
    }
    return ranges
  }

  /// The rows of each sequence ([T_i, width] flattened) packed by `batch`. [N, width]
  static func pack(_ sequences: [[Float]], width: Int, batch: PackedBatch) -> [Float] {
    var packed = [Float](repeating: 0, count: batch.rowCount * width)
    for (sequence, rows) in sequences.enumerated() {
      precondition(rows.count == batch.lengths[sequence] * width, "sequence \(sequence) must be [T, \(width)]")
      for step in 0..<batch.lengths[sequence] {
        let row = batch.row(sequence: sequence, step: step)
        packed.replaceSubrange((row * width)..<((row + 1) * width), with: rows[(step * width)..<((step + 1) * width)])
      }
    }
    return packed
  }

  /// One sequence's rows out of a packed [N, width] buffer. [T_i, width]
  static func unpack(_ packed: [Float], width: Int, batch: PackedBatch, sequence: Int) -> [Float] {
    var rows = [Float](repeating: 0, count: batch.lengths[sequence] * width)
    for step in 0..<batch.lengths[sequence] {
      let row = batch.row(sequence: sequence, step: step)
      rows.replaceSubrange((step * width)..<((step + 1) * width), with: packed[(row * width)..<((row + 1) * width)])
    }
    return rows
  }
}
