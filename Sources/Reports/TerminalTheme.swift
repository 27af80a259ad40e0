/// The background the terminal renderer assumes, so that a token's colour strength follows |score| on it
/// (see `ColorScale.color(atPosition:signed:over:)`): a neutral token has no background at all on either
/// theme, and weak scores are faint tints of the terminal's own background rather than bright boxes.
///
/// A terminal cannot be asked its background portably; the command line takes `--theme`, else guesses from
/// `COLORFGBG`, else assumes dark (the default of most terminal emulators).
public enum TerminalTheme: String, Sendable, CaseIterable {
  /// A dark background (`ColorScale.darkBackground`).
  case dark
  /// A light background (white).
  case light

  /// The background colour tints are mixed from.
  public var background: RGB {
    switch self {
    case .dark: return ColorScale.darkBackground
    case .light: return ColorScale.lightBackground
    }
  }

  /// The theme `COLORFGBG` states (`"15;0"`: foreground 15 on background 0), set by rxvt, Konsole, iTerm2
  /// and others; nil when it is unset or malformed. Background colours 0–6 and 8 are dark, 7 and 9–15 light.
  public static func fromCOLORFGBG(_ value: String?) -> TerminalTheme? {
    guard let value, let last = value.split(separator: ";").last, let index = Int(last), (0...15).contains(index) else {
      return nil
    }
    return index == 7 || index >= 9 ? .light : .dark
  }
}
