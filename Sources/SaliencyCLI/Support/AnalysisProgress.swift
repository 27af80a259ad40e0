import Foundation

/// The progress of `analyze` on stderr: rows done, rate, and (for a file, once its lines are counted) a bar and
/// the time left, estimated from the line reached; redrawn on a terminal, a line every five seconds otherwise.
final class AnalysisProgress {
  private let interactive = isatty(STDERR_FILENO) == 1
  private let start = Date()
  private var lastDraw = Date.distantPast
  /// Redraws at most this often on a terminal.
  private static let interval = 0.2
  /// Seconds between lines when stderr is not a terminal.
  private static let logInterval = 5.0

  /// - Parameters: `rows` done so far; `line` of the last record read; `totalLines` of the file, if known.
  func update(rows: Int, line: Int, totalLines: Int?) {
    let now = Date()
    guard now.timeIntervalSince(lastDraw) >= (interactive ? Self.interval : Self.logInterval),
          interactive || now.timeIntervalSince(start) >= Self.logInterval else { return }
    lastDraw = now
    let elapsed = max(now.timeIntervalSince(start), 1e-3)
    var text = "\r\u{1B}[2Kanalysed \(rows) rows  \(Int(Double(rows) / elapsed)) rows/s"
    if let totalLines, totalLines > 0 {
      let fraction = min(1, Double(line) / Double(totalLines))
      let width = 24, filled = Int(Double(width) * fraction)
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      text += "  \(bar) \(Int(100 * fraction))%"
      if fraction > 0 { text += "  ETA \(clock(elapsed * (1 - fraction) / fraction))" }
    }
    Diagnostics.write(interactive ? text : "saliency: analyze: " + text.dropFirst("\r\u{1B}[2K".count) + "\n")
  }

  /// Clears the bar.
  func finish() {
    if interactive { Diagnostics.write("\r\u{1B}[2K") }
  }

  var seconds: Double { Date().timeIntervalSince(start) }

  private func clock(_ seconds: Double) -> String {
    let total = Int(max(0, seconds.isFinite ? seconds : 0))
    return "\(total / 60):" + (total % 60 < 10 ? "0" : "") + "\(total % 60)"
  }
}
