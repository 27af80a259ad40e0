import Foundation
import LSTMCore

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
