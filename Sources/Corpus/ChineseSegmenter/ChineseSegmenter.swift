import CJiebaData

/// A Chinese word segmenter on jieba 0.42.1's dictionary and HMM: the same words as
/// `jieba.lcut(text, HMM=True)` (the tables are compiled into the binary; `scripts/compare-jieba.sh`
/// measures the agreement with Python jieba).
///
/// The text is split into blocks, maximal runs of `[U+4E00–U+9FD5 a-zA-Z0-9 + # & . _ % -]`, and the rest:
/// - each block is cut by the dictionary route with the HMM for unknown words (`DictionaryRoute`);
/// - outside blocks every scalar is a word of its own, except that CR LF is one word.
///
/// The words cover the text: they are non-empty, in order, and each starts where the previous one ended
/// (white space is a word too, as in jieba). Offsets count Unicode scalars, half-open.
///
/// The value is cheap to copy and safe to share between threads; the embedded tables are validated once
/// per process, on first use (`embedded()`).
public struct ChineseSegmenter: Sendable {
  /// One word: its text and its half-open offsets in Unicode scalars of the segmented text.
  public struct Word: Sendable, Equatable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int

    public init(text: String, start: Int, end: Int) {
      self.text = text
      self.start = start
      self.end = end
    }
  }

  /// The jieba release whose dictionary and HMM tables are embedded.
  public static let jiebaVersion = "0.42.1"
  /// Names the embedded tables in error messages.
  static let embeddedSource = "embedded samples/jieba/jieba-0.42.1.dict"

  let tables: SegmenterTables

  init(tables: SegmenterTables) {
    self.tables = tables
  }

  /// A segmenter on tables in the file format of `scripts/build-jieba-data.py` (the bytes are copied).
  /// - Throws: `SegmenterDataError` naming `source` when the bytes are not valid tables.
  public init(tableBytes: [UInt8], source: String) throws(SegmenterDataError) {
    let storage = OwnedBytes(tableBytes)
    tables = try SegmenterTables(bytes: storage.buffer, owner: storage, source: source)
  }

  /// The segmenter on the tables compiled into the binary, validated in place on the first call in the
  /// process (thread-safe; 1.7 ms in a release build, figures in samples/jieba/README.md).
  /// - Throws: `SegmenterDataError` if the embedded tables are broken (a broken build).
  public static func embedded() throws(SegmenterDataError) -> ChineseSegmenter {
    try embeddedResult.get()
  }

  /// Swift initialises a static stored property once, lazily and thread-safely.
  private static let embeddedResult: Result<ChineseSegmenter, SegmenterDataError> = {
    var size = 0
    guard let pointer = saliency_jieba_tables(&size) else {
      return .failure(.truncatedHeader(source: embeddedSource, size: 0))
    }
    do throws(SegmenterDataError) {
      let tables = try SegmenterTables(
        bytes: UnsafeRawBufferPointer(start: pointer, count: size), owner: nil, source: embeddedSource)
      return .success(ChineseSegmenter(tables: tables))
    } catch {
      return .failure(error)
    }
  }()

  /// The words of `text`, in order, covering it (see the type's rules).
  /// - Complexity: O(n·L·log c) for n scalars (see `DictionaryRoute`).
  public func words(in text: String) -> [Word] {
    let scalars = Array(text.unicodeScalars)
    return wordRanges(in: scalars).map { range in
      Word(text: String(String.UnicodeScalarView(scalars[range])), start: range.lowerBound, end: range.upperBound)
    }
  }

  /// The words of `scalars` as half-open ranges of offsets: non-empty, in order, each starting where the
  /// previous one ended, the first at 0 and the last ending at `scalars.count`.
  public func wordRanges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
    var words: [Range<Int>] = []
    words.reserveCapacity(scalars.count / 2 + 1)
    let route = DictionaryRoute(tables: tables)
    var i = 0
    while i < scalars.count {
      if Self.isBlockScalar(scalars[i]) {
        var j = i + 1
        while j < scalars.count && Self.isBlockScalar(scalars[j]) { j += 1 }
        route.cut(scalars, i..<j, into: &words)
        i = j
      } else if scalars[i] == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" {
        words.append(i..<(i + 2))
        i += 2
      } else {
        words.append(i..<(i + 1))
        i += 1
      }
    }
    return words
  }

  /// Whether `scalar` belongs to jieba's blocks: U+4E00–U+9FD5, ASCII letters and digits, `+ # & . _ % -`.
  @inline(__always)
  static func isBlockScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x4E00...0x9FD5, 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    case 0x2B, 0x23, 0x26, 0x2E, 0x5F, 0x25, 0x2D: return true  // + # & . _ % -
    default: return false
    }
  }
}

/// Bytes copied into 8-byte-aligned memory that lives as long as this object.
private final class OwnedBytes: @unchecked Sendable {
  let buffer: UnsafeRawBufferPointer

  init(_ bytes: [UInt8]) {
    let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
    bytes.withUnsafeBytes { source in
      if let base = source.baseAddress { memory.copyMemory(from: base, byteCount: source.count) }
    }
    buffer = UnsafeRawBufferPointer(start: memory, count: bytes.count)
  }

  deinit {
    if let base = buffer.baseAddress { UnsafeMutableRawPointer(mutating: base).deallocate() }
  }
}
