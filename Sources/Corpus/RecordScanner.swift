/// Where one record lies in a `RecordScanner`'s buffer.
struct RawRecord: Sendable, Equatable {
  /// Whether the record was complete or had to be cut short.
  enum Status: Sendable, Equatable {
    case complete
    /// A quoted CSV field never closed (or was still open after `limit` bytes); the record has been
    /// cut back to its first physical line, and scanning resumes on the next line.
    case unterminatedQuote(limit: Int?)
  }

  /// The record's bytes in `RecordScanner.buffer`, without the line ending; valid until the next `next()`.
  var range: Range<Int>
  /// The 1-based physical line where the record starts.
  var line: Int
  var status: Status
}

/// Cuts a byte stream into records, reading it in chunks so memory stays flat however long the input is.
///
/// Lines end at LF, CRLF or a lone CR. In `.csv` mode, line breaks inside quoted fields belong to the
/// record (and still count as physical lines). Records may cross chunk boundaries anywhere, including
/// between the CR and LF of a CRLF and inside a UTF-8 sequence.
struct RecordScanner {
  enum Mode: Sendable, Equatable {
    case lines, csv
  }

  private static let lf: UInt8 = 0x0A
  private static let cr: UInt8 = 0x0D

  /// The bytes read and not yet dropped; `RawRecord.range` indexes into it.
  private(set) var buffer: [UInt8] = []
  private var start = 0
  private var line = 1
  private var atEOF = false
  private var checkedByteOrderMark = false
  private var skipRestOfLine = false
  private var source: ByteSource
  private let mode: Mode
  private let chunkSize: Int
  private let skipsByteOrderMark: Bool
  private let maxQuotedRecordBytes: Int

  /// - Parameters:
  ///   - skipsByteOrderMark: drop a UTF-8 byte-order mark at the very start.
  ///   - maxQuotedRecordBytes: in `.csv` mode, a record still inside quotes after this many bytes is
  ///     reported as `.unterminatedQuote(limit:)`.
  ///   - firstLine: the line number of the first line read (1 for a whole file; more for a slice of one).
  init(source: ByteSource, mode: Mode, chunkSize: Int, skipsByteOrderMark: Bool, maxQuotedRecordBytes: Int, firstLine: Int = 1) {
    self.source = source
    line = firstLine
    self.mode = mode
    self.chunkSize = max(1, chunkSize)
    self.skipsByteOrderMark = skipsByteOrderMark
    self.maxQuotedRecordBytes = max(1, maxQuotedRecordBytes)
  }

  /// The next record, or `nil` at the end of the input. Empty lines come back as empty records.
  /// - Throws: the I/O error of the underlying source.
  /// - Complexity: amortised O(n) in the record's length.
  mutating func next() throws -> RawRecord? {
    if !checkedByteOrderMark { try dropByteOrderMark() }
    if skipRestOfLine {
      skipRestOfLine = false
      guard let end = try lineEnd(from: start, discarding: true) else { return nil }
      start = end.next
      line += 1
    }
    switch mode {
    case .lines: return try nextLine()
    case .csv: return try nextCSVRecord()
    }
  }

  // MARK: Records

  private mutating func nextLine() throws -> RawRecord? {
    if let end = try lineEnd(from: start, discarding: false) {
      let record = RawRecord(range: start..<end.end, line: line, status: .complete)
      start = end.next
      line += 1
      return record
    }
    return nil
  }

  private mutating func nextCSVRecord() throws -> RawRecord? {
    var scan = start
    var state = CSVParser.State.fieldStart
    var breaksInQuotes = 0
    while true {
      while scan < buffer.count {
        let byte = buffer[scan]
        if state == .quoted {
          if byte == CSVParser.quote {
            state = .quoteSeen
          } else if byte == Self.cr || (byte == Self.lf && buffer[scan - 1] != Self.cr) {
            breaksInQuotes += 1
          }
          scan += 1
          if scan - start > maxQuotedRecordBytes {
            return try abandonQuotedRecord(scanned: scan, limit: maxQuotedRecordBytes)
          }
          continue
        }
        if byte == Self.lf || byte == Self.cr {
          if byte == Self.cr && scan + 1 == buffer.count && !atEOF { break }  // is an LF next?
          let next = byte == Self.cr && scan + 1 < buffer.count && buffer[scan + 1] == Self.lf ? scan + 2 : scan + 1
          let record = RawRecord(range: start..<scan, line: line, status: .complete)
          start = next
          line += breaksInQuotes + 1
          return record
        }
        state = CSVParser.step(state, byte)
        scan += 1
      }
      if try refill(keeping: &scan) || scan < buffer.count { continue }
      if state == .quoted { return try abandonQuotedRecord(scanned: scan, limit: nil) }
      guard start < buffer.count else { return nil }
      let record = RawRecord(range: start..<buffer.count, line: line, status: .complete)
      start = buffer.count
      line += breaksInQuotes + 1
      return record
    }
  }

