import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files and directories so that no reader — and no crash — ever sees them half-written.
///
/// A file is written to a hidden temporary file beside the target (`.<name>.tmp-<pid>-<random>`), flushed
/// with `fsync`, and renamed over the target; the containing directory is then synced. A directory is built
/// beside the target (`.<name>.tmp-…`) and swapped in at the end. On any failure the temporary file or
/// directory is removed, the old target is left as it was, and an ``AtomicFileError`` names the path and
/// the reason.
///
/// Details:
/// - Replacing an existing file keeps its permission bits; new files get `0666 & ~umask`.
/// - A symbolic link is followed, even one that points to nothing yet: the file it points to is written and the
///   link kept.
/// - Targets that cannot be replaced by renaming — paths under `/dev/` or `/proc/` (such as `/dev/stdout`),
///   FIFOs, devices — are written to directly, appending, with no temporary file; there is nothing to keep
///   intact in those cases.
public enum AtomicFile {
  /// Buffered output into the temporary file, handed to the body of ``AtomicFile/write(to:_:)``.
  public struct Writer {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []

    /// Writes are collected up to this many bytes before a system call.
    static let bufferCapacity = 1 << 16

    init(fd: Int32, path: String) {
      self.fd = fd
      self.path = path
      buffer.reserveCapacity(Self.bufferCapacity)
    }

    /// Appends raw bytes (`[UInt8]`, `Data`, …).
    /// - Throws: ``AtomicFileError/systemCall(path:operation:errno:reason:)`` (e.g. no space left on device).
    public mutating func write(_ bytes: some ContiguousBytes) throws {
      try bytes.withUnsafeBytes { raw in
        if buffer.count + raw.count <= Self.bufferCapacity {
          buffer.append(contentsOf: raw)
        } else {
          try flush()
          try writeThrough(raw)
        }
      }
    }

    /// Appends `text` as UTF-8.
    public mutating func write(_ text: String) throws {
      var text = text
      try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Hands the buffered bytes to the kernel.
    mutating func flush() throws {
      guard !buffer.isEmpty else { return }
      try buffer.withUnsafeBytes { try writeThrough($0) }
      buffer.removeAll(keepingCapacity: true)
    }

    private func writeThrough(_ raw: UnsafeRawBufferPointer) throws {
      do {
        try POSIXFileIO.writeAll(fd, raw)
      } catch {
        throw AtomicFileError.systemCall(path: path, operation: "writing", errno: error.code, reason: error.reason)
      }
    }
  }

  // MARK: Files

  /// Atomically replaces the file at `url` with `bytes` (`[UInt8]`, `Data`, …).
  /// - Throws: ``AtomicFileError``.
  public static func write(_ bytes: some ContiguousBytes, to url: URL) throws {
    try write(to: url) { writer in try writer.write(bytes) }
  }

  /// Atomically replaces the file at `url` with `text` encoded as UTF-8.
  /// - Throws: ``AtomicFileError``.
  public static func write(_ text: String, to url: URL) throws {
    try write(to: url) { writer in try writer.write(text) }
  }

  /// Atomically replaces the file at `url` with what `body` writes, streaming (nothing is held in memory
  /// beyond a 64 KiB buffer).
  ///
  /// If `body` throws, the temporary file is removed, the old file is untouched, and `body`'s error is
  /// rethrown unchanged.
  ///
  /// - Throws: ``AtomicFileError`` for file-system failures, or whatever `body` throws.
  public static func write(to url: URL, _ body: (inout Writer) throws -> Void) throws {
    guard url.isFileURL else { throw AtomicFileError.notAFileURL(url: url.absoluteString) }
    let requested = url.path
    switch try fileDestination(requested) {
    case .stream(let path):
      try stream(to: path, reportedAs: requested, body)
    case .replace(let path, let mode):
      try replace(path, reportedAs: requested, keepingMode: mode, body)
    }
  }

  /// Where the bytes of a file write go.
  private enum Destination {
    /// Temporary file + rename over `path` (a regular file or nothing yet), keeping `mode` if given.
    case replace(path: String, mode: mode_t?)
    /// Direct, appending writes to `path` (pseudo-files, FIFOs, devices).
    case stream(path: String)
  }

  private static func fileDestination(_ path: String) throws -> Destination {
    let kind = try classify(path, reportedAs: path)
    if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") {
      switch kind {
      case .directory: throw AtomicFileError.targetIsDirectory(path: path)
      case .regularFile, .other: return .stream(path: path)
      case .missing: break
      }
    }
    // Follow a symbolic link, even one to nothing yet, so that the link survives and its target is written.
    let resolved = POSIXFileIO.followingLinks(path)
    switch resolved == path ? kind : try classify(resolved, reportedAs: path) {
    case .directory:
      throw AtomicFileError.targetIsDirectory(path: path)
    case .other:
      return .stream(path: resolved)
    case .regularFile(let mode):
      try checkParentDirectory(of: resolved, reportedAs: path)
      return .replace(path: resolved, mode: mode)
    case .missing:
      try checkParentDirectory(of: resolved, reportedAs: path)
      return .replace(path: resolved, mode: nil)
    }
  }

