/// Escape sequences for the terminal renderer: a background colour, a readable foreground, and a reset.
///
/// Only these Select Graphic Rendition sequences are ever written; every user-provided string is passed
/// through `TerminalSanitizer` before it gets here.
enum ANSIStyle {
  /// The escape character that starts each Control Sequence Introducer.
  static let escape = "\u{1B}["
  /// `ESC[0m`: back to the terminal's default colours.
  static let reset = escape + "0m"
  /// 256-colour index of black in the fixed cube (indices 0…15 are theme-dependent).
  static let paletteBlack = 16
  /// 256-colour index of white in the fixed cube.
  static let paletteWhite = 231

  /// `text` on `background` with a readable black or white foreground, followed by a reset; `text`
  /// unchanged in `.none` mode or when there is no background.
  static func paint(_ text: String, background: RGB?, mode: ColorMode) -> String {
    guard let background, !text.isEmpty else { return text }
    switch mode {
    case .none:
      return text
    case .trueColor:
      let foreground = background.readableForeground
      return escape + "48;2;" + triple(background) + "m" + escape + "38;2;" + triple(foreground) + "m" + text + reset
    case .palette256:
      let index = XTerm256.nearestIndex(to: background)
      let shown = XTerm256.color(at: index) ?? background
      let foreground = shown.readableForeground == .black ? paletteBlack : paletteWhite
      return escape + "48;5;" + String(index) + "m" + escape + "38;5;" + String(foreground) + "m" + text + reset
    }
  }

  /// `R;G;B` in decimal.
  private static func triple(_ color: RGB) -> String {
    String(color.red) + ";" + String(color.green) + ";" + String(color.blue)
  }
}
