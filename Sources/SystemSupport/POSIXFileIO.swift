#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, throwing wrappers over the POSIX calls that the checkpoint reader and ``AtomicFile`` need:
/// `open`/`fstat`/`read` to load a whole file with a precise reason on failure, `write`/`fsync` loops
/// that survive `EINTR` and short writes, and errno → readable text.
///
/// Foundation's `Data(contentsOf:)` reports failures as opaque `NSError`s whose text differs between
/// platforms; here every failure keeps its `errno`, so callers can tell "missing" from "a directory"
/// from "permission denied" and say so in one line.
package enum POSIXFileIO {
  /// A failed system call: which call and the `errno` it left.
  package struct Failure: Error, Equatable {
    /// The system call that failed (`"open"`, `"read"`, …).
    package var call: String
    /// The `errno` value after the call.
    package var code: Int32

    /// Human-readable reason, e.g. "permission denied".
    package var reason: String { POSIXFileIO.describe(errno: code) }

    /// The path (or one of its parents) does not exist.
    package var isMissing: Bool { code == ENOENT || code == ENOTDIR }

    /// The path is a directory where a file was expected.
    package var isDirectory: Bool { code == EISDIR }
  }

  /// What sits at a path, as seen by `stat` (symbolic links followed).
  package enum Kind: Equatable {
    case missing
    case regularFile(mode: mode_t)
    case directory
    case other
  }

  /// Classifies the object at `path`, following symbolic links.
  /// - Throws: ``Failure`` for errors other than "does not exist" (e.g. `EACCES`, `ENOTDIR` is reported
  ///   as `.missing` because no object can exist below a non-directory).
  package static func kind(of path: String) throws(Failure) -> Kind {
    var info = stat()
    if stat(path, &info) != 0 {
      let code = errno
      if code == ENOENT || code == ENOTDIR { return .missing }
      throw Failure(call: "stat", code: code)
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regularFile(mode: info.st_mode & 0o7777)
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  /// Whether `path` itself is a symbolic link (not followed).
  package static func isSymbolicLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
  }

  /// The path that `path` names once every symbolic link in its last component is followed, even a link to
  /// nothing yet (a dangling link): writing there keeps the link and gives it a target. A relative link is
  /// taken from the link's own directory. Stops after 40 links (a loop) and returns the last path reached.
  package static func followingLinks(_ path: String) -> String {
    var current = path
    for _ in 0..<40 {
      guard isSymbolicLink(current) else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count > 0 else { return current }
      let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if target.hasPrefix("/") {
        current = target
      } else {
        let slash = current.lastIndex(of: "/")
        current = slash.map { String(current[...$0]) + target } ?? target
      }
    }
    return current
  }

  /// The canonical absolute path with all symbolic links resolved, or `nil` if it cannot be resolved
  /// (dangling link, missing component, or a pseudo-file such as `pipe:[…]` behind `/proc/self/fd`).
  package static func resolvedPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Reads the whole file at `path`.
  ///
  /// - Returns: the file's bytes.
  /// - Throws: ``Failure`` with the failing call: `open` (`ENOENT`, `EACCES`, …), `fstat`, or `read`;
  ///   reading a directory throws `read` with `EISDIR` on Linux — callers that want a distinct message
  ///   should ask ``kind(of:)`` first.
  /// - Complexity: O(file size); one allocation of the final size for regular files.
  package static func readAll(_ path: String) throws(Failure) -> [UInt8] {
    let fd = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
    if fd < 0 { throw Failure(call: "open", code: errno) }
    defer { _ = close(fd) }

    var info = stat()
    if fstat(fd, &info) != 0 { throw Failure(call: "fstat", code: errno) }
    if info.st_mode & S_IFMT == S_IFDIR { throw Failure(call: "read", code: EISDIR) }

    // Regular files: read exactly the size fstat reported, then keep reading in case the file grew.
    // Pipes and devices report size 0 and are read in chunks until end of file.
    let chunk = 1 << 16
    var bytes: [UInt8] = []
    bytes.reserveCapacity(max(Int(info.st_size), 0) + 1)
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
      let count = buffer.withUnsafeMutableBytes { raw in
        retryingOnInterrupt { read(fd, raw.baseAddress, chunk) }
      }
      if count < 0 { throw Failure(call: "read", code: errno) }
      if count == 0 { break }
      bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
  }

  /// Writes all of `bytes` to `fd`, retrying on `EINTR` and continuing after short writes.
  /// - Throws: ``Failure`` naming `write` (e.g. `ENOSPC`, `EDQUOT`, `EIO`).
  package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(Failure) {
    var offset = 0
    while offset < bytes.count {
      guard let base = bytes.baseAddress else { return }
      let written = retryingOnInterrupt { write(fd, base + offset, bytes.count - offset) }
      if written < 0 { throw Failure(call: "write", code: errno) }
      if written == 0 { throw Failure(call: "write", code: EIO) }
      offset += written
    }
  }

  /// Flushes `fd` to stable storage.
  /// - Throws: ``Failure`` naming `fsync`.
  package static func sync(_ fd: Int32) throws(Failure) {
    if retryingOnInterrupt({ fsync(fd) }) != 0 { throw Failure(call: "fsync", code: errno) }
  }

  /// `close(2)`, for types with a `close()` method of their own.
  package static func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }

  /// Best-effort `fsync` of a directory so that a `rename` into it survives a crash.
  /// Some file systems refuse to sync directories (`EINVAL`); that is not an error worth failing for,
  /// because the data itself was synced before the rename.
  package static func syncDirectory(_ path: String) {
    let fd = retryingOnInterrupt { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    guard fd >= 0 else { return }
    _ = retryingOnInterrupt { fsync(fd) }
    _ = close(fd)
  }

  /// Repeats a system call while it fails with `EINTR`.
  package static func retryingOnInterrupt<T: BinaryInteger>(_ call: () -> T) -> T {
    while true {
      let result = call()
      if result < 0 && errno == EINTR { continue }
      return result
    }
  }

  /// A short, lower-case, locale-independent description of an `errno` value.
  ///
  /// Common codes get fixed text (so messages and tests do not depend on the C library's wording);
  /// others fall back to `strerror`.
  package static func describe(errno code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file or directory"
    case EACCES: return "permission denied"
    case EPERM: return "operation not permitted"
    case EROFS: return "read-only file system"
    case ENOSPC: return "no space left on device"
    case EDQUOT: return "disk quota exceeded"
    case EISDIR: return "is a directory"
    case ENOTDIR: return "a path component is not a directory"
    case EEXIST: return "file exists"
    case ENOTEMPTY: return "directory not empty"
    case EXDEV: return "cross-device rename"
    case ENAMETOOLONG: return "file name too long"
    case ELOOP: return "too many levels of symbolic links"
    case EIO: return "input/output error"
    case EMFILE, ENFILE: return "too many open files"
    case EBUSY: return "device or resource busy"
    case EFBIG: return "file too large"
    case EINVAL: return "invalid argument"
    case EPIPE: return "broken pipe"
    case EBADF: return "bad file descriptor (is it closed?)"
    default:
      guard let text = strerror(code) else { return "errno \(code)" }
      return String(cString: text).lowercased() + " (errno \(code))"
    }
  }
}
