/// How each vocabulary token scored, per class, for one method, summed over a corpus.
///
/// A score is filed under the class its explanation targets (the predicted class, or `--target`), so for a
/// signed method a token's mean signed score for class c says how much it pushed texts toward c when the
/// model explained c. Sums are `ExactSum`s, so merging shards gives the same bits as one run.
public struct WordStatistics: Sendable, Equatable {
  /// The running figures of one (class, token) pair.
  public struct Cell: Sendable, Equatable, Codable {
    public var count = 0
    /// Scores > 0.
    public var positive = 0
    public var signed = ExactSum()
    public var magnitude = ExactSum()

    public mutating func add(_ score: Double) {
      count += 1
      if score > 0 { positive += 1 }
      signed.add(score)
      magnitude.add(abs(score))
    }

    public mutating func merge(_ other: Cell) {
      count += other.count
      positive += other.positive
      signed.add(other.signed)
      magnitude.add(other.magnitude)
    }

    public var meanSigned: Double { signed.value / Double(max(count, 1)) }
    public var meanMagnitude: Double { magnitude.value / Double(max(count, 1)) }
    public var sharePositive: Double { Double(positive) / Double(max(count, 1)) }
  }

  /// A (class, token id) pair.
  public struct Key: Sendable, Hashable, Comparable, Codable {
    public var klass: Int
    public var token: Int

    public init(klass: Int, token: Int) {
      self.klass = klass
      self.token = token
    }

    public static func < (a: Key, b: Key) -> Bool { (a.klass, a.token) < (b.klass, b.token) }

    /// One combine instead of two (the tables are updated once per token and method).
    public func hash(into hasher: inout Hasher) {
      hasher.combine(UInt64(truncatingIfNeeded: klass) << 32 ^ UInt64(truncatingIfNeeded: token))
    }
  }

  public private(set) var cells: [Key: Cell] = [:]

  public init() {}

  /// Files one text's scores under its target class. `tokens` and `scores` have one entry per position.
  public mutating func add(tokens: [Int], scores: [Double], target: Int) {
    for (token, score) in zip(tokens, scores) {
      cells[Key(klass: target, token: token), default: Cell()].add(score)
    }
  }

  public mutating func merge(_ other: WordStatistics) {
    for (key, cell) in other.cells { cells[key, default: Cell()].merge(cell) }
  }

  /// One row of a word table.
  public struct Row: Sendable, Equatable {
    public var klass: Int
    public var token: Int
    public var cell: Cell
  }

  /// The (class, token) pairs seen at least `minCount` times, by class, then mean signed score (highest
  /// first), then token id: a total order, so tables are reproducible.
  /// - Complexity: O(n log n) comparisons of precomputed means (an `ExactSum` is rounded once per row).
  public func rows(minCount: Int) -> [Row] {
    cells.filter { $0.value.count >= minCount }
      .map { (row: Row(klass: $0.key.klass, token: $0.key.token, cell: $0.value), mean: $0.value.meanSigned) }
      .sorted { a, b in
        if a.row.klass != b.row.klass { return a.row.klass < b.row.klass }
        let (x, y) = (a.mean, b.mean)
        if x != y, !x.isNaN, !y.isNaN { return x > y }
        if x.isNaN != y.isNaN { return y.isNaN }
        return a.row.token < b.row.token
      }
      .map(\.row)
  }

  /// The cells sorted by key, for storing.
  public var sortedCells: [(key: Key, cell: Cell)] {
    cells.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  public init(cells: [(key: Key, cell: Cell)]) {
    for (key, cell) in cells { self.cells[key, default: Cell()].merge(cell) }
  }
}
