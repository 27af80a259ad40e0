import Foundation
import SaliencyKit
import SystemSupport

/// The sha256 and line count of an input file, computed on a background thread while the analysis reads the
/// same file (the count feeds the progress bar's ETA; the digest goes into summary.json).
/// `@unchecked Sendable`: the results are guarded by a condition lock.
final class InputDigest: @unchecked Sendable {
  private let condition = NSCondition()
  private var result: (sha256: String, lines: Int)?
  private var failed = false

  /// Starts reading `path` in the background.
  init(path: String) {
    Thread.detachNewThread { [self] in
      let outcome = Self.compute(path: path)
      condition.lock()
      result = outcome
      failed = outcome == nil
      condition.broadcast()
      condition.unlock()
    }
  }

  /// The line count once known (never blocks).
  var lineCount: Int? {
    condition.lock()
    defer { condition.unlock() }
    return result?.lines
  }

  /// The digest; waits for the background read. Nil if the file could not be read again.
  func sha256() -> String? {
    condition.lock()
    defer { condition.unlock() }
    while result == nil && !failed { condition.wait() }
    return result?.sha256
  }

  private static func compute(path: String) -> (String, Int)? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var digest = SHA256()
    var lines = 0
    while true {
      let chunk: Data?
      do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
      guard let data = chunk, !data.isEmpty else { break }
      lines += data.withUnsafeBytes { bytes in bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
      digest.update(data)
    }
    return (digest.hexDigest(), lines)
  }
}
