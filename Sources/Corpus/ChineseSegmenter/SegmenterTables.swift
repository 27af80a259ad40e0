import Foundation

/// jieba's dictionary (as a prefix trie) and HMM tables, read in place from the bytes written by
/// `scripts/build-jieba-data.py`.
///
/// Layout (little-endian; every section starts at a multiple of 8 bytes):
/// ```
/// header (192 bytes)  magic "SLJIEBA\0" · version u32 (1) · N u32 trie nodes (root included)
///                     · F u32 distinct frequencies · R u32 emission rows · total u64 (Σ dictionary frequencies)
///                     · start f64×4 · transition f64×16 ([from][to]); states in the order B E M S
/// frequencies  F × u32      ascending; entry 0 is 0 ("a prefix, not a word")
/// childStart   (N+1) × u32  the children of node n are the nodes childStart[n] ..< childStart[n+1]
/// label        N × u16      the character (a BMP scalar) on the edge into node n
/// frequency    N × u16      index into `frequencies` of the word ending at node n
/// emitChars    R × u16      ascending
/// emission     R × 4 × f64  log P(character | state), states B E M S
/// ```
/// The trie is breadth-first with siblings sorted by character. Absent log-probabilities are jieba's
/// `MIN_FLOAT` = −3.14·10¹⁰⁰.
///
/// Nothing is copied or parsed: loading is one validation pass, O(N + R), after which every lookup is
/// guaranteed to stay inside the buffer (children lie after their parent and inside `1..<N`, sibling labels
/// and `emitChars` strictly ascend, frequency indices are below F).
struct SegmenterTables: @unchecked Sendable {
  /// The hidden states of jieba's HMM, in the order of the tables and of jieba's tie-breaking (a tie between
  /// two states goes to the later one).
  enum State: Int, CaseIterable {
    /// First character of a multi-character word.
    case begin = 0
    /// Last character of a multi-character word.
    case end = 1
    /// Inner character of a word of three or more characters.
    case middle = 2
    /// A one-character word.
    case single = 3
  }

  static let magic: [UInt8] = Array("SLJIEBA\0".utf8)
  static let formatVersion: UInt32 = 1
  static let headerSize = 192
  /// jieba's log-probability of anything its HMM tables do not list.
  static let minLogProbability = -3.14e100

  /// Keeps owned bytes alive; `nil` for the tables compiled into the binary.
  private let owner: AnyObject?
  private let base: UnsafeRawPointer
  /// Number of trie nodes, the root (node 0) included.
  let nodeCount: Int
  private let emissionRowCount: Int
  /// log(total): the denominator of every word probability, freq(w) / total.
  let logTotal: Double
  /// log P(state at t = 0), indexed by `State.rawValue`.
  let start: [Double]
  /// log P(state b at t | state a at t − 1), at `[a.rawValue * 4 + b.rawValue]`.
  let transition: [Double]

  private let frequenciesOffset: Int
  private let childStartOffset: Int
  private let labelOffset: Int
  private let frequencyIndexOffset: Int
  private let emitCharsOffset: Int
  private let emissionOffset: Int

  /// Validates `bytes` and reads the tables in place.
  /// - Parameters:
  ///   - bytes: the table file; must stay valid and unchanged while `owner` (or, if `nil`, the process) lives.
  ///   - owner: an object that keeps `bytes` alive, or `nil` for static memory.
  ///   - source: names the bytes in error messages.
  /// - Complexity: O(N + R).
  init(bytes: UnsafeRawBufferPointer, owner: AnyObject?, source: String) throws(SegmenterDataError) {
    guard let base = bytes.baseAddress, bytes.count >= Self.headerSize else {
      throw .truncatedHeader(source: source, size: bytes.count)
    }
    guard Array(bytes[0..<8]) == Self.magic else { throw .badMagic(source: source) }
    func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    func f64(_ offset: Int) -> Double {
      Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }
    let version = u32(8)
    guard version == Self.formatVersion else { throw .unsupportedVersion(source: source, version: version) }
    let nodes = Int(u32(12)), frequencyCount = Int(u32(16)), rows = Int(u32(20))
    let total = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    guard nodes >= 1, frequencyCount >= 1, total >= 1 else {
      throw .corrupt(source: source, detail: "header counts \(nodes) nodes, \(frequencyCount) frequencies, total \(total)")
    }
    func aligned(_ n: Int) -> Int { (n + 7) & ~7 }
    frequenciesOffset = Self.headerSize
    childStartOffset = aligned(frequenciesOffset + 4 * frequencyCount)
    labelOffset = aligned(childStartOffset + 4 * (nodes + 1))
    frequencyIndexOffset = aligned(labelOffset + 2 * nodes)
    emitCharsOffset = aligned(frequencyIndexOffset + 2 * nodes)
    emissionOffset = aligned(emitCharsOffset + 2 * rows)
    let expectedSize = emissionOffset + 32 * rows
    guard bytes.count == expectedSize else {
      throw .sizeMismatch(source: source, expected: expectedSize, actual: bytes.count)
    }
    self.owner = owner
    self.base = base
    nodeCount = nodes
    emissionRowCount = rows
    logTotal = log(Double(total))
    start = (0..<4).map { f64(32 + 8 * $0) }
    transition = (0..<16).map { f64(64 + 8 * $0) }
    try validate(source: source, frequencyCount: frequencyCount)
  }

