import Foundation

/// A sentiment lexicon: words with a valence, looked up by a token's vocabulary form (`Token.norm`).
///
/// ## File format
/// UTF-8 (a leading byte-order mark is skipped), LF or CRLF line ends, one entry per line:
///
///     word<TAB>valence[<TAB>further columns, ignored]
///
/// The valence is a finite number (as Swift's `Double(_:)` reads it, e.g. `-1.5`, `2`, `3e-1`); positive means
/// positive sentiment. Blank lines (nothing but spaces and TABs) and lines starting with `#` are skipped; white
/// space around the word and the valence is trimmed. When two lines give the same word (after normalisation,
/// below) the later line wins.
///
/// ## Normalisation
/// Words are stored in the vocabulary form the tokenizer gives a token: NFKC, a soft hyphen dropped, then
/// lower-cased when the tokenizer lower-cases (`TokenNormalizer`), so `valence(of: token.norm)` finds `Good`
/// under `good`. An entry the tokenizer would cut into several tokens (`can't stand`, `:)`, or a Chinese word
/// under the one-token-per-Han-character tokenizer) is kept but never matches a single token's norm.
public struct Lexicon: Sendable {
  /// The file name (last path component) the lexicon was read from, for reports.
  public let name: String
  /// Vocabulary form → valence.
  private let valences: [String: Double]

  /// The number of distinct words (after normalisation and dropping duplicates).
  public var count: Int { valences.count }

  /// The valence of the word whose vocabulary form is `norm`, or nil when the lexicon does not have it.
  /// - Complexity: O(1) expected (a hash lookup of `norm`).
  public func valence(of norm: String) -> Double? {
    valences[norm]
  }

  /// Reads the lexicon file at `path`; `name` is its last path component.
  /// - Parameter tokenizer: the tokenizer whose vocabulary forms the words are stored in (its `lowercase`
  ///   setting is the one that matters); pass the model's tokenizer.
  /// - Throws: `LexiconError` if the path is missing, a directory or unreadable, or as
  ///   `init(bytes:displayName:tokenizer:)` for the contents.
  /// - Complexity: O(n) in the file's size.
  public init(contentsOf path: String, tokenizer: Tokenizer = Tokenizer()) throws(LexiconError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .noSuchFile(path: path)
    }
    guard !isDirectory.boolValue else { throw .isDirectory(path: path) }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let readable = FileManager.default.isReadableFile(atPath: path)
      throw .unreadable(path: path, reason: readable ? "cannot open it" : "permission denied")
    }
    try self.init(bytes: [UInt8](data), displayName: path, tokenizer: tokenizer)
  }

  /// Reads a lexicon from the bytes of a file; `displayName` stands for the file in error messages and its
  /// last path component becomes `name`.
  /// - Throws: `LexiconError` naming `displayName` and the 1-based line for invalid UTF-8, an entry line
  ///   without a TAB, an empty word or a valence that is not a finite number; `.noEntries` when no line is
  ///   an entry.
  /// - Complexity: O(n) in the number of bytes.
  public init(bytes: [UInt8], displayName: String, tokenizer: Tokenizer = Tokenizer()) throws(LexiconError) {
    let normalizer = TokenNormalizer(lowercase: tokenizer.lowercase)
    let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    var valences: [String: Double] = [:]
    var lineStart = 0
    var lineNumber = 0
    while lineStart < bytes.count {
      lineNumber += 1
      let newline = bytes[lineStart...].firstIndex(of: Self.lineFeed) ?? bytes.count
      var lineEnd = newline
      if lineEnd > lineStart && bytes[lineEnd - 1] == Self.carriageReturn { lineEnd -= 1 }
      var line = bytes[lineStart..<lineEnd]
      lineStart = newline + 1
      if let offset = UTF8Validation.firstInvalidOffset(in: line) {
        throw .invalidUTF8(
          path: displayName, line: lineNumber, byte: line[line.startIndex + offset], column: offset + 1)
      }
      if lineNumber == 1 && line.starts(with: byteOrderMark) { line = line.dropFirst(byteOrderMark.count) }
      guard let entry = try Self.entry(in: line, path: displayName, line: lineNumber) else { continue }
      let scalars = ArraySlice(Array(entry.word.unicodeScalars))
      valences[normalizer.norm(of: scalars, surface: entry.word)] = entry.valence
    }
    guard !valences.isEmpty else { throw .noEntries(path: displayName) }
    self.name = URL(fileURLWithPath: displayName).lastPathComponent
    self.valences = valences
  }

  private static let lineFeed: UInt8 = 0x0A
  private static let carriageReturn: UInt8 = 0x0D
  private static let tab: UInt8 = 0x09
  private static let space: UInt8 = 0x20
  private static let commentMark = UInt8(ascii: "#")

  /// The word (trimmed, not yet normalised) and valence of one line without its line end, or nil for a blank
  /// or comment line.
  private static func entry(
    in line: ArraySlice<UInt8>, path: String, line number: Int
  ) throws(LexiconError) -> (word: String, valence: Double)? {
    if line.allSatisfy({ $0 == space || $0 == tab }) || line.first == commentMark { return nil }
    guard let firstTab = line.firstIndex(of: tab) else { throw .missingTab(path: path, line: number) }
    let word = decodeTrimmed(line[..<firstTab])
    guard !word.isEmpty else { throw .emptyWord(path: path, line: number) }
    let rest = line[(firstTab + 1)...]
    let text = decodeTrimmed(rest[..<(rest.firstIndex(of: tab) ?? rest.endIndex)])
    guard let valence = Double(text), valence.isFinite else {
      throw .invalidValence(path: path, line: number, found: text)
    }
    return (word, valence)
  }

  /// Already validated UTF-8 bytes as a string without surrounding white space.
  private static func decodeTrimmed(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
  }
}
