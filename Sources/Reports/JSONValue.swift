/// A JSON value with ordered object keys, serialised deterministically (the contract fixes key order).
public indirect enum JSONValue: Sendable, Equatable {
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

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

  /// Compact JSON on one line (safe for JSONL: strings escape every control character, U+2028 and U+2029).
  public func serialized() -> String {
    var output = ""
    write(into: &output, indent: nil, level: 0)
    return output
  }

  /// Indented JSON (two spaces); arrays of scalars and nested objects of scalars stay on one line.
  public func prettyPrinted() -> String {
    var output = ""
    write(into: &output, indent: "  ", level: 0)
    return output
  }

  private func write(into output: inout String, indent: String?, level: Int) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .int(let value): output += String(value)
    case .float(let value): output += value.isFinite ? value.description : "null"
    case .double(let value): output += value.isFinite ? value.description : "null"
    case .string(let value): Self.writeString(value, into: &output)
    case .array(let values):
      let flat = indent == nil || values.allSatisfy(\.isScalar)
      output += "["
      for (index, value) in values.enumerated() {
        if index > 0 { output += flat && indent != nil ? ", " : "," }
        if !flat, let indent { output += "\n" + String(repeating: indent, count: level + 1) }
        value.write(into: &output, indent: indent, level: level + 1)
      }
      if !flat, let indent, !values.isEmpty { output += "\n" + String(repeating: indent, count: level) }
      output += "]"
    case .object(let members):
      let flat = indent != nil && level > 0 && members.allSatisfy { $0.1.isScalar }
      let memberIndent = flat ? nil : indent
      output += "{"
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { output += flat ? ", " : "," }
        if let indent = memberIndent { output += "\n" + String(repeating: indent, count: level + 1) }
        Self.writeString(key, into: &output)
        output += indent == nil ? ":" : ": "
        value.write(into: &output, indent: indent, level: level + 1)
      }
      if let indent = memberIndent, !members.isEmpty { output += "\n" + String(repeating: indent, count: level) }
      output += "}"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  private static func writeString(_ value: String, into output: inout String) {
    output += "\""
    // Fast path: no byte that could start an escaped scalar (controls, quote, backslash, DEL, the C2 lead byte
    // of U+0080…U+009F, the E2 lead byte of U+2028/U+2029). Most tokens and labels take it.
    if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) {
      output += value
      output += "\""
      return
    }
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\u{2028}", "\u{2029}": output += "\\u" + hex4(scalar.value)
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          output += "\\u" + hex4(scalar.value)
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }

  private static func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: false)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
