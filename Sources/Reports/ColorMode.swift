/// How the terminal renderer colours tokens. The command line maps `--color` and `NO_COLOR` onto it; the
/// renderer itself never looks at the environment.
public enum ColorMode: String, Sendable, CaseIterable {
  /// 24-bit colour: `ESC[48;2;R;G;Bm` backgrounds and `ESC[38;2;R;G;Bm` foregrounds (`--color always`).
  case trueColor = "truecolor"
  /// The xterm 256-colour palette: `ESC[48;5;Nm` with N the nearest cube or grey entry (`--color 256`).
  case palette256 = "256"
  /// No escape sequences at all; each token is printed as `token[+0.12]` (`--color never`).
  case none

  /// True when the mode emits escape sequences.
  public var usesColor: Bool { self != .none }
}
