import ArgumentParser
import Foundation

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

/// Messages for the person at the terminal, always on stderr.
enum Diagnostics {
  static func error(_ message: String) { write("saliency: error: \(message)\n") }
  static func warning(_ message: String) { write("saliency: warning: \(message)\n") }
  static func note(_ message: String) { write("saliency: \(message)\n") }

  static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// A runtime failure the CLI itself detects, with its message.
struct CommandError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
