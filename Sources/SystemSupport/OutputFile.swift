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
  public convenience init(path: String) throws {
    let fd = POSIXFileIO.retryingOnInterrupt { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
    guard fd >= 0 else { throw AtomicFileError.failure(path, "creating the file", errno) }
    self.init(fd: fd, path: path)
  }

  /// Gives the existing file at `source` a second name, `path` (a hard link: no byte is copied), and opens it
  /// there to append to: what is written goes after `source`'s bytes, in the one file both names share. Where
  /// a link cannot be made (another file system), `path` is a new file holding a copy of `source`.
  /// ``LinkedFile`` undoes it.
  /// - Throws: ``AtomicFileError/systemCall(path:operation:errno:reason:)`` naming `source` or `path`.
  public static func extending(_ source: String, as path: String) throws -> (file: OutputFile, linked: LinkedFile) {
    var info = stat()
    guard stat(source, &info) == 0 else { throw AtomicFileError.failure(source, "reading the file", errno) }
    if link(source, path) == 0 {
      let fd = POSIXFileIO.retryingOnInterrupt { open(path, O_WRONLY | O_CLOEXEC) }
      guard fd >= 0 else { throw AtomicFileError.failure(path, "opening the file", errno) }
      guard lseek(fd, 0, SEEK_END) >= 0 else {
        let code = errno
        _ = POSIXFileIO.closeDescriptor(fd)
        throw AtomicFileError.failure(path, "opening the file", code)
      }
      return (OutputFile(fd: fd, path: path), LinkedFile(source: source, length: Int(info.st_size), shared: true))
    }
    guard errno == EXDEV || errno == EPERM else { throw AtomicFileError.failure(path, "linking the file", errno) }
    let file = try OutputFile(path: path)
    try file.append(contentsOfFileAt: source)
    return (file, LinkedFile(source: source, length: Int(info.st_size), shared: false))
  }

  private init(fd: Int32, path: String) {
    self.fd = fd
    self.path = path
    writer = AtomicFile.Writer(fd: fd, path: path)
  }

  deinit { if isOpen { _ = POSIXFileIO.closeDescriptor(fd) } }

  /// Appends `text` as UTF-8.
  public func write(_ text: String) throws { try writer.write(text) }

  /// Appends raw bytes.
  public func write(bytes: [UInt8]) throws { try writer.write(bytes) }

  /// Appends the file at `source` from byte `offset` to its end. The kernel copies the bytes (`sendfile`, no
  /// trip through this process's memory) where it can; otherwise they are read and written in 1 MiB blocks.
  /// - Throws: ``AtomicFileError/systemCall(path:operation:errno:reason:)`` naming `source` when it cannot be
  ///   read, or this file when it cannot be written.
  public func append(contentsOfFileAt source: String, from offset: Int = 0) throws {
    try writer.flush()
    let input = POSIXFileIO.retryingOnInterrupt { open(source, O_RDONLY | O_CLOEXEC) }
    guard input >= 0 else { throw AtomicFileError.failure(source, "opening the file", errno) }
    defer { _ = POSIXFileIO.closeDescriptor(input) }
    var position = offset
    while true {
      let copied = POSIXFileIO.retryingOnInterrupt { sendfile(fd, input, &position, 1 << 30) }
      if copied > 0 { continue }
      if copied == 0 { return }
      let code = errno
      guard code == EINVAL || code == ENOSYS else {
        // sendfile does not say which side failed: a read of the source tells.
        var probe: UInt8 = 0
        if pread(input, &probe, 1, off_t(position)) < 0 { throw AtomicFileError.failure(source, "reading the file", errno) }
        throw AtomicFileError.failure(path, "writing the file", code)
      }
      break
    }
    // A file system without sendfile between these two files: through a buffer.
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = buffer.withUnsafeMutableBytes { raw in
        POSIXFileIO.retryingOnInterrupt { pread(input, raw.baseAddress, raw.count, off_t(position)) }
      }
      if count < 0 { throw AtomicFileError.failure(source, "reading the file", errno) }
      if count == 0 { return }
      let failure = buffer.withUnsafeBytes { raw -> POSIXFileIO.Failure? in
        do throws(POSIXFileIO.Failure) {
          try POSIXFileIO.writeAll(fd, UnsafeRawBufferPointer(rebasing: raw[0..<count]))
          return nil
        } catch {
          return error
        }
      }
      if let failure { throw AtomicFileError.failure(path, "writing the file", failure.code) }
      position += count
    }
  }

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

/// The source of ``OutputFile/extending(_:as:)``: while it shares its bytes with the new file, ``restore()``
/// cuts it back to what it held (for when the new file is abandoned).
public struct LinkedFile: Sendable {
  /// The file extended.
  public let source: String
  /// Its length before.
  public let length: Int
  /// Whether the new file is the same file (a hard link) rather than a copy.
  public let shared: Bool

  /// Cuts the source back to its former length, if the new file shared it. Best effort: it runs on a failure
  /// path, where the first error is the one to report.
  public func restore() {
    if shared { _ = truncate(source, off_t(length)) }
  }
}
