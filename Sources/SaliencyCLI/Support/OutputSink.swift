import Foundation
import Reports
import SystemSupport

/// Where a command's result goes: standard output, or a file written atomically once the result is complete.
struct OutputSink {
  let path: String?

  func write(_ text: String) throws {
    if let path {
      try AtomicFile.write(text, to: URL(fileURLWithPath: path))
    } else {
      try StandardOutput.write(text)
    }
  }
}

/// Plain text for people on standard output (summaries, model cards, probability lines), each line made safe
/// for the terminal: labels, file names and texts in it come from users, corpora and model files.
enum PlainText {
  static func write(_ text: String) throws {
    try StandardOutput.write(TerminalSanitizer.sanitizeLines(text))
  }
}
