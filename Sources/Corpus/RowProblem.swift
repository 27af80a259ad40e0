/// What is wrong with one record of a corpus file.
///
/// `description` says what is wrong; `hint` says how to fix it. Both are lower-case sentence fragments
/// meant to follow `file:line: `.
public enum RowProblem: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
  /// A quoted CSV field is never closed (or still open after `limit` bytes, when `limit` is set).
  case unterminatedQuote(limit: Int?)
  /// A closing quote is followed by something other than a comma or the end of the record.
  case textAfterClosingQuote
  /// The record has a different number of columns than the header.
  case wrongColumnCount(expected: Int, found: Int, format: CorpusFormat)
  /// The bytes are not valid in the encoding; `column` is the 1-based byte offset in its physical line.
  case invalidEncoding(TextEncoding, byte: UInt8, column: Int)
  /// A JSONL line is not valid JSON.
  case invalidJSON(detail: String)
  /// A JSONL line is valid JSON but not an object.
  case notJSONObject
  /// A JSONL object lacks a field.
  case missingField(String)
  /// A field has the wrong JSON type; `expected` reads like "a string".
  case wrongFieldType(field: String, expected: String)
  /// The text is empty or white space only.
  case emptyText
  /// The label is empty or white space only, and labels are required.
  case emptyLabel

  public var description: String {
    switch self {
    case .unterminatedQuote(nil):
      return "unterminated quoted field (a quote opened on this line is never closed)"
    case .unterminatedQuote(let limit?):
      return "unterminated quoted field (a quote opened on this line is still open after \(limit) bytes)"
    case .textAfterClosingQuote:
      return "text after a closing quote (inside a quoted field, write a quote as \"\")"
    case .wrongColumnCount(let expected, let found, _):
      return "expected \(expected) column\(expected == 1 ? "" : "s") as in the header, found \(found)"
    case .invalidEncoding(let encoding, let byte, let column):
      let hex = String(byte, radix: 16, uppercase: true)
      return "invalid \(encoding == .utf8 ? "UTF-8" : encoding.rawValue) (byte 0x\(hex.count < 2 ? "0" : "")\(hex) "
        + "at byte \(column) of the line)"
    case .invalidJSON(let detail):
      return "invalid JSON (\(detail))"
    case .notJSONObject:
      return "not a JSON object"
    case .missingField(let name):
      return "no \"\(name)\" field"
    case .wrongFieldType(let field, let expected):
      return "\"\(field)\" must be \(expected)"
    case .emptyText:
      return "empty text"
    case .emptyLabel:
      return "empty label"
    }
  }

  /// How to fix the record, ending with the option that skips it.
  public var hint: String {
    let skip = "pass --skip-bad-rows"
    switch self {
    case .unterminatedQuote, .textAfterClosingQuote:
      return "fix the quoting or \(skip)"
    case .wrongColumnCount(_, _, .tsv):
      return "a TAB inside a text starts a new column: replace it with a space, or \(skip)"
    case .wrongColumnCount(_, _, .csv):
      return "put fields that contain commas in double quotes, or \(skip)"
    case .wrongColumnCount:
      return "fix the row or \(skip)"
    case .invalidEncoding:
      return "convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8 IN > OUT), or \(skip)"
    case .invalidJSON, .notJSONObject, .missingField, .wrongFieldType:
      return "write one JSON object per line with a string text and a string or integer label, or \(skip)"
    case .emptyText:
      return "remove the row or \(skip)"
    case .emptyLabel:
      return "add a label, remove the row, or \(skip)"
    }
  }
}