  /// The temporary-file path: create, write, fsync, close, rename, sync the directory.
  private static func replace(
    _ path: String, reportedAs requested: String, keepingMode mode: mode_t?, _ body: (inout Writer) throws -> Void
  ) throws {
    let (parent, name) = split(path)
    removeAbandoned(in: parent, name: name, isOurs: { path in
      if case .regularFile = (try? POSIXFileIO.kind(of: path)) ?? .missing { return true }
      return false
    })
    var temporary = ""
    var fd: Int32 = -1
    for _ in 0..<3 {  // a name collision is astronomically unlikely; retry a couple of times anyway
      temporary = parent + "/" + temporaryName(for: name, kind: "tmp")
      fd = POSIXFileIO.retryingOnInterrupt { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
      if fd >= 0 || errno != EEXIST { break }
    }
    guard fd >= 0 else {
      throw failure(requested, "creating a temporary file in '\(parent)'", errno)
    }
    var isOpen = true
    do {
      if let mode { _ = fchmod(fd, mode) }  // best effort: keep the old file's permissions
      var writer = Writer(fd: fd, path: requested)
      try body(&writer)
      try writer.flush()
      do {
        try POSIXFileIO.sync(fd)
      } catch {
        throw failure(requested, "flushing to disk", error.code)
      }
      isOpen = false
      if close(fd) != 0 { throw failure(requested, "closing the temporary file", errno) }
      if rename(temporary, path) != 0 {
        throw failure(requested, "renaming the temporary file into place", errno)
      }
    } catch {
      if isOpen { _ = close(fd) }
      _ = unlink(temporary)
      throw error
    }
    POSIXFileIO.syncDirectory(parent)
  }

  /// The direct path for targets that cannot be renamed over.
  private static func stream(to path: String, reportedAs requested: String, _ body: (inout Writer) throws -> Void) throws {
    let fd = POSIXFileIO.retryingOnInterrupt { open(path, O_WRONLY | O_APPEND | O_CLOEXEC) }
    guard fd >= 0 else { throw failure(requested, "opening for writing", errno) }
    defer { _ = close(fd) }
    var writer = Writer(fd: fd, path: requested)
    try body(&writer)
    try writer.flush()
  }

  // MARK: Directories

  /// Builds a directory and puts it at `url` in one step, replacing the directory there if `claim` allows it.
  ///
  /// `build` receives the URL of a hidden directory beside the target (`.<name>.tmp-…`) that holds only the
  /// claim's marker file, and fills it. When it returns, an existing directory at `url` is renamed aside, the
  /// new one renamed into place, and the old one deleted — so readers see the old directory, for an instant
  /// nothing, then the new one, but never a half-written one. If `build` throws, its directory is deleted,
  /// the old directory is untouched, and the error is rethrown unchanged. Temporary directories of the same
  /// target left by processes that no longer run (killed mid-build) are removed first.
  ///
  /// - Throws: ``AtomicFileError`` (missing parent, target is a file, a directory `claim` may not replace, …)
  ///   or whatever `build` throws.
  public static func writeDirectory(to url: URL, claim: DirectoryClaim, build: (URL) throws -> Void) throws {
    let target = try claimDirectory(url, claim)
    let (parent, name) = split(target.path)
    removeAbandoned(in: parent, name: name, isOurs: { path in
      (try? POSIXFileIO.kind(of: path)) == .directory && claim.isMarked(path)
    })
    var temporary = ""
    var created = false
    for _ in 0..<3 {
      temporary = parent + "/" + temporaryName(for: name, kind: "tmp")
      if mkdir(temporary, 0o777) == 0 {
        created = true
        break
      }
      if errno != EEXIST { break }
    }
    guard created else { throw failure(url.path, "creating a temporary directory in '\(parent)'", errno) }

    do {
      try write(claim.markerText, to: URL(fileURLWithPath: temporary + "/" + DirectoryClaim.markerName))
      try build(URL(fileURLWithPath: temporary, isDirectory: true))
      // The directory may have changed while `build` ran (minutes, for a large corpus): check again.
      let existing = try claimDirectory(url, claim).existingMode
      if let existing { _ = chmod(temporary, existing) }  // best effort: keep the old permissions
      if existing != nil {
        let aside = parent + "/" + temporaryName(for: name, kind: "old")
        if rename(target.path, aside) != 0 { throw failure(url.path, "moving the old directory aside", errno) }
        if rename(temporary, target.path) != 0 {
          let code = errno
          _ = rename(aside, target.path)  // put the old directory back
          throw failure(url.path, "renaming the new directory into place", code)
        }
        removeTree(aside)
      } else if rename(temporary, target.path) != 0 {
        throw failure(url.path, "renaming the new directory into place", errno)
      }
    } catch {
      removeTree(temporary)
      throw error
    }
    POSIXFileIO.syncDirectory(parent)
  }

  /// Checks, before any work is done, that ``writeDirectory(to:claim:build:)`` could write `url`.
  /// - Throws: the ``AtomicFileError`` that the write would throw at its start.
  public static func checkDirectory(_ url: URL, claim: DirectoryClaim) throws {
    _ = try claimDirectory(url, claim)
  }

  /// The target with symbolic links resolved and the mode of the directory there (nil: nothing there yet),
  /// after checking that `claim` may replace it.
  private static func claimDirectory(_ url: URL, _ claim: DirectoryClaim) throws -> (path: String, existingMode: mode_t?) {
    guard url.isFileURL else { throw AtomicFileError.notAFileURL(url: url.absoluteString) }
    let requested = url.path
    var resolved = POSIXFileIO.followingLinks(requested)
    switch try classify(resolved, reportedAs: requested) {
    case .regularFile, .other:
      throw AtomicFileError.targetIsNotDirectory(path: requested)
    case .directory:
      resolved = POSIXFileIO.resolvedPath(resolved) ?? resolved
      try claim.check(existing: resolved, reportedAs: requested)
      return (resolved, try directoryMode(resolved, reportedAs: requested))
    case .missing:
      try checkParentDirectory(of: resolved, reportedAs: requested)
      let (parent, name) = split(resolved)
      let path = (POSIXFileIO.resolvedPath(parent) ?? parent) + "/" + name
      try claim.checkNotProtected(path, reportedAs: requested)
      return (path.hasPrefix("//") ? String(path.dropFirst()) : path, nil)
    }
  }

  // MARK: Helpers

  private static func classify(_ path: String, reportedAs requested: String) throws -> POSIXFileIO.Kind {
    do {
      return try POSIXFileIO.kind(of: path)
    } catch {
      throw failure(requested, "inspecting '\(path)'", error.code)
    }
  }

  private static func directoryMode(_ path: String, reportedAs requested: String) throws -> mode_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw failure(requested, "inspecting '\(path)'", errno) }
    return info.st_mode & 0o7777
  }

  /// The containing directory must exist and be a directory.
  private static func checkParentDirectory(of path: String, reportedAs requested: String) throws {
    let (parent, _) = split(path)
    switch try classify(parent, reportedAs: requested) {
    case .directory: return
    case .missing:
      // Distinguish "no such directory" from "a component above it is a file".
      var ancestor = parent
      while true {
        let (above, _) = split(ancestor)
        if above == ancestor { break }
        ancestor = above
        switch try classify(ancestor, reportedAs: requested) {
        case .missing: continue
        case .directory: throw AtomicFileError.parentDirectoryMissing(path: requested, parent: parent)
        case .regularFile, .other: throw AtomicFileError.parentNotDirectory(path: requested, parent: ancestor)
        }
      }
      throw AtomicFileError.parentDirectoryMissing(path: requested, parent: parent)
    case .regularFile, .other:
      throw AtomicFileError.parentNotDirectory(path: requested, parent: parent)
    }
  }

  /// Splits an absolute path into its directory and last component (`"/a/b"` → `("/a", "b")`,
  /// `"/a"` → `("/", "a")`; `"/"` → `("/", "")`).
  private static func split(_ path: String) -> (parent: String, name: String) {
    let url = URL(fileURLWithPath: path)
    let parent = url.deletingLastPathComponent().path
    return (parent.isEmpty ? "/" : parent, url.lastPathComponent == "/" ? "" : url.lastPathComponent)
  }

  /// `.<name>.<kind>-<pid>-<random hex>`: hidden, unique per process and attempt.
  private static func temporaryName(for name: String, kind: String) -> String {
    let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
    return ".\(name).\(kind)-\(getpid())-\(random)"
  }

  /// Removes the temporary files or directories (`.<name>.tmp-<pid>-<hex>`, `.<name>.old-<pid>-<hex>`) that
  /// processes which no longer run left beside `name` in `parent` (a write killed half-way), where `isOurs`
  /// confirms the entry is one this tool made. Best effort: what cannot be listed or removed is left.
  private static func removeAbandoned(in parent: String, name: String, isOurs: (String) -> Bool) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
    for entry in entries {
      guard let pid = abandonedOwner(entry, name: name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      let path = parent + "/" + entry
      if isOurs(path) { removeTree(path) }
    }
  }

  /// The process id in a temporary name made by ``temporaryName(for:kind:)`` for `name`, or nil.
  static func abandonedOwner(_ entry: String, name: String) -> pid_t? {
    for kind in ["tmp", "old"] {
      let prefix = ".\(name).\(kind)-"
      guard entry.hasPrefix(prefix) else { continue }
      let parts = entry.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, !parts[1].isEmpty,
            parts[1].allSatisfy(\.isHexDigit) else { return nil }
      return pid
    }
    return nil
  }

  private static func removeTree(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  private static func failure(_ path: String, _ operation: String, _ code: Int32) -> AtomicFileError {
    AtomicFileError.failure(path, operation, code)
  }
}
