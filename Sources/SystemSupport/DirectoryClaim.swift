import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who may replace an output directory, and which directories are never replaced.
///
/// A command that writes a directory (`analyze`, `merge`, `evaluate`) replaces it as a whole, so a wrong
/// `--out` would delete a user's files. The rules:
/// - **Never**, even with `force`: `/`, the home directory, the current directory or any directory above it,
///   and any directory that holds one of the command's inputs (a corpus, a model, a shard being merged).
/// - **Freely**: a path where nothing exists yet, an empty directory, or a directory that carries this tool's
///   marker file (``markerName``) with the same ``kind``, i.e. an earlier output of the same kind of command.
/// - **Only with `force`**: any other directory.
///
/// The marker is written first into the directory being built, so a temporary directory left by a killed
/// process is recognisable as the tool's own and removed by the next run (``AtomicFile``).
public struct DirectoryClaim: Sendable, Equatable {
  /// The kind of directory a command writes (`analysis`, `evaluation`); outputs of the same kind replace
  /// each other.
  public var kind: String
  /// The command as the user typed it, for messages (`saliency analyze`).
  public var command: String
  /// Replace a directory without the marker (never a protected one).
  public var force: Bool
  /// Paths the command reads; the directory may not be one of them or hold one of them.
  public var inputs: [String]

  /// The marker file's name inside every output directory.
  public static let markerName = ".saliency-output"

  public init(kind: String, command: String, force: Bool = false, inputs: [String] = []) {
    self.kind = kind
    self.command = command
    self.force = force
    self.inputs = inputs
  }

  /// The marker file's text: one JSON object naming the kind.
  public var markerText: String { "{\"kind\":\"\(kind)\",\"tool\":\"saliency\"}\n" }

  /// Whether `directory` (an existing directory) holds this claim's marker.
  func isMarked(_ directory: String) -> Bool {
    guard let bytes = try? POSIXFileIO.readAll(directory + "/" + Self.markerName), bytes.count < 4096 else { return false }
    struct Marker: Decodable { var kind: String; var tool: String }
    guard let marker = try? JSONDecoder().decode(Marker.self, from: Data(bytes)) else { return false }
    return marker.tool == "saliency" && marker.kind == kind
  }

  /// Checks that the existing directory `path` (symbolic links resolved) may be replaced.
  /// - Throws: ``AtomicFileError/protectedDirectory(path:reason:)`` or
  ///   ``AtomicFileError/foreignDirectory(path:command:)``.
  func check(existing path: String, reportedAs requested: String) throws {
    try checkNotProtected(path, reportedAs: requested)
    if force || isMarked(path) { return }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [""]
    if !entries.isEmpty { throw AtomicFileError.foreignDirectory(path: requested, command: command) }
  }

  /// Refuses `/`, the home directory, the current directory and its ancestors, and any directory that is or
  /// holds an input. `path` is absolute with symbolic links resolved.
  func checkNotProtected(_ path: String, reportedAs requested: String) throws {
    func refuse(_ reason: String) -> AtomicFileError { .protectedDirectory(path: requested, reason: reason) }
    if path == "/" { throw refuse("it is the root directory") }
    if let home = ProcessInfo.processInfo.environment["HOME"].flatMap(POSIXFileIO.resolvedPath), Self.contains(path, home) {
      throw refuse(path == home ? "it is your home directory" : "it holds your home directory")
    }
    if let current = POSIXFileIO.resolvedPath("."), Self.contains(path, current) {
      throw refuse(path == current ? "it is the current directory" : "it holds the current directory")
    }
    for input in inputs where input != "-" {
      guard let resolved = POSIXFileIO.resolvedPath(input), Self.contains(path, resolved) else { continue }
      throw refuse("it holds the input '\(input)'")
    }
  }

  /// Whether `inner` is `outer` or lies below it (both absolute, resolved).
  static func contains(_ outer: String, _ inner: String) -> Bool {
    outer == inner || outer == "/" || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
  }
}
