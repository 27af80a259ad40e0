/// RFC 4180 comma-separated values: the quoting state machine and the splitting of one record into fields.
///
/// A field that starts with `"` is quoted: it ends at the next lone `"`, and `""` inside it stands for
/// one `"`. Quoted fields may contain commas, CR, LF and CRLF. A `"` inside an unquoted field is kept
/// as an ordinary character (as most spreadsheet programs write it); text after a closing quote is an
/// error. The record scanner uses the same state machine to find where a record ends.
public enum CSVParser {
  static let quote: UInt8 = 0x22
  static let comma: UInt8 = 0x2C

  /// Where the parser is within a record.
  enum State: Sendable, Equatable {
    /// At the start of a field.
    case fieldStart
    /// Inside an unquoted field.
    case unquoted
    /// Inside a quoted field.
    case quoted
    /// Just after a `"` inside a quoted field: either the field's end or the first half of `""`.
    case quoteSeen
  }

  /// The state after `byte`, for any byte other than CR and LF outside a quoted field (which end the record).
  /// - Complexity: O(1).
  @inline(__always)
  static func step(_ state: State, _ byte: UInt8) -> State {
    switch state {
    case .fieldStart: return byte == quote ? .quoted : (byte == comma ? .fieldStart : .unquoted)
    case .unquoted: return byte == comma ? .fieldStart : .unquoted
    case .quoted: return byte == quote ? .quoteSeen : .quoted
    case .quoteSeen: return byte == quote ? .quoted : (byte == comma ? .fieldStart : .unquoted)
    }
  }

  /// Splits one complete record (no record-ending line break) into its fields, with quoting undone.
  ///
  /// Fields without doubled quotes are slices of `record`; the others are fresh copies.
  /// - Returns: the fields, or the problem: `.textAfterClosingQuote` or `.unterminatedQuote(limit: nil)`.
  /// - Complexity: O(n) in the length of the record.
  public static func fields(of record: ArraySlice<UInt8>) -> Result<[ArraySlice<UInt8>], RowProblem> {
    var fields: [ArraySlice<UInt8>] = []
    var state = State.fieldStart
    var fieldStart = record.startIndex
    var needsUnescaping = false
    var index = record.startIndex

    func finishField(at end: Int) {
      var contentStart = fieldStart
      var contentEnd = end
      if contentStart < contentEnd && record[contentStart] == quote {
        contentStart += 1
        contentEnd -= 1  // the closing quote
      }
      let content = record[contentStart..<max(contentStart, contentEnd)]
      if needsUnescaping {
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(content.count)
        var previousWasQuote = false
        for byte in content {
          if byte == quote && previousWasQuote {
            previousWasQuote = false
            continue
          }
          previousWasQuote = byte == quote
          unescaped.append(byte)
        }
        fields.append(unescaped[...])
      } else {
        fields.append(content)
      }
      needsUnescaping = false
    }

    while index < record.endIndex {
      let byte = record[index]
      let next = step(state, byte)
      switch (state, next) {
      case (.quoteSeen, .quoted):
        needsUnescaping = true
      case (.quoteSeen, .unquoted):
        return .failure(.textAfterClosingQuote)
      case (_, .fieldStart) where state != .quoted:
        finishField(at: index)
        fieldStart = index + 1
      default:
        break
      }
      state = next
      index += 1
    }
    if state == .quoted { return .failure(.unterminatedQuote(limit: nil)) }
    finishField(at: record.endIndex)
    return .success(fields)
  }
}
