import Foundation

/// Streams labelled or unlabelled texts out of a TSV, CSV, JSONL or plain-lines file.
///
/// The file is read in chunks (`CorpusReaderOptions.chunkSize`), so memory stays flat however many
/// records it has; records may span chunk boundaries. Call `next()` until it returns `nil`, or
/// `readAll()` for small inputs:
///
/// ```swift
/// let reader = try CorpusReader(path: "data/zh-reviews/train.tsv")
/// while let example = try reader.next() { … }
/// ```
///
/// By default the first malformed record throws a `CorpusError` naming the file and line. With
/// `skipBadRows`, malformed records are skipped and listed in `rejected` instead. Blank lines (empty or
/// spaces and tabs only) are skipped silently in every format; a record with an empty text is malformed.
///
/// TSV and CSV files start with a header row naming the columns; `columns` holds it.
public final class CorpusReader {
  /// The name used in messages: the path as given, or `<stdin>`.
  public let displayName: String
  /// The format being read.
  public let format: CorpusFormat
  /// The options the reader was created with.
  public let options: CorpusReaderOptions
  /// The header's column names (white space trimmed), for TSV and CSV; empty for other formats.
  public private(set) var columns: [String] = []
  /// The records skipped so far (with `skipBadRows`), in file order; see `drainRejected()`.
  public private(set) var rejected: [RejectedRow] = []
  /// How many records have been skipped so far, including any already drained.
  public private(set) var rejectedCount = 0

  /// The display name of standard input.
  public static let standardInputName = "<stdin>"

  private var scanner: RecordScanner
  private let ownedHandle: FileHandle?
  private var textIndex = 0
  private var labelIndex: Int?

  // MARK: Opening

  /// Opens a file, or standard input when `path` is `-`.
  /// - Parameter format: the format; `nil` detects it from the file name extension
  ///   (`CorpusFormat(pathExtension:)`), and standard input defaults to `.lines`.
  /// - Throws: `CorpusError` if the path is missing, a directory, unreadable, of an unsupported
  ///   format, or (TSV, CSV) its header lacks a needed column.
  public convenience init(path: String, format: CorpusFormat? = nil, options: CorpusReaderOptions = .init()) throws {
    if path == "-" {
      try self.init(
        fileHandle: .standardInput, displayName: Self.standardInputName, format: format ?? .lines, options: options)
    } else {
      try self.init(fileURL: URL(fileURLWithPath: path), displayName: path, format: format, options: options)
    }
  }

  /// Opens a file URL; messages name it by its relative path.
  /// - Throws: as `init(path:format:options:)`.
  public convenience init(url: URL, format: CorpusFormat? = nil, options: CorpusReaderOptions = .init()) throws {
    try self.init(fileURL: url, displayName: url.relativePath, format: format, options: options)
  }

  /// Reads from an open handle (standard input, a pipe) until its end; the handle is not closed.
  /// - Throws: `CorpusError` for a missing header or column (TSV, CSV), or required labels in `.lines`.
  public convenience init(
    fileHandle: FileHandle, displayName: String = CorpusReader.standardInputName,
    format: CorpusFormat = .lines, options: CorpusReaderOptions = .init()
  ) throws {
    try self.init(
      source: ByteSource(handle: fileHandle), ownedHandle: nil, displayName: displayName, format: format,
      options: options)
  }

  /// Reads bytes already in memory (for texts given on the command line, and for tests).
  /// - Throws: as `init(fileHandle:displayName:format:options:)`.
  public convenience init(
    data: Data, displayName: String, format: CorpusFormat, options: CorpusReaderOptions = .init()
  ) throws {
    try self.init(
      source: ByteSource(bytes: [UInt8](data)), ownedHandle: nil, displayName: displayName, format: format,
      options: options)
  }

