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
    packed.withUnsafeMutableBufferPointer { target in
      for (sequence, rows) in sequences.enumerated() {
        precondition(rows.count == batch.lengths[sequence] * width, "sequence \(sequence) must be [T, \(width)]")
        rows.withUnsafeBufferPointer { source in
          for step in 0..<batch.lengths[sequence] {
            let row = batch.row(sequence: sequence, step: step)
            copy(width, from: source, at: step * width, to: target, at: row * width)
          }
        }
      }
    }
    return packed
  }

  /// One sequence's rows out of a packed [N, width] buffer. [T_i, width]
  static func unpack(_ packed: [Float], width: Int, batch: PackedBatch, sequence: Int) -> [Float] {
    var rows = [Float](repeating: 0, count: batch.lengths[sequence] * width)
    rows.withUnsafeMutableBufferPointer { target in
      packed.withUnsafeBufferPointer { source in
        for step in 0..<batch.lengths[sequence] {
          let row = batch.row(sequence: sequence, step: step)
          copy(width, from: source, at: row * width, to: target, at: step * width)
        }
      }
    }
    return rows
  }

  /// Copies `count` values between raw buffers (no slices, so no retain, release or uniqueness check per row).
  @inline(__always)
  static func copy(_ count: Int, from source: UnsafeBufferPointer<Float>, at sourceStart: Int,
                   to target: UnsafeMutableBufferPointer<Float>, at targetStart: Int) {
    guard count > 0 else { return }
    precondition(sourceStart + count <= source.count && targetStart + count <= target.count, "row out of range")
    (target.baseAddress.unsafelyUnwrapped + targetStart).update(from: source.baseAddress.unsafelyUnwrapped + sourceStart,
                                                                count: count)
  }
}
