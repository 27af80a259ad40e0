import ArgumentParser
import Foundation
import Reports

/// How results are written: `--format`, `-o`, `--color`, `--width`, `--top-k`.
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

  @Option(name: .long, help: "Colour: auto (only on a terminal without NO_COLOR), always (24-bit), 256, never.")
  var color: ColorChoice = .auto

  @Option(name: .long, help: "Wrap the heatmap at this many columns (default: the terminal's width, else 80).")
  var width: Int?

  @Option(name: .long, help: "List the N most supporting and N most opposing tokens under each heatmap.")
  var topK: Int = 0

  func validate() throws {
    if let width, width < 10 { throw ValidationError("--width must be at least 10 columns.") }
    if topK < 0 { throw ValidationError("--top-k cannot be negative.") }
  }

  /// The colour mode after `--color`, whether the destination is a terminal, and NO_COLOR.
  var colorMode: ColorMode {
    switch color {
    case .always: return .trueColor
    case .palette256: return .palette256
    case .never: return .none
    case .auto:
      let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
      return output == nil && isatty(STDOUT_FILENO) == 1 && !noColor ? .trueColor : .none
    }
  }

  /// `--format json` is always exactly one JSON object (the contract's shape); several texts take `jsonl`.
  static func checkOneObject(_ format: Format, texts: Int) throws {
    guard format == .json, texts > 1 else { return }
    throw ValidationError("--format json writes one object, for one text; \(texts) texts were given: use --format jsonl (one object per line).")
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
