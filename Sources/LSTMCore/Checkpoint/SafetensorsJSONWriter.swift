/// Compact JSON text for safetensors headers, byte-compatible with the Rust `safetensors` crate
/// (serde_json): no whitespace, `"` `\` and control characters escaped (short forms where JSON has
/// them, otherwise lower-case `\u00xx`), everything else — `/`, DEL, non-ASCII — written as is.
enum SafetensorsJSONWriter {
  /// `text` as a JSON string literal, quotes included.
  static func quoted(_ text: String) -> String {
    var result = "\""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{00}"..."\u{1F}":
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    result += "\""
    return result
  }

  /// `[3,24]` — an integer array without spaces.
  static func array(_ values: [Int]) -> String {
    "[" + values.map(String.init).joined(separator: ",") + "]"
  }
}