  private func validate(source: String, frequencyCount: Int) throws(SegmenterDataError) {
    guard frequency(at: 0) == 0 else { throw .corrupt(source: source, detail: "frequency table entry 0 is not 0") }
    guard childStart(0) == 1, childStart(nodeCount) == nodeCount else {
      throw .corrupt(source: source, detail: "trie child table does not span nodes 1..<\(nodeCount)")
    }
    for node in 0..<nodeCount {
      let first = childStart(node), last = childStart(node + 1)
      guard first > node, first <= last, last <= nodeCount else {
        throw .corrupt(source: source, detail: "trie node \(node) has children \(first)..<\(last)")
      }
      guard Int(frequencyIndex(node)) < frequencyCount else {
        throw .corrupt(source: source, detail: "trie node \(node) has frequency index \(frequencyIndex(node))")
      }
      var child = first + 1
      while child < last {
        guard label(child - 1) < label(child) else {
          throw .corrupt(source: source, detail: "children of trie node \(node) are not sorted at node \(child)")
        }
        child += 1
      }
    }
    var row = 1
    while row < emissionRowCount {
      guard emitChar(row - 1) < emitChar(row) else {
        throw .corrupt(source: source, detail: "emission characters are not sorted at row \(row)")
      }
      row += 1
    }
  }

  // MARK: Raw reads

  @inline(__always) private func readU16(_ offset: Int) -> UInt16 {
    UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }

  @inline(__always) private func readU32(_ offset: Int) -> UInt32 {
    UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  @inline(__always) private func childStart(_ node: Int) -> Int { Int(readU32(childStartOffset + 4 * node)) }
  @inline(__always) private func label(_ node: Int) -> UInt16 { readU16(labelOffset + 2 * node) }
  @inline(__always) private func frequencyIndex(_ node: Int) -> UInt16 { readU16(frequencyIndexOffset + 2 * node) }
  @inline(__always) private func frequency(at index: Int) -> UInt32 { readU32(frequenciesOffset + 4 * index) }
  @inline(__always) private func emitChar(_ row: Int) -> UInt16 { readU16(emitCharsOffset + 2 * row) }

  // MARK: Dictionary

  /// The root of the trie: the empty prefix.
  static let root = 0

  /// The node reached from `node` along `scalar`, or `nil` when no dictionary word continues that way.
  /// - Complexity: O(log c), c the number of children of `node` (about 12,000 at the root, a handful below).
  @inline(__always)
  func child(of node: Int, along scalar: Unicode.Scalar) -> Int? {
    Self.search(childStart(node)..<childStart(node + 1), for: scalar, keyAt: label)
  }

  /// The index in `range` whose key is `scalar`, by binary search over keys sorted ascending; nil when absent
  /// or when the scalar lies outside the Basic Multilingual Plane (the tables key by UTF-16 unit).
  /// - Complexity: O(log n) for n = `range.count`.
  @inline(__always)
  private static func search(_ range: Range<Int>, for scalar: Unicode.Scalar, keyAt key: (Int) -> UInt16) -> Int? {
    guard scalar.value <= 0xFFFF else { return nil }
    let wanted = UInt16(scalar.value)
    var low = range.lowerBound, high = range.upperBound
    while low < high {
      let middle = (low + high) >> 1
      let found = key(middle)
      if found < wanted {
        low = middle + 1
      } else if found > wanted {
        high = middle
      } else {
        return middle
      }
    }
    return nil
  }

  /// The dictionary frequency of the word spelled by the path to `node`; 0 when that path is only a prefix.
  @inline(__always)
  func frequency(of node: Int) -> UInt32 { frequency(at: Int(frequencyIndex(node))) }

  /// The dictionary frequency of `scalars`, 0 when it is not a word (jieba's `FREQ.get(w) or 0`).
  /// - Complexity: O(k log c) for k scalars.
  func frequency(of scalars: ArraySlice<Unicode.Scalar>) -> UInt32 {
    var node = Self.root
    for scalar in scalars {
      guard let next = child(of: node, along: scalar) else { return 0 }
      node = next
    }
    return node == Self.root ? 0 : frequency(of: node)
  }

  // MARK: HMM

  /// The emission row of `scalar`, or `nil` when the HMM tables do not list it (then every state emits it
  /// with log-probability `minLogProbability`).
  /// - Complexity: O(log R).
  func emissionRow(of scalar: Unicode.Scalar) -> Int? {
    Self.search(0..<emissionRowCount, for: scalar, keyAt: emitChar)
  }

  /// log P(character of `row` | `state`).
  @inline(__always)
  func emission(row: Int, state: State) -> Double {
    let offset = emissionOffset + 32 * row + 8 * state.rawValue
    return Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
  }
}
