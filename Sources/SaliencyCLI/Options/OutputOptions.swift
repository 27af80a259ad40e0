import ArgumentParser
import Foundation
import Reports

/// How results are written: `--format`, `-o`, `--color`, `--width`, `--top-k`, `--scale`, `--theme`.
struct OutputOptions: ParsableArguments {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case ansi, json, jsonl
    /// A self-contained HTML page (`explain` only).
    case html
    /// One row per text, method and token (`explain` only).
    case csv
  }

  enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
    /// 256-colour palette.
    case palette256 = "256"
  }

  @Option(name: .long, help: "ansi (terminal heatmap), json, jsonl (one object per line), html (a self-contained page), or csv (a row per token and method).")
  var format: Format = .ansi

  @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "path"))
  var output: String?

  /// What a heatmap's colours are scaled to (`--scale`).
  enum ScaleChoice: String, ExpressibleByArgument, CaseIterable {
    /// A fixed saturation per method and measure (±0.5 probability, ±2 logit, ±0.5·‖h_n‖, …).
    case absolute
    /// Each text and method by its own largest |score|.
    case text
  }

  /// The terminal background colours are mixed from (`--theme`).
  enum ThemeChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, dark, light
  }

  @Option(name: .long, help: "Colour: auto (only on a terminal without NO_COLOR and whose TERM is not dumb), always (24-bit), 256, never.")
  var color: ColorChoice = .auto

  @Option(name: .long, help: "Wrap the heatmap at this many columns (default: the terminal's width, else 80).")
  var width: Int?

  @Option(name: .long, help: "List the N most supporting and N most opposing tokens under each heatmap, each with its position (#3 = the third token).")
  var topK: Int = 0

  @Option(name: .long, help: "Colour scale: absolute (the colour saturates at a fixed score per method and measure, e.g. ±0.5 probability, ±2 logit, so weak maps look weak; methods without an absolute unit fall back to text) or text (each text and method by its own largest |score|).")
  var scale: ScaleChoice = .absolute

  @Option(name: .long, help: "Terminal background the colours are mixed from: auto (COLORFGBG if set, else dark), dark, light.")
  var theme: ThemeChoice = .auto

  func validate() throws {
    if let width, width < 10 { throw ValidationError("--width must be at least 10 columns.") }
    if topK < 0 { throw ValidationError("--top-k cannot be negative.") }
  }

  /// The colour mode after `--color`, whether the destination is a terminal, NO_COLOR and TERM.
  var colorMode: ColorMode {
    Self.colorMode(color, toTerminal: output == nil && isatty(STDOUT_FILENO) == 1,
                   environment: ProcessInfo.processInfo.environment)
  }

  /// The colour mode of a `--color` choice: an explicit choice always wins; `auto` colours only a terminal
  /// whose environment has no non-empty `NO_COLOR` and whose `TERM` is not `dumb` (a terminal that
  /// understands no escape sequences, e.g. Emacs' shell buffer).
  static func colorMode(_ choice: ColorChoice, toTerminal: Bool, environment: [String: String]) -> ColorMode {
    switch choice {
    case .always: return .trueColor
    case .palette256: return .palette256
    case .never: return .none
    case .auto:
      let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
      let dumb = environment["TERM"] == "dumb"
      return toTerminal && !noColor && !dumb ? .trueColor : .none
    }
  }

  /// `--format json` is always exactly one JSON object (the contract's shape); several texts take `jsonl`.
  static func checkOneObject(_ format: Format, texts: Int) throws {
    guard format == .json, texts > 1 else { return }
    throw ValidationError("--format json writes one object, for one text; \(texts) texts were given: use --format jsonl (one object per line).")
  }

  /// The normalisation of `--scale`.
  var normalization: Normalization {
    switch scale {
    case .absolute: return .absolute
    case .text: return .perText
    }
  }

  /// The report scale of `--scale` for `--format html`.
  var reportScale: HTMLReportDocument.Scale {
    switch scale {
    case .absolute: return .absolute
    case .text: return .text
    }
  }

  /// The terminal theme of `--theme`: `auto` reads COLORFGBG and assumes dark without it.
  var terminalTheme: TerminalTheme {
    switch theme {
    case .dark: return .dark
    case .light: return .light
    case .auto: return TerminalTheme.fromCOLORFGBG(ProcessInfo.processInfo.environment["COLORFGBG"]) ?? .dark
    }
  }

  /// The terminal renderer these options describe.
  var ansiRenderer: ANSIRenderer {
    ANSIRenderer(colorMode: colorMode, width: columns, topK: topK, normalization: normalization, theme: terminalTheme)
  }

  /// Columns to wrap at.
  var columns: Int {
    if let width { return width }
    if output == nil, isatty(STDOUT_FILENO) == 1 {
      var size = winsize()
      if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 10 { return Int(size.ws_col) }
    }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 10 { return columns }
    return 80
  }
}
