/// The validated layout of a safetensors buffer: where each tensor's bytes are and how to read them.
///
/// Buffer format:
/// ```
/// ┌──────────────┬───────────────────────────┬──────────────────────────────┐
/// │ N: UInt64 LE │ N bytes: UTF-8 JSON header │ data buffer (the rest)       │
/// └──────────────┴───────────────────────────┴──────────────────────────────┘
/// header = {"<name>": {"dtype": "F32", "shape": [d0, …], "data_offsets": [begin, end]}, …,
///           "__metadata__": {"<key>": "<string>", …}}          (the metadata entry is optional)
/// ```
/// Offsets are relative to the start of the data buffer. Parsing checks everything except the values
/// themselves: lengths, UTF-8, JSON syntax, entry fields, dtypes, shapes (non-negative integers, no
/// overflow), offsets (integers, inside the buffer, matching shape × dtype size, not overlapping), metadata
/// (strings only), and duplicate names. Gaps between tensors are tolerated.
struct SafetensorsHeader {
  /// One tensor's description.
  struct Entry {
    var name: String
    var dtype: SafetensorsDType
    var shape: [Int]
    /// Number of elements: the product of `shape` (1 for a scalar).
    var elementCount: Int
    /// Byte range within the data buffer.
    var range: Range<Int>
  }

  /// The reserved header key holding string metadata.
  static let metadataKey = "__metadata__"

  /// Tensors in data-buffer order (by begin offset; empty tensors and ties by name).
  var entries: [Entry]
  /// `__metadata__`, or empty when absent.
  var metadata: [String: String]
  /// Offset of the data buffer from the start of the whole buffer: 8 + N.
  var dataStart: Int

  /// Parses and validates the header of `bytes`.
  ///
  /// - Parameters:
  ///   - bytes: the whole safetensors buffer.
  ///   - source: file path or buffer name, quoted in errors.
  ///   - maximumHeaderLength: larger length prefixes are rejected as corrupt.
  /// - Throws: ``CheckpointError``.
  /// - Complexity: O(N + t log t) for a header of N bytes describing t tensors.
  static func parse(_ bytes: UnsafeRawBufferPointer, source: String, maximumHeaderLength: Int) throws -> SafetensorsHeader {
    let prefixSize = MemoryLayout<UInt64>.size
    guard bytes.count >= prefixSize else { throw CheckpointError.tooShort(source: source, size: bytes.count) }

    let declared = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
    guard declared <= UInt64(maximumHeaderLength) else {
      throw CheckpointError.headerTooLarge(source: source, headerLength: declared, limit: maximumHeaderLength)
    }
    let available = bytes.count - prefixSize
    guard declared <= UInt64(available) else {
      throw CheckpointError.headerLengthExceedsFile(source: source, headerLength: declared, available: available)
    }
    let headerLength = Int(declared)
    let dataStart = prefixSize + headerLength
    let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[prefixSize..<dataStart])

    guard String(validating: headerBytes, as: UTF8.self) != nil else {
      throw CheckpointError.headerNotUTF8(source: source)
    }
    let json: SafetensorsJSON
    do {
      json = try SafetensorsJSONParser.parse(headerBytes)
    } catch {
      throw CheckpointError.headerNotJSON(source: source, detail: error.description + " of the header")
    }
    guard case .object(let members) = json else {
      throw CheckpointError.headerNotObject(source: source, found: json.kindName)
    }

    let bufferSize = bytes.count - dataStart
    var entries: [Entry] = []
    entries.reserveCapacity(members.count)
    var seen = Set<String>()
    var metadata: [String: String]?
    for member in members {
      if member.key == metadataKey {
        guard metadata == nil else {
          throw CheckpointError.invalidMetadata(source: source, detail: "\(metadataKey) occurs more than once")
        }
        metadata = try parseMetadata(member.value, source: source)
        continue
      }
      guard seen.insert(member.key).inserted else {
        throw CheckpointError.duplicateTensor(source: source, name: member.key)
      }
      entries.append(try parseEntry(name: member.key, member.value, bufferSize: bufferSize, source: source))
    }

