/// Error messages are one line on stderr: a path or a text quoted in them must not break the line or drive the
/// terminal.
package enum OneLineMessage {
  /// Replaces C0/C1 control characters and DEL by `\u{XX}`.
  package static func escapingControlCharacters(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if scalar.properties.generalCategory == .control {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
