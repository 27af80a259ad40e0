/// The layout of B sequences of different lengths packed time-major, as PyTorch's `PackedSequence`.
///
/// Sequences are ordered by non-increasing length into *slots* (a stable sort, so equal lengths keep the
/// caller's order). At step t the first `activeCount[t]` slots are still running; their rows are
/// contiguous, starting at packed row `stepOffsets[t]`. So padding never exists in memory and can never
/// change h_n, and the previous state of the rows active at step t is the first `activeCount[t]` rows of
/// step t − 1.
public struct PackedBatch: Sendable, Equatable {
  /// Length of each sequence, in the caller's order. [B]
  public let lengths: [Int]
  /// Slot of each caller sequence. [B]
  public let slotOfSequence: [Int]
  /// Caller index of each slot. [B]
  public let sequenceOfSlot: [Int]
  /// Number of running sequences at each step. [T_max]
  public let activeCount: [Int]
  /// First packed row of each step; `stepOffsets[T_max]` = N. [T_max + 1]
  public let stepOffsets: [Int]

  public init(lengths: [Int]) {
    precondition(lengths.allSatisfy { $0 >= 0 }, "sequence lengths are never negative")
    self.lengths = lengths
    let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
    sequenceOfSlot = order
    var slots = [Int](repeating: 0, count: lengths.count)
    for (slot, sequence) in order.enumerated() { slots[sequence] = slot }
    slotOfSequence = slots
    let maxLength = lengths.max() ?? 0
    var active = [Int](repeating: 0, count: maxLength)
    var offsets = [0]
    for step in 0..<maxLength {
      active[step] = lengths.reduce(0) { $0 + ($1 > step ? 1 : 0) }
      offsets.append(offsets[step] + active[step])
    }
    activeCount = active
    stepOffsets = offsets
  }

  /// B.
  public var sequenceCount: Int { lengths.count }
  /// T_max.
  public var maxLength: Int { activeCount.count }
  /// N = Σ lengths.
  public var rowCount: Int { stepOffsets[stepOffsets.count - 1] }

  /// The packed row of sequence `sequence` (caller order) at step `step` (0-based, < its length).
  @inlinable
  public func row(sequence: Int, step: Int) -> Int { stepOffsets[step] + slotOfSequence[sequence] }

  /// The slots whose sequence has its last step at `step`: activeCount[t + 1] ..< activeCount[t].
  @inlinable
  public func endingSlots(atStep step: Int) -> Range<Int> {
    (step + 1 < maxLength ? activeCount[step + 1] : 0)..<activeCount[step]
  }

  /// Backward through time, at step t: adds what ∂L/∂h_t receives from outside the recurrence into the slot-ordered
  /// carry [B, H] — ∂L/∂h_T for the sequences that end at t (`final`, caller order [B, H]) and ∂L/∂h_t from the
  /// layer above for every running row (`fromAbove`, packed [N, H]); nil stands for zero.
  func addIncomingHiddenGradients(atStep step: Int, width h: Int, final: [Float]?, fromAbove: [Float]?,
                                  into carry: UnsafeMutablePointer<Float>) {
    if let final {
      for slot in endingSlots(atStep: step) {
        let sequence = sequenceOfSlot[slot]
        for j in 0..<h { carry[slot * h + j] += final[sequence * h + j] }
      }
    }
    if let fromAbove {
      let first = stepOffsets[step]
      for index in 0..<(activeCount[step] * h) { carry[index] += fromAbove[first * h + index] }
    }
  }

  /// For each packed row r = row(b, t), the row row(b, length_b − 1 − t): each sequence's steps mirrored, which is
  /// the order a backward direction reads them in. It is its own inverse, so it both gathers and scatters. [N]
  /// - Complexity: O(N).
  public var reversedRows: [Int] {
    var rows = [Int](repeating: 0, count: rowCount)
    for step in 0..<maxLength {
      for slot in 0..<activeCount[step] {
        let length = lengths[sequenceOfSlot[slot]]
        rows[stepOffsets[step] + slot] = stepOffsets[length - 1 - step] + slot
      }
    }
    return rows
  }
}