  /// Reports the record as an unterminated quote, cut back to its first physical line; scanning
  /// resumes on the line after it.
  private mutating func abandonQuotedRecord(scanned: Int, limit: Int?) throws -> RawRecord {
    let recordLine = line
    if var breakIndex = buffer[start..<scanned].firstIndex(where: { $0 == Self.lf || $0 == Self.cr }) {
      if buffer[breakIndex] == Self.cr && breakIndex + 1 == buffer.count && !atEOF {
        _ = try refill(keeping: &breakIndex)
      }
      let crlf = buffer[breakIndex] == Self.cr && breakIndex + 1 < buffer.count && buffer[breakIndex + 1] == Self.lf
      let record = RawRecord(range: start..<breakIndex, line: recordLine, status: .unterminatedQuote(limit: limit))
      start = breakIndex + (crlf ? 2 : 1)
      line += 1
      return record
    }
    // One physical line longer than the limit (or the last line of the input): report what was read
    // and skip the rest of the line on the next call.
    let record = RawRecord(range: start..<scanned, line: recordLine, status: .unterminatedQuote(limit: limit))
    start = scanned
    skipRestOfLine = true
    return record
  }

  // MARK: Lines and buffering

  /// Finds the end of the physical line that contains `from`, reading more input as needed.
  /// - Parameter discarding: drop the bytes of the line as they are scanned (for skipping a line).
  /// - Returns: the index of the line break (`end`; the buffer's end on the last line) and the index
  ///   after it (`next`), or `nil` if the input ended with no bytes left.
  private mutating func lineEnd(from: Int, discarding: Bool) throws -> (end: Int, next: Int)? {
    var scan = from
    while true {
      if let found = Self.firstLineBreak(in: buffer, from: scan) {
        if buffer[found] == Self.cr && found + 1 == buffer.count && !atEOF {
          scan = found
          if discarding { start = scan }
          _ = try refill(keeping: &scan)
          continue
        }
        let crlf = buffer[found] == Self.cr && found + 1 < buffer.count && buffer[found + 1] == Self.lf
        return (found, found + (crlf ? 2 : 1))
      }
      scan = buffer.count
      if discarding { start = scan }
      if try refill(keeping: &scan) { continue }
      guard start < buffer.count else { return nil }
      return (buffer.count, buffer.count)
    }
  }

  /// The index of the first CR or LF at or after `from`.
  /// - Complexity: O(n).
  private static func firstLineBreak(in buffer: [UInt8], from: Int) -> Int? {
    buffer.withUnsafeBufferPointer { bytes -> Int? in
      var i = from
      while i < bytes.count {
        let byte = bytes[i]
        if byte == lf || byte == cr { return i }
        i += 1
      }
      return nil
    }
  }

  /// Drops consumed bytes and reads another chunk, keeping `index` pointing at the same byte.
  /// - Returns: `false` at the end of the input.
  private mutating func refill(keeping index: inout Int) throws -> Bool {
    guard !atEOF else { return false }
    if start > 0 {
      buffer.removeSubrange(0..<start)
      index -= start
      start = 0
    }
    if try source.read(upTo: chunkSize, into: &buffer) { return true }
    atEOF = true
    return false
  }

  private mutating func dropByteOrderMark() throws {
    checkedByteOrderMark = true
    guard skipsByteOrderMark else { return }
    var index = start
    while buffer.count - start < 3, try refill(keeping: &index) {}
    if buffer[start...].starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
  }
}
