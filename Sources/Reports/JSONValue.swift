import SystemSupport

/// A JSON value with ordered object keys, serialised deterministically (the contract fixes key order).
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// Written with the shortest digits that read back to the same Float32; NaN and ±∞ become null.
  case float(Float)
  /// Written with the shortest digits that read back to the same Double; NaN and ±∞ become null.
  case double(Double)
  case int(Int)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])
  /// JSON text (one complete value, compact) written as is by both forms: for hot paths that write a large
  /// uniform array straight to bytes instead of building a value per element. See `JSONBytes`.
  case verbatim([UInt8])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

  /// Compact JSON on one line (safe for JSONL: strings escape every control character, U+2028 and U+2029).
  public func serialized() -> String {
    var output: [UInt8] = []
    output.reserveCapacity(1024)
    writeCompact(into: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends the compact JSON (as `serialized()` writes it) to UTF-8 bytes, without a String in between.
  public func serialize(appendingTo output: inout [UInt8]) {
    writeCompact(into: &output)
  }

  /// The compact form on its own path, with single-byte punctuation: `analyze` writes some 600 values per
  /// example line, and the indented writer's per-value work (separator strings, layout tests) was most of
  /// the line's cost.
  private func writeCompact(into output: inout [UInt8]) {
    switch self {
    case .array(let values):
      output.append(UInt8(ascii: "["))
      for index in values.indices {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        values[index].writeCompact(into: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      output.append(UInt8(ascii: "{"))
      for index in members.indices {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        JSONString.append(members[index].0, to: &output)
        output.append(UInt8(ascii: ":"))
        members[index].1.writeCompact(into: &output)
      }
      output.append(UInt8(ascii: "}"))
    default:
      writeScalar(into: &output)
    }
  }

  /// A scalar as both forms write it.
  private func writeScalar(into output: inout [UInt8]) {
    switch self {
    case .null: Self.writeBytes(of: "null", into: &output)
    case .bool(let value): Self.writeBytes(of: value ? "true" : "false", into: &output)
    case .int(let value): Self.writeInteger(value, into: &output)
    case .float(let value): Self.writeBytes(of: value.isFinite ? value.description : "null", into: &output)
    case .double(let value): Self.writeBytes(of: value.isFinite ? value.description : "null", into: &output)
    case .string(let value): JSONString.append(value, to: &output)
    case .verbatim(let bytes): output.append(contentsOf: bytes)
    case .array, .object: preconditionFailure("writeScalar takes scalars only")
    }
  }

  /// Indented JSON (two spaces); arrays of scalars and nested objects of scalars stay on one line.
  public func prettyPrinted() -> String {
    var output: [UInt8] = []
    writeIndented(into: &output, indent: "  ", level: 0)
    return String(decoding: output, as: UTF8.self)
  }

  /// The indented form: arrays of scalars, and nested objects of scalars, on one line with ", " between items.
  private func writeIndented(into output: inout [UInt8], indent: String, level: Int) {
    switch self {
    case .array(let values):
      let flat = values.allSatisfy(\.isScalar)
      output.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { Self.writeBytes(of: flat ? ", " : ",", into: &output) }
        if !flat { Self.writeNewline(indent: indent, count: level + 1, into: &output) }
        value.writeIndented(into: &output, indent: indent, level: level + 1)
      }
      if !flat, !values.isEmpty { Self.writeNewline(indent: indent, count: level, into: &output) }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      let flat = level > 0 && members.allSatisfy { $0.1.isScalar }
      output.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { Self.writeBytes(of: flat ? ", " : ",", into: &output) }
        if !flat { Self.writeNewline(indent: indent, count: level + 1, into: &output) }
        JSONString.append(key, to: &output)
        Self.writeBytes(of: ": ", into: &output)
        value.writeIndented(into: &output, indent: indent, level: level + 1)
      }
      if !flat, !members.isEmpty { Self.writeNewline(indent: indent, count: level, into: &output) }
      output.append(UInt8(ascii: "}"))
    default:
      writeScalar(into: &output)
    }
  }

  private static func writeNewline(indent: String, count: Int, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\n"))
    for _ in 0..<count { writeBytes(of: indent, into: &output) }
  }

  /// Decimal digits of `value`, as `String(value)` writes them.
  static func writeInteger(_ value: Int, into output: inout [UInt8]) {
    if value < 0 { output.append(UInt8(ascii: "-")) }
    // 20 digits hold any magnitude of a 64-bit Int; they are produced last digit first.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var magnitude = value.magnitude, start = 20
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
    }
  }

  /// The UTF-8 bytes of `text`, copied in one piece.
  static func writeBytes(of text: String, into output: inout [UInt8]) {
    var text = text
    text.withUTF8 { output.append(contentsOf: $0) }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object, .verbatim: return false
    default: return true
    }
  }
}
