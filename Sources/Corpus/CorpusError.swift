/// Why a corpus cannot be read. Every message names the file (and line, where there is one) and says
/// how to fix the problem.
public enum CorpusError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Which column a `missingColumn` error is about.
  public enum ColumnRole: String, Sendable, Equatable {
    case text, label
  }

  /// The path does not exist.
  case noSuchFile(path: String)
  /// The path is a directory.
  case isDirectory(path: String)
  /// The file exists but cannot be opened or read.
  case unreadable(path: String, reason: String)
  /// The file name says it is compressed or binary (`.gz`, `.xlsx`, …).
  case unsupportedFormat(path: String, pathExtension: String)
  /// A TSV or CSV file has no header row.
  case missingHeader(path: String, format: CorpusFormat)
  /// The header row itself is malformed.
  case malformedHeader(path: String, line: Int, problem: RowProblem)
  /// The header has no column with the text or label name.
  case missingColumn(path: String, line: Int, column: String, role: ColumnRole, found: [String])
  /// Labels are required but the format has none.
  case noLabels(path: String, format: CorpusFormat)
  /// A record is malformed (and `skipBadRows` is off).
  case badRow(path: String, line: Int, problem: RowProblem)

  public var description: String {
    switch self {
    case .noSuchFile(let path):
      return "\(path): no such file"
    case .isDirectory(let path):
      return "\(path): is a directory; pass a file"
    case .unreadable(let path, let reason):
      return "\(path): cannot read (\(reason))"
    case .unsupportedFormat(let path, let ext):
      return "\(path): .\(ext) files cannot be read; decompress or export it as TSV, CSV, JSONL or plain lines"
    case .missingHeader(let path, let format):
      let example = format == .csv ? "label,text" : "label<TAB>text"
      return "\(path): empty file; a \(format.rawValue.uppercased()) file starts with a header row such as \(example)"
    case .malformedHeader(let path, let line, let problem):
      return "\(path):\(line): header row: \(problem); fix the header row"
    case .missingColumn(let path, let line, let column, let role, let found):
      let names = found.map { "\"\($0)\"" }.joined(separator: ", ")
      return "\(path):\(line): no \(role.rawValue) column \"\(column)\" in the header (found \(names)); "
        + "add it or pass --\(role.rawValue)-column NAME"
    case .noLabels(let path, let format):
      return "\(path): \(format.rawValue) input has no labels; use a TSV, CSV or JSONL file with a label column"
    case .badRow(let path, let line, let problem):
      return "\(path):\(line): \(problem); \(problem.hint)"
    }
  }
}
