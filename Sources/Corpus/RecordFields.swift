/// A malformed record and the physical line the problem is on.
struct RowFailure: Sendable, Equatable, Error {
  var line: Int
  var problem: RowProblem
}

extension CorpusReader {
  /// Splits a TSV or CSV record, whose bytes are `bytes`, into decoded fields.
  /// - Complexity: O(n) in the record's length.
  func decodeFields(of record: RawRecord, bytes: ArraySlice<UInt8>) -> Result<[String], RowFailure> {
    if case .unterminatedQuote(let limit) = record.status {
      return .failure(RowFailure(line: record.line, problem: .unterminatedQuote(limit: limit)))
    }
    if let failure = encodingFailure(in: bytes, startingAt: record.line) { return .failure(failure) }
    let fields: [ArraySlice<UInt8>]
    switch format {
    case .csv:
      switch CSVParser.fields(of: bytes) {
      case .success(let split): fields = split
      case .failure(let problem): return .failure(RowFailure(line: record.line, problem: problem))
      }
    case .tsv, .jsonl, .lines:
      fields = bytes.split(separator: 0x09, omittingEmptySubsequences: false)
    }
    return .success(fields.map { options.encoding.decodeReplacingInvalid($0) })
  }

  /// Where the first invalid byte of a record is, if any: its physical line (counting line breaks inside
  /// the record) and a description with its byte column in that line.
  /// - Complexity: O(n) in the record's length.
  func encodingFailure(in bytes: ArraySlice<UInt8>, startingAt recordLine: Int) -> RowFailure? {
    guard options.encoding == .utf8, let offset = UTF8Validation.firstInvalidOffset(in: bytes) else { return nil }
    var line = recordLine
    var lineStart = 0
    var previous: UInt8 = 0
    for (i, byte) in bytes.prefix(offset).enumerated() {
      if byte == 0x0D || (byte == 0x0A && previous != 0x0D) { line += 1 }
      if byte == 0x0D || byte == 0x0A { lineStart = i + 1 }
      previous = byte
    }
    let bad = bytes[bytes.startIndex + offset]
    return RowFailure(line: line, problem: .invalidEncoding(.utf8, byte: bad, column: offset - lineStart + 1))
  }
}
