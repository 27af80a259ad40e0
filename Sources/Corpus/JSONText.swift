/// Writing JSON string literals by hand, so that metadata is byte-for-byte reproducible.
enum JSONText {
  /// Appends `value` as a JSON string literal: quotes, backslashes and control characters escaped,
  /// everything else (including non-ASCII) written as is.
  /// - Complexity: O(n) in the length of `value`.
  static func appendString(_ value: String, to json: inout String) {
    json.append("\"")
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": json.append("\\\"")
      case "\\": json.append("\\\\")
      case "\n": json.append("\\n")
      case "\r": json.append("\\r")
      case "\t": json.append("\\t")
      case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
        let hex = String(scalar.value, radix: 16, uppercase: false)
        json.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
      default: json.unicodeScalars.append(scalar)
      }
    }
    json.append("\"")
  }
}
