import ArgumentParser
import Foundation
import Reports
import SystemSupport

/// Runs a command body, turning any runtime error into one line on stderr and exit code 1 (usage errors keep
/// argument-parser's 64). Nothing is half-written: outputs go through `AtomicFile`.
func runReportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ExitCode {
    throw error
  } catch let error as ValidationError {
    throw error
  } catch {
    Diagnostics.error("\(error)")
    throw ExitCode(1)
  }
}

/// Messages for the person at the terminal, always on stderr, one line each. A message can quote a label,
/// a token, a file name or an option's value: every control, C1 and bidirectional character in it is made
/// visible (``TerminalSanitizer``) so that none reaches the terminal.
enum Diagnostics {
  static func error(_ message: String) { line("saliency: error: " + message) }
  static func warning(_ message: String) { line("saliency: warning: " + message) }
  static func note(_ message: String) { line("saliency: " + message) }

  private static func line(_ text: String) { write(TerminalSanitizer.sanitize(text) + "\n") }

  /// Writes to stderr; a failure there (a full disk, a closed descriptor) has nowhere to be reported, so it
  /// is dropped — the exit status still tells.
  static func write(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        let written = Glibc.write(STDERR_FILENO, base + offset, bytes.count - offset)
        if written < 0, errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
      }
    }
  }
}

/// A runtime failure the CLI itself detects, with its message.
struct CommandError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
