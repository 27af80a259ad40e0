#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a fuzz target reports a broken invariant: it writes the message to stderr and aborts, which
/// libFuzzer records as a crash and saves the input as `crash-<sha1>`.
///
/// Library code never traps; a fuzz target exists to turn "this must hold" into a crash the fuzzer can
/// find, so here trapping is the point.
public enum Finding {
  /// Aborts with `message` unless `condition` holds.
  /// - Parameters:
  ///   - condition: the invariant.
  ///   - message: what was expected and what was found; evaluated only on failure.
  @inline(__always)
  public static func require(
    _ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
  ) {
    if !condition { fail(message(), file: file, line: line) }
  }

  /// Writes `FUZZ FINDING (file:line): message` to stderr and aborts.
  public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    let text = "FUZZ FINDING (\(file):\(line)): \(message)\n"
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    abort()
  }
}
