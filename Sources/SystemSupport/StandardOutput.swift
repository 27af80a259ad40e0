#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output, written through the same checked loop as every file: a failed write (no space on
/// `/dev/full`, a closed descriptor, an I/O error, a closed pipe when SIGPIPE is ignored) is an
/// ``AtomicFileError/stream(name:errno:reason:)`` instead of a trap. With SIGPIPE at its default, a reader
/// that closes the pipe (`| head`) ends the process quietly, as every Unix filter ends.
public enum StandardOutput {
  /// Whether standard output was closed when the process started (`saliency … >&-`).
  private static let wasClosed: Bool = reserveClosedDescriptors()

  /// Puts `/dev/null` on standard input, output and error where they are closed, so that no file the command
  /// opens later takes descriptor 1 and receives its results; writes to a closed standard output still fail.
  /// Call once at start, before any file is opened.
  public static func prepare() { _ = wasClosed }

  private static func reserveClosedDescriptors() -> Bool {
    var stdoutClosed = false
    for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
      if fd == STDOUT_FILENO { stdoutClosed = true }
      let null = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
      if null >= 0, null != fd {
        _ = dup2(null, fd)
        _ = POSIXFileIO.closeDescriptor(null)
      }
    }
    return stdoutClosed
  }

  /// Writes `text` as UTF-8, all of it or an error.
  public static func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
  }

  /// Writes raw bytes, all of them or an error.
  public static func write(bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }

  private static func write(_ raw: UnsafeRawBufferPointer) throws {
    if wasClosed { throw AtomicFileError.stream(name: "standard output", errno: EBADF, reason: POSIXFileIO.describe(errno: EBADF)) }
    do {
      try POSIXFileIO.writeAll(STDOUT_FILENO, raw)
    } catch {
      throw AtomicFileError.stream(name: "standard output", errno: error.code, reason: POSIXFileIO.describe(errno: error.code))
    }
  }
}
