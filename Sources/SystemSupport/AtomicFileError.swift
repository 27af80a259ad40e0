#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why ``AtomicFile`` could not write a file or directory. The ``description`` is one line naming the
/// path and the reason, e.g. `cannot write 'out/model.safetensors': directory 'out' does not exist; create it first`.
public enum AtomicFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The directory that should contain `path` does not exist.
  case parentDirectoryMissing(path: String, parent: String)
  /// Something that is not a directory sits where the containing directory should be.
  case parentNotDirectory(path: String, parent: String)
  /// A file was to be written but `path` is a directory.
  case targetIsDirectory(path: String)
  /// A directory was to be written but `path` is an existing file (or another non-directory).
  case targetIsNotDirectory(path: String)
  /// The URL is not a `file:` URL.
  case notAFileURL(url: String)
  /// A directory that is never replaced (`/`, home, the current directory or above, one holding an input).
  case protectedDirectory(path: String, reason: String)
  /// An existing, non-empty directory that is not an earlier output of the same kind (see ``DirectoryClaim``).
  case foreignDirectory(path: String, command: String)
  /// Writing to a stream (`standard output`) failed.
  case stream(name: String, errno: Int32, reason: String)
  /// A system call failed: `operation` says what was being done ("creating a temporary file in 'out'"),
  /// `reason` is the readable form of `errno`.
  case systemCall(path: String, operation: String, errno: Int32, reason: String)

  /// The path the error is about.
  public var path: String {
    switch self {
    case .parentDirectoryMissing(let path, _), .parentNotDirectory(let path, _), .targetIsDirectory(let path),
      .targetIsNotDirectory(let path), .systemCall(let path, _, _, _), .protectedDirectory(let path, _),
      .foreignDirectory(let path, _), .stream(let path, _, _):
      return path
    case .notAFileURL(let url):
      return url
    }
  }

  /// One line, naming the path.
  public var description: String {
    let text: String
    switch self {
    case .parentDirectoryMissing(let path, let parent):
      text = "cannot write '\(path)': directory '\(parent)' does not exist; create it first"
    case .parentNotDirectory(let path, let parent):
      text = "cannot write '\(path)': '\(parent)' is not a directory"
    case .targetIsDirectory(let path):
      text = "cannot write '\(path)': it is a directory; give a file name"
    case .targetIsNotDirectory(let path):
      text = "cannot write directory '\(path)': a file of that name exists; remove it or choose another name"
    case .notAFileURL(let url):
      text = "cannot write '\(url)': not a file URL"
    case .protectedDirectory(let path, let reason):
      text = "refusing to replace directory '\(path)': \(reason); give the path of a new directory"
    case .foreignDirectory(let path, let command):
      text = "refusing to replace directory '\(path)': it holds files and is not an earlier output of \(command) "
        + "(no \(DirectoryClaim.markerName) marker); give the path of a new or empty directory, or add --force to "
        + "replace it and everything in it"
    case .stream(let name, let code, let reason):
      text = "cannot write to \(name): \(reason)" + (code == EPIPE ? " (the reader closed it)" : "")
    case .systemCall(let path, let operation, _, let reason):
      text = "cannot write '\(path)': \(reason) (\(operation))"
    }
    return OneLineMessage.escapingControlCharacters(text)
  }

  /// A failed system call on `path`: what was being done and the `errno` it left.
  static func failure(_ path: String, _ operation: String, _ code: Int32) -> AtomicFileError {
    .systemCall(path: path, operation: operation, errno: code, reason: POSIXFileIO.describe(errno: code))
  }
}
