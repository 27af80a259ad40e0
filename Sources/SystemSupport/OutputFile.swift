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
