/// JSON string literals (RFC 8259), written one way by every writer (contract JSON, model metadata, safetensors
/// headers), so the same text always gives the same bytes.
///
/// Escaped: `"` and `\`; `\n`, `\r`, `\t` by their short forms; every other C0 control, DEL, the C1 controls
/// U+0080…U+009F and the line and paragraph separators U+2028/U+2029 as lower-case `\u00xx`/`\u2028` (so no
/// control character reaches a terminal that shows the file, and the text is also a valid JavaScript literal).
/// Everything else, non-ASCII included, is written as is: the output is valid UTF-8 because a `String` is.
package enum JSONString {
  /// Appends `value` as a JSON string literal, quotes included, as UTF-8.
  /// - Complexity: O(n) in the UTF-8 length of `value`; one copy when nothing needs escaping.
  package static func append(_ value: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    // Fast path: no byte that could start an escaped scalar (controls, quote, backslash, DEL, the C2 lead byte
    // of U+0080…U+009F, the E2 lead byte of U+2028/U+2029). Most tokens and labels take it.
    var value = value
    let plain = value.withUTF8 { bytes in
      for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
        return false
      }
      output.append(contentsOf: bytes)
      return true
    }
    if !plain {
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": output += "\\\"".utf8
        case "\\": output += "\\\\".utf8
        case "\n": output += "\\n".utf8
        case "\r": output += "\\r".utf8
        case "\t": output += "\\t".utf8
        case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}": output += ("\\u" + hex4(scalar.value)).utf8
        default: output += String(scalar).utf8
        }
      }
    }
    output.append(UInt8(ascii: "\""))
  }

  /// `value` as a JSON string literal, quotes included.
  package static func quoted(_ value: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(value.utf8.count + 2)
    append(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: false)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
