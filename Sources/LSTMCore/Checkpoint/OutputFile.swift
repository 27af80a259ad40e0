#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file written front to back through a buffer, for the files a command streams into a directory that
/// ``AtomicFile/writeDirectory(to:claim:build:)`` swaps into place (`examples.jsonl`, `rejected.tsv`,
/// `words.csv`). Every failure — no space, quota, I/O error — is an ``AtomicFileError`` naming the file.
public final class OutputFile {
  private var writer: AtomicFile.Writer
  private let fd: Int32
  private let path: String
  private var isOpen = true

  /// Creates the file (truncating one of that name).
  /// - Throws: ``AtomicFileError/systemCall(path:operation:errno:reason:)``.
  public init(path: String) throws {
    let fd = POSIXFileIO.retryingOnInterrupt { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
    guard fd >= 0 else { throw AtomicFileError.failure(path, "creating the file", errno) }
    self.fd = fd
    self.path = path
    writer = AtomicFile.Writer(fd: fd, path: path)
  }

  deinit { if isOpen { _ = POSIXFileIO.closeDescriptor(fd) } }

  /// Appends `text` as UTF-8.
  public func write(_ text: String) throws { try writer.write(text) }

  /// Appends raw bytes.
  public func write(bytes: [UInt8]) throws { try writer.write(bytes) }

  /// Flushes the buffer, syncs the file to disk and closes it.
  public func close() throws {
    try writer.flush()
    do {
      try POSIXFileIO.sync(fd)
    } catch {
      throw AtomicFileError.failure(path, "flushing to disk", error.code)
    }
    isOpen = false
    if POSIXFileIO.closeDescriptor(fd) != 0 { throw AtomicFileError.failure(path, "closing the file", errno) }
  }
}

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
