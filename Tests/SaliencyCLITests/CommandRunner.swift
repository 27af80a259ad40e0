import Foundation
import Testing

/// Runs the built `saliency` executable the way a user would, capturing its exit status and output.
enum CommandRunner {
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The executable beside the test bundle (`swift build` puts both in the same products folder).
  static var executable: URL {
    get throws {
      let folder = Bundle.module.bundleURL.deletingLastPathComponent()
      let candidate = folder.appendingPathComponent("saliency")
      guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
        throw CommandRunnerError("no saliency executable at \(candidate.path); run `swift build` before `swift test`")
      }
      return candidate
    }
  }

  static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                  executable: URL? = nil, directory: URL? = nil) throws -> Outcome {
    let process = Process()
    process.executableURL = try executable ?? Self.executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe(), errors = Pipe(), input = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a full stderr pipe never blocks the child.
    let errorData = LockedData()
    let reader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.isSet { Thread.sleep(forTimeInterval: 0.001) }
    return Outcome(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                   stderr: String(decoding: errorData.value, as: UTF8.self))
  }

  static var fixtures: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

  /// The repository's root (for samples/).
  static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("saliency-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

struct CommandRunnerError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Data handed from the stderr reader thread.
final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data: Data?
  func set(_ value: Data) { lock.withLock { data = value } }
  var isSet: Bool { lock.withLock { data != nil } }
  var value: Data { lock.withLock { data ?? Data() } }
}
