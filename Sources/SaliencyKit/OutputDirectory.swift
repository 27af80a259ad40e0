import Foundation
import SystemSupport

/// The output directory of `analyze`, `merge` and `evaluate`, written the same way for all three: built in a
/// hidden directory beside the target and swapped in when complete (`AtomicFile.writeDirectory`), so a reader
/// never sees half of it and a failure leaves the old one; `claim` says what it may replace.
public struct OutputDirectory: Sendable {
  /// The directory being built.
  public let url: URL

  /// Builds the directory at `path` with `build`, then puts it in place.
  /// - Throws: ``AtomicFileError`` or whatever `build` throws (then nothing is written).
  public static func write(to path: String, claim: DirectoryClaim, _ build: (OutputDirectory) throws -> Void) throws {
    try AtomicFile.writeDirectory(to: URL(fileURLWithPath: path), claim: claim) { url in
      try build(OutputDirectory(url: url))
    }
  }

  /// Writes the file `name` at once.
  public func write(_ text: String, to name: String) throws {
    try AtomicFile.write(text, to: url.appendingPathComponent(name))
  }

  /// Writes the file `name` at once.
  public func write(_ bytes: Data, to name: String) throws {
    try AtomicFile.write(bytes, to: url.appendingPathComponent(name))
  }

  /// The file `name`, to stream into front to back; the caller closes it.
  public func stream(_ name: String) throws -> OutputFile {
    try OutputFile(path: url.appendingPathComponent(name).path)
  }

  /// The file `name`, starting as the file at `source` (shared, not copied: ``OutputFile/extending(_:as:)``),
  /// to append to; the caller closes it, and restores or removes the source.
  public func stream(_ name: String, extending source: String) throws -> (file: OutputFile, linked: LinkedFile) {
    try OutputFile.extending(source, as: url.appendingPathComponent(name).path)
  }
}