  private convenience init(fileURL: URL, displayName: String, format: CorpusFormat?, options: CorpusReaderOptions) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: fileURL.path, isDirectory: &isDirectory) else {
      throw CorpusError.noSuchFile(path: displayName)
    }
    guard !isDirectory.boolValue else { throw CorpusError.isDirectory(path: displayName) }
    guard let format = format ?? CorpusFormat(pathExtension: fileURL.pathExtension) else {
      throw CorpusError.unsupportedFormat(path: displayName, pathExtension: fileURL.pathExtension)
    }
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: fileURL)
    } catch {
      let readable = FileManager.default.isReadableFile(atPath: fileURL.path)
      throw CorpusError.unreadable(path: displayName, reason: readable ? "cannot open it" : "permission denied")
    }
    try self.init(
      source: ByteSource(handle: handle), ownedHandle: handle, displayName: displayName, format: format,
      options: options)
  }

  private init(
    source: ByteSource, ownedHandle: FileHandle?, displayName: String, format: CorpusFormat,
    options: CorpusReaderOptions
  ) throws {
    self.displayName = displayName
    self.format = format
    self.options = options
    self.ownedHandle = ownedHandle
    self.scanner = RecordScanner(
      source: source, mode: format == .csv ? .csv : .lines, chunkSize: options.chunkSize,
      skipsByteOrderMark: options.encoding == .utf8, maxQuotedRecordBytes: options.maxQuotedRecordBytes,
      firstLine: 1 + options.lineOffset)
    if !format.hasLabels && options.labels == .required {
      throw CorpusError.noLabels(path: displayName, format: format)
    }
    if format.hasHeader { try readHeader() }
  }

  deinit {
    try? ownedHandle?.close()
  }

  // MARK: Reading

  /// The next record, or `nil` at the end of the input.
  /// - Throws: `CorpusError.badRow` for a malformed record (unless `skipBadRows`), `.unreadable` on an
  ///   I/O error.
  /// - Complexity: O(n) in the length of the records read (and skipped) on the way.
  public func next() throws -> LabelledText? {
    while let record = try nextRawRecord() {
      if let text = try makeText(from: record) { return text }
    }
    return nil
  }

  /// Every remaining record, in order.
  /// - Throws: as `next()`.
  /// - Complexity: O(n) time and memory in the size of the input.
  public func readAll() throws -> [LabelledText] {
    var texts: [LabelledText] = []
    while let text = try next() { texts.append(text) }
    return texts
  }

  /// Returns the rejected records gathered so far and forgets them (`rejectedCount` keeps counting), so
  /// that a long stream with many bad rows can hand them on without holding them all.
  public func drainRejected() -> [RejectedRow] {
    defer { rejected.removeAll() }
    return rejected
  }

  // MARK: Records

  private func nextRawRecord() throws -> RawRecord? {
    do {
      return try scanner.next()
    } catch {
      throw CorpusError.unreadable(path: displayName, reason: error.localizedDescription)
    }
  }

  private func readHeader() throws {
    while let record = try nextRawRecord() {
      let bytes = scanner.buffer[record.range]
      guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
      let fields: [String]
      switch decodeFields(of: record, bytes: bytes) {
      case .success(let decoded): fields = decoded
      case .failure(let failure):
        throw CorpusError.malformedHeader(path: displayName, line: failure.line, problem: failure.problem)
      }
      columns = fields.map(Self.trimmingWhitespace)
      guard let text = columns.firstIndex(of: options.textColumn) else {
        throw CorpusError.missingColumn(
          path: displayName, line: record.line, column: options.textColumn, role: .text, found: columns)
      }
      textIndex = text
      labelIndex = columns.firstIndex(of: options.labelColumn)
      if labelIndex == nil && options.labels == .required {
        throw CorpusError.missingColumn(
          path: displayName, line: record.line, column: options.labelColumn, role: .label, found: columns)
      }
      return
    }
    throw CorpusError.missingHeader(path: displayName, format: format)
  }

  /// Turns a raw record into a text, or `nil` if it is blank or was rejected.
  private func makeText(from record: RawRecord) throws -> LabelledText? {
    let bytes = scanner.buffer[record.range]
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }  // blank line
    switch format {
    case .lines: return try lineText(from: record, bytes: bytes)
    case .jsonl: return try jsonlText(from: record, bytes: bytes)
    case .tsv, .csv: return try tableText(from: record, bytes: bytes)
    }
  }

  private func lineText(from record: RawRecord, bytes: ArraySlice<UInt8>) throws -> LabelledText? {
    if let failure = encodingFailure(in: bytes, startingAt: record.line) {
      try reject(failure, bytes: bytes)
      return nil
    }
    let text = options.encoding.decodeReplacingInvalid(bytes)  // valid: checked above
    return Self.isBlank(text) ? nil : LabelledText(text: text, label: nil, line: record.line)
  }

  private func jsonlText(from record: RawRecord, bytes: ArraySlice<UInt8>) throws -> LabelledText? {
    if let failure = encodingFailure(in: bytes, startingAt: record.line) {
      try reject(failure, bytes: bytes)
      return nil
    }
    let json = options.encoding == .utf8 ? Data(bytes) : Data(options.encoding.decodeReplacingInvalid(bytes).utf8)
    switch JSONLRecord.decode(json, textKey: options.textColumn, labelKey: options.labelColumn, labels: options.labels) {
    case .success(let fields):
      return try validated(text: fields.text, label: fields.label, line: record.line, bytes: bytes)
    case .failure(let problem):
      try reject(RowFailure(line: record.line, problem: problem), bytes: bytes)
      return nil
    }
  }

  private func tableText(from record: RawRecord, bytes: ArraySlice<UInt8>) throws -> LabelledText? {
    switch decodeFields(of: record, bytes: bytes) {
    case .failure(let failure):
      try reject(failure, bytes: bytes)
      return nil
    case .success(let fields) where fields.count != columns.count:
      let problem = RowProblem.wrongColumnCount(expected: columns.count, found: fields.count, format: format)
      try reject(RowFailure(line: record.line, problem: problem), bytes: bytes)
      return nil
    case .success(let fields):
      let label = labelIndex.map { fields[$0] }
      return try validated(text: fields[textIndex], label: label, line: record.line, bytes: bytes)
    }
  }

  /// Checks the text and label of a well-formed record.
  private func validated(text: String, label: String?, line: Int, bytes: ArraySlice<UInt8>) throws -> LabelledText? {
    if Self.isBlank(text) {
      try reject(RowFailure(line: line, problem: .emptyText), bytes: bytes)
      return nil
    }
    let trimmed = label.map(Self.trimmingWhitespace)
    let label = trimmed?.isEmpty == false ? trimmed : nil
    if label == nil && options.labels == .required {
      try reject(RowFailure(line: line, problem: .emptyLabel), bytes: bytes)
      return nil
    }
    return LabelledText(text: text, label: label, line: line)
  }

  private func reject(_ failure: RowFailure, bytes: ArraySlice<UInt8>) throws {
    guard options.skipBadRows else {
      throw CorpusError.badRow(path: displayName, line: failure.line, problem: failure.problem)
    }
    let raw = options.encoding.decodeReplacingInvalid(bytes)
    rejected.append(RejectedRow(line: failure.line, problem: failure.problem, raw: raw))
    rejectedCount += 1
  }

  /// `text` without leading and trailing white space.
  /// - Complexity: O(n).
  static func trimmingWhitespace(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
    return String(scalars[first...last])
  }

  /// Whether a text has nothing a tokenizer would keep (white space, control and invisible characters only).
  static func isBlank(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { scalar in
      switch ScalarClass(scalar) {
      case .separator, .invisibleExtend, .joiner: return true
      default: return false
      }
    }
  }
}
