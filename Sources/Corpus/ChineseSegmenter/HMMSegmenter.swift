/// Cuts a run of characters that the dictionary route left as single characters and that is not itself a
/// dictionary word: jieba's `finalseg.cut`, an HMM over the states B (begin), M (middle), E (end) and
/// S (single) of each character.
///
/// The run is split into
/// - Han runs, U+4E00…U+9FD5, which are labelled by Viterbi and cut after every E and S; and
/// - everything else, cut into alphanumeric pieces `[a-zA-Z0-9]+(\.[0-9]+)?%?` and the maximal runs of other
///   characters between them.
struct HMMSegmenter {
  let tables: SegmenterTables

  /// The Han characters the HMM labels.
  @inline(__always)
  static func isHMMHan(_ scalar: Unicode.Scalar) -> Bool {
    (0x4E00...0x9FD5).contains(scalar.value)
  }

  /// Appends the words of `scalars[range]` to `words`, in order, covering `range` exactly.
  func cut(_ scalars: [Unicode.Scalar], _ range: Range<Int>, into words: inout [Range<Int>]) {
    var i = range.lowerBound
    while i < range.upperBound {
      var j = i + 1
      if Self.isHMMHan(scalars[i]) {
        while j < range.upperBound && Self.isHMMHan(scalars[j]) { j += 1 }
        cutHan(scalars, i..<j, into: &words)
      } else {
        while j < range.upperBound && !Self.isHMMHan(scalars[j]) { j += 1 }
        cutOther(scalars, i..<j, into: &words)
      }
      i = j
    }
  }

  // MARK: Han runs

  /// Labels `scalars[range]` with the most probable state sequence and cuts it into words.
  ///
  /// Viterbi, in log-probabilities, summed left to right as jieba does so that ties fall the same way:
  /// ```
  /// V₀(y) = start(y) + emit(y, c₀)
  /// Vₜ(y) = max over y′ ∈ prev(y) of  Vₜ₋₁(y′) + trans(y′, y) + emit(y, cₜ)
  /// prev(B) = {E, S}, prev(M) = {M, B}, prev(S) = {S, E}, prev(E) = {B, M}
  /// ```
  /// ending in E or S. A missing emission or transition is −3.14·10¹⁰⁰. Ties go to the later state in the
  /// order B < E < M < S (jieba compares `(probability, state letter)` tuples).
  ///
  /// Words: a B opens a word, an E closes the open word (or, with none open, the run since the last cut),
  /// an S is a word of its own, an M continues; characters left after the last cut form a final word.
  /// - Complexity: O(T) time, O(T) memory for T characters.
  private func cutHan(_ scalars: [Unicode.Scalar], _ range: Range<Int>, into words: inout [Range<Int>]) {
    let count = range.count
    let floor = SegmenterTables.minLogProbability
    // Emission rows once per character; four log-probabilities each.
    var emit = [Double](repeating: floor, count: 4 * count)
    for t in 0..<count {
      guard let row = tables.emissionRow(of: scalars[range.lowerBound + t]) else { continue }
      for state in SegmenterTables.State.allCases {
        emit[4 * t + state.rawValue] = tables.emission(row: row, state: state)
      }
    }
    // back[4t + y]: the best predecessor of state y at t.
    var back = [UInt8](repeating: 0, count: 4 * count)
    var value = (0..<4).map { tables.start[$0] + emit[$0] }
    let predecessors: [(Int, Int)] = [(1, 3), (0, 2), (2, 0), (3, 1)]  // B: E,S  E: B,M  M: M,B  S: S,E
    var next = value
    for t in 1..<max(count, 1) {
      for y in 0..<4 {
        let (a, b) = predecessors[y]
        let viaA = value[a] + tables.transition[4 * a + y] + emit[4 * t + y]
        let viaB = value[b] + tables.transition[4 * b + y] + emit[4 * t + y]
        let takeA = viaA > viaB || (viaA == viaB && a > b)
        next[y] = takeA ? viaA : viaB
        back[4 * t + y] = UInt8(takeA ? a : b)
      }
      swap(&value, &next)
    }
    let endState = SegmenterTables.State.end.rawValue, singleState = SegmenterTables.State.single.rawValue
    var state = value[endState] > value[singleState] ? endState : singleState
    var labels = [Int](repeating: 0, count: count)
    for t in stride(from: count - 1, through: 0, by: -1) {
      labels[t] = state
      state = Int(back[4 * t + state])
    }
    var begin = 0, nextCut = 0
    for t in 0..<count {
      switch SegmenterTables.State(rawValue: labels[t]) {
      case .begin:
        begin = t
      case .end:
        words.append((range.lowerBound + begin)..<(range.lowerBound + t + 1))
        nextCut = t + 1
      case .single:
        words.append((range.lowerBound + t)..<(range.lowerBound + t + 1))
        nextCut = t + 1
      case .middle, nil:
        break
      }
    }
    if nextCut < count {
      words.append((range.lowerBound + nextCut)..<range.upperBound)
    }
  }

  // MARK: Other characters

  /// Cuts a run without HMM Han characters into alphanumeric pieces `[a-zA-Z0-9]+(\.[0-9]+)?%?` and the
  /// maximal runs of other characters between them (`3.5kg` → `3.5`, `kg`; `+#` stays one piece).
  private func cutOther(_ scalars: [Unicode.Scalar], _ range: Range<Int>, into words: inout [Range<Int>]) {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      var j = i
      if Self.isASCIIAlphanumeric(scalars[i]) {
        while j < end && Self.isASCIIAlphanumeric(scalars[j]) { j += 1 }
        if j + 1 < end && scalars[j] == "." && Self.isDecimalDigit(scalars[j + 1]) {
          j += 2
          while j < end && Self.isDecimalDigit(scalars[j]) { j += 1 }
        }
        if j < end && scalars[j] == "%" { j += 1 }
      } else {
        while j < end && !Self.isASCIIAlphanumeric(scalars[j]) { j += 1 }
      }
      words.append(i..<j)
      i = j
    }
  }

  @inline(__always)
  static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    default: return false
    }
  }

  /// A decimal digit (Unicode Nd), as Python's `\d` in a `str` pattern.
  @inline(__always)
  static func isDecimalDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .decimalNumber
  }
}
