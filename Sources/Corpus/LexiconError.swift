/// Why a sentiment lexicon cannot be read. Every message names the file (and the 1-based line, where there
/// is one) and says how to fix the problem, in the style of `CorpusError`.
public enum LexiconError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path does not exist.
  case noSuchFile(path: String)
  /// The path is a directory.
  case isDirectory(path: String)
  /// The file exists but cannot be opened or read.
  case unreadable(path: String, reason: String)
  /// The line is not valid UTF-8; `column` is the 1-based byte offset of the first bad byte in its line.
  case invalidUTF8(path: String, line: Int, byte: UInt8, column: Int)
  /// An entry line has no TAB between the word and the valence.
  case missingTab(path: String, line: Int)
  /// An entry line has nothing but white space before its first TAB.
  case emptyWord(path: String, line: Int)
  /// The valence column is not a finite decimal number; `found` is the column as written.
  case invalidValence(path: String, line: Int, found: String)
  /// The file has no entries: it is empty or holds only blank and `#` comment lines.
  case noEntries(path: String)

  /// What an entry line looks like, for the hints.
  private static let entryShape = "word<TAB>valence"

  public var description: String {
    switch self {
    case .noSuchFile(let path):
      return "\(path): no such file; pass a lexicon of \(Self.entryShape) lines "
        + "(scripts/fetch-lexicons.sh writes two to data/lexicons/)"
    case .isDirectory(let path):
      return "\(path): is a directory; pass a lexicon file of \(Self.entryShape) lines"
    case .unreadable(let path, let reason):
      return "\(path): cannot read (\(reason))"
    case .invalidUTF8(let path, let line, let byte, let column):
      let problem = RowProblem.invalidEncoding(.utf8, byte: byte, column: column)
      return "\(path):\(line): \(problem); convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8 IN > OUT)"
    case .missingTab(let path, let line):
      return "\(path):\(line): no TAB after the word; write \(Self.entryShape) (spaces do not separate columns)"
    case .emptyWord(let path, let line):
      return "\(path):\(line): empty word before the TAB; write \(Self.entryShape) or remove the line"
    case .invalidValence(let path, let line, let found):
      return "\(path):\(line): valence \"\(found)\" is not a finite number; write a decimal number such as "
        + "-1.5 or 2 after the TAB"
    case .noEntries(let path):
      return "\(path): no entries (only blank or # comment lines); write one \(Self.entryShape) line per word"
    }
  }
}
