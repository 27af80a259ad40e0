/// Makes user text safe to place in an HTML page, so that `<script>`, `" onmouseover=` or `</textarea>` in a
/// text, label, model name or file name shows up as literal text and never becomes markup.
///
/// Rules (one place, used by every part of `HTMLRenderer`):
/// - `&`, `<`, `>` become character references everywhere; in attribute values `"` and `'` do too.
/// - Line feeds, carriage returns and tabs are kept in `.preserved` layout (the page shows them with
///   `white-space: pre-wrap`) and become one space each in `.singleLine` layout.
/// - Other C0 controls U+0000–U+001F become their Control Picture (U+2400 + code, e.g. `␛` for ESC), DEL
///   becomes `␡`; they are invisible or invalid in HTML otherwise.
/// - C1 controls U+0080–U+009F, the line and paragraph separators U+2028/U+2029 and the bidirectional
///   embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069 become visible `\u{…}` text,
///   as in `TerminalSanitizer`, so a text cannot silently reorder what the page shows.
///
/// Everything else (CJK, emoji, combining marks) passes through unchanged.
public enum HTMLEscaping {
  /// How line breaks and tabs are written.
  public enum Layout: Sendable, Equatable {
    /// Kept as they are, for the original text with its spacing and line breaks.
    case preserved
    /// One space each, for one-line places: summaries, table cells, tooltips.
    case singleLine
  }

  /// `value` escaped for element content.
  /// - Complexity: O(n) in the length of `value`.
  public static func text(_ value: String, layout: Layout = .singleLine) -> String {
    var output = ""
    appendText(value, layout: layout, to: &output)
    return output
  }

  /// `value` escaped for a double-quoted attribute value (always one line).
  /// - Complexity: O(n) in the length of `value`.
  public static func attribute(_ value: String) -> String {
    var output = ""
    appendAttribute(value, to: &output)
    return output
  }

  /// Appends `value` escaped for element content.
  public static func appendText(_ value: String, layout: Layout = .singleLine, to output: inout String) {
    if isPlain(value, attribute: false, layout: layout) {
      output += value
    } else {
      append(value.unicodeScalars, attribute: false, layout: layout, to: &output)
    }
  }

  /// Appends scalars (a slice of a text) escaped for element content.
  public static func appendText(_ scalars: some Sequence<Unicode.Scalar>, layout: Layout, to output: inout String) {
    append(scalars, attribute: false, layout: layout, to: &output)
  }

  /// Appends `value` escaped for a double-quoted attribute value.
  public static func appendAttribute(_ value: String, to output: inout String) {
    if isPlain(value, attribute: true, layout: .singleLine) {
      output += value
    } else {
      append(value.unicodeScalars, attribute: true, layout: .singleLine, to: &output)
    }
  }

  /// JSON text made safe inside `<script type="application/json">`: every `<` becomes `\u003c`, so neither
  /// `</script>` nor `<!--` in a string can end or change the script element. `<` never occurs in JSON outside
  /// strings, so the result is the same JSON value.
  public static func scriptJSON(_ json: String) -> String {
    guard json.utf8.contains(UInt8(ascii: "<")) else { return json }
    var output = ""
    output.reserveCapacity(json.utf8.count + 64)
    for scalar in json.unicodeScalars {
      if scalar == "<" {
        output += "\\u003c"
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  // MARK: - Scalars

  /// What one scalar becomes.
  private enum Replacement {
    case keep
    case text(String)
    case scalar(Unicode.Scalar)
  }

  /// A quick byte scan: true when no scalar of `value` needs escaping (most tokens).
  private static func isPlain(_ value: String, attribute: Bool, layout: Layout) -> Bool {
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x7F:
        return false
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if attribute { return false }
      case 0x0A, 0x0D, 0x09:
        if layout == .singleLine { return false }
      case 0x00..<0x20:
        return false
      case 0xC2, 0xE2:  // lead bytes of the C1 controls and of U+2028…U+2069: check them one by one
        return false
      default:
        continue
      }
    }
    return true
  }

  private static func append(_ scalars: some Sequence<Unicode.Scalar>, attribute: Bool, layout: Layout,
                             to output: inout String) {
    for scalar in scalars {
      switch replacement(for: scalar, attribute: attribute, layout: layout) {
      case .keep: output.unicodeScalars.append(scalar)
      case .text(let text): output += text
      case .scalar(let other): output.unicodeScalars.append(other)
      }
    }
  }

  private static func replacement(for scalar: Unicode.Scalar, attribute: Bool, layout: Layout) -> Replacement {
    switch scalar.value {
    case 0x26: return .text("&amp;")
    case 0x3C: return .text("&lt;")
    case 0x3E: return .text("&gt;")
    case 0x22: return attribute ? .text("&quot;") : .keep
    case 0x27: return attribute ? .text("&#39;") : .keep
    case 0x09, 0x0A, 0x0D: return layout == .preserved && !attribute ? .keep : .text(" ")
    case 0x00..<0x20: return Unicode.Scalar(0x2400 + scalar.value).map(Replacement.scalar) ?? .text(" ")
    case 0x7F: return .text("\u{2421}")
    case 0x80...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
      return .text("\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}")
    default: return .keep
    }
  }
}
