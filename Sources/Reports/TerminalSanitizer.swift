/// Makes user-provided text safe to write to a terminal: no control character or escape sequence in a
/// token, label, model name or note can reach the terminal and change colours, move the cursor, set the
/// window title, or reorder what is shown.
///
/// Replacements, each visible and unambiguous:
/// - C0 controls U+0000–U+001F (ESC, CR, LF, TAB, BEL, …) → the Unicode Control Picture U+2400 + code
///   (`␛` for ESC, `␍` for CR, `␊` for LF, `␉` for TAB).
/// - DEL U+007F → `␡` (U+2421).
/// - C1 controls U+0080–U+009F (including the 8-bit CSI U+009B) → the escape text `\u{9B}`.
/// - Line and paragraph separators U+2028/U+2029 and the bidirectional embedding, override and isolate
///   controls U+202A–U+202E, U+2066–U+2069 → `\u{…}` text, since they break lines or silently reorder the
///   displayed tokens (the "Trojan Source" trick).
///
/// Everything else, including combining marks and emoji, passes through unchanged.
public enum TerminalSanitizer {
  /// What to do with one scalar.
  private enum Disposition {
    case keep
    case picture(Unicode.Scalar)
    case escaped
  }

  /// The text with every unsafe scalar replaced (see the type's rules).
  /// - Complexity: O(n) in the number of scalars.
  public static func sanitize(_ text: String) -> String {
    // Fast path: most tokens are safe.
    if text.unicodeScalars.allSatisfy({ if case .keep = disposition(of: $0) { true } else { false } }) {
      return text
    }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch disposition(of: scalar) {
      case .keep:
        result.append(scalar)
      case .picture(let picture):
        result.append(picture)
      case .escaped:
        result.append(contentsOf: escapeText(for: scalar).unicodeScalars)
      }
    }
    return String(result)
  }

  /// Text of several lines made safe line by line: the line feeds between lines are kept, everything else
  /// is as ``sanitize(_:)`` makes it (a carriage return, for one, cannot overwrite a line).
  public static func sanitizeLines(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitize(String($0)) }.joined(separator: "\n")
  }

  /// True when `sanitize` would return the text unchanged.
  public static func isSafe(_ text: String) -> Bool {
    sanitize(text) == text
  }

  private static func disposition(of scalar: Unicode.Scalar) -> Disposition {
    let value = scalar.value
    switch value {
    case 0x00...0x1F:
      return Unicode.Scalar(0x2400 + value).map(Disposition.picture) ?? .escaped
    case 0x7F:
      return Unicode.Scalar(0x2421 as UInt32).map(Disposition.picture) ?? .escaped
    case 0x80...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
      return .escaped
    default:
      return .keep
    }
  }

  /// `\u{9B}`: upper-case hexadecimal, at least two digits, as Swift writes scalar escapes.
  private static func escapeText(for scalar: Unicode.Scalar) -> String {
    var hex = String(scalar.value, radix: 16, uppercase: true)
    if hex.count < 2 { hex = "0" + hex }
    return "\\u{" + hex + "}"
  }
}
