import Foundation
@testable import SaliencyCLI
import Testing

/// `saliency serve` as a user runs it: the URL on stdout, the API behind it, Ctrl-C ends it with exit 0.
@Suite("saliency serve: the command")
struct ServeCommandTests {
  @Test("serve --port 0 prints its URL, answers, and exits 0 on SIGINT, also with a request in flight")
  func servesUntilInterrupted() async throws {
    let server = try ServeProcess.start(["--model", try TrainedSampleModel.path()])
    let process = server.process, errors = server.errors, port = server.port
    let models = try await HTTPTestClient.send(port: port, path: "/api/models")
    #expect(models.status == 200)
    let names = (models.json as? [[String: Any]])?.compactMap { $0["name"] as? String }
    #expect(names?.count == 3, "both defaults and the --model file: \(models.text)")
    let inFlight = Task { try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain",
                                                         json: ["text": "good", "method": "all"]) }
    try await Task.sleep(for: .milliseconds(50))
    process.interrupt()
    process.waitUntilExit()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(stderr)")
    // The request in flight was answered (200, or 503 if it was still waiting) or never accepted.
    if let reply = try? await inFlight.value { #expect([200, 503].contains(reply.status), "\(reply.text)") }
  }

  @Test("Options out of range are usage errors; a port in use is a runtime error")
  func badOptions() throws {
    for (arguments, message) in [(["--port", "70000"], "--port must be between 0 and 65535"),
                                 (["--time-budget", "0"], "--time-budget must be a positive"),
                                 (["--workers", "0"], "--workers must be at least 1")] {
      let outcome = try CommandRunner.run(["serve"] + arguments)
      #expect(outcome.status == 64)
      #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }
    let holder = try ServeProcess.start()
    defer { holder.stop() }
    let taken = try CommandRunner.run(["serve", "--port", String(holder.port)])
    #expect(taken.status == 1)
    #expect(taken.stderr.contains("could not listen on 127.0.0.1:\(holder.port)"), "\(taken.stderr)")
  }

  @Test("Only loopback addresses count as loopback; a wildcard bind is shown as 127.0.0.1")
  func loopback() {
    #expect(ServeCommand.isLoopback("127.0.0.1") && ServeCommand.isLoopback("localhost") && ServeCommand.isLoopback("::1"))
    #expect(!ServeCommand.isLoopback("0.0.0.0") && !ServeCommand.isLoopback("192.168.1.5") && !ServeCommand.isLoopback("::"))
    #expect(ServeCommand.urlHost("0.0.0.0") == "127.0.0.1" && ServeCommand.urlHost("::1") == "[::1]")
  }
}

extension FileHandle {
  /// Reads byte by byte up to and including the first newline (or the end).
  func availableDataUntilNewline() -> Data {
    var line = Data()
    while let byte = try? read(upToCount: 1), let first = byte.first {
      line.append(first)
      if first == UInt8(ascii: "\n") { break }
    }
    return line
  }
}

/// A `saliency serve --port 0` child process and the port it printed.
struct ServeProcess {
  let process: Process
  let errors: Pipe
  let port: Int

  static func start(_ arguments: [String] = []) throws -> ServeProcess {
    let process = Process()
    process.executableURL = try CommandRunner.executable
    process.arguments = ["serve", "--port", "0"] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let line = String(decoding: output.fileHandleForReading.availableDataUntilNewline(), as: UTF8.self)
    guard let match = line.wholeMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\/\n/), let port = Int(match.1) else {
      process.terminate()
      throw CommandRunnerError("serve printed no URL: \(line)")
    }
    return ServeProcess(process: process, errors: errors, port: port)
  }

  /// SIGINT, then waits for the exit.
  func stop() {
    process.interrupt()
    process.waitUntilExit()
  }
}