    entries.sort { lhs, rhs in
      if lhs.range.lowerBound != rhs.range.lowerBound { return lhs.range.lowerBound < rhs.range.lowerBound }
      if lhs.range.upperBound != rhs.range.upperBound { return lhs.range.upperBound < rhs.range.upperBound }
      return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
    }
    var previous: Entry?
    for entry in entries where !entry.range.isEmpty {
      if let previous, entry.range.lowerBound < previous.range.upperBound {
        throw CheckpointError.offsetsOverlap(source: source, first: previous.name, second: entry.name)
      }
      previous = entry
    }
    return SafetensorsHeader(entries: entries, metadata: metadata ?? [:], dataStart: dataStart)
  }

  /// `__metadata__` must be an object whose values are all strings, each key once.
  private static func parseMetadata(_ value: SafetensorsJSON, source: String) throws -> [String: String] {
    guard case .object(let members) = value else {
      throw CheckpointError.invalidMetadata(source: source, detail: "\(metadataKey) is a JSON \(value.kindName), expected an object")
    }
    var metadata: [String: String] = [:]
    for member in members {
      guard case .string(let text) = member.value else {
        throw CheckpointError.invalidMetadata(
          source: source,
          detail: "\(metadataKey) value for key '\(member.key)' is a JSON \(member.value.kindName) (\(member.value.excerpt())), expected a string")
      }
      guard metadata.updateValue(text, forKey: member.key) == nil else {
        throw CheckpointError.invalidMetadata(source: source, detail: "\(metadataKey) key '\(member.key)' occurs more than once")
      }
    }
    return metadata
  }

  /// Validates one `{"dtype", "shape", "data_offsets"}` entry. Unknown extra fields are ignored.
  private static func parseEntry(name: String, _ value: SafetensorsJSON, bufferSize: Int, source: String) throws -> Entry {
    func invalid(_ detail: String) -> CheckpointError {
      .invalidTensorEntry(source: source, tensor: name, detail: detail)
    }
    guard case .object(let members) = value else {
      throw invalid("entry is a JSON \(value.kindName), expected an object with dtype, shape and data_offsets")
    }
    var fields: [String: SafetensorsJSON] = [:]
    for member in members where ["dtype", "shape", "data_offsets"].contains(member.key) {
      guard fields.updateValue(member.value, forKey: member.key) == nil else {
        throw invalid("field '\(member.key)' occurs more than once")
      }
    }

    // dtype
    guard let dtypeValue = fields["dtype"] else { throw invalid("missing field 'dtype'") }
    guard case .string(let dtypeName) = dtypeValue else {
      throw invalid("dtype is a JSON \(dtypeValue.kindName) (\(dtypeValue.excerpt())), expected a string such as \"F32\"")
    }
    guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
      throw CheckpointError.unsupportedDType(source: source, tensor: name, dtype: dtypeName)
    }

    // shape
    guard let shapeValue = fields["shape"] else { throw invalid("missing field 'shape'") }
    guard case .array(let dimensions) = shapeValue else {
      throw invalid("shape is a JSON \(shapeValue.kindName) (\(shapeValue.excerpt())), expected an array of non-negative integers")
    }
    var shape: [Int] = []
    shape.reserveCapacity(dimensions.count)
    var elementCount = 1
    for (axis, dimension) in dimensions.enumerated() {
      guard let size = dimension.integerLiteral, size >= 0 else {
        throw invalid("shape[\(axis)] is \(dimension.excerpt()), expected a non-negative integer")
      }
      let (product, overflow) = elementCount.multipliedReportingOverflow(by: size)
      guard !overflow else { throw invalid("shape \(shapeValue.excerpt()) has too many elements") }
      elementCount = product
      shape.append(size)
    }
    let (expectedBytes, overflow) = elementCount.multipliedReportingOverflow(by: dtype.byteSize)
    guard !overflow else { throw invalid("shape \(shapeValue.excerpt()) has too many elements") }

    // data_offsets
    guard let offsetsValue = fields["data_offsets"] else { throw invalid("missing field 'data_offsets'") }
    guard case .array(let offsets) = offsetsValue, offsets.count == 2 else {
      throw invalid("data_offsets is \(offsetsValue.excerpt()), expected [begin, end]")
    }
    guard let begin = offsets[0].integerLiteral, begin >= 0, let end = offsets[1].integerLiteral, end >= 0 else {
      throw invalid("data_offsets \(offsetsValue.excerpt()) must be two non-negative integers")
    }
    guard begin <= end else {
      throw invalid("data_offsets [\(begin), \(end)] end before they begin")
    }
    guard end <= bufferSize else {
      throw CheckpointError.offsetsOutOfRange(source: source, tensor: name, begin: begin, end: end, bufferSize: bufferSize)
    }
    guard end - begin == expectedBytes else {
      throw CheckpointError.sizeMismatch(
        source: source, tensor: name, dtype: dtype.rawValue, shape: shape,
        expectedBytes: expectedBytes, actualBytes: end - begin)
    }
    return Entry(name: name, dtype: dtype, shape: shape, elementCount: elementCount, range: begin..<end)
  }
}
