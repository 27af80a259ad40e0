import Foundation
@testable import SaliencyCLI
import SaliencyKit
@testable import SaliencyServer

/// A `saliency serve` server inside the test process, on a free loopback port, with the command line's option
/// reader: started by `with(_:_:)`, shut down gracefully when the body returns.
enum ServeTestServer {
  /// Both embedded defaults, measured once for every test.
  static let catalog: ModelCatalog = {
    do {
      return try ModelCatalog(models: EmbeddedModel.allCases.map { try $0.load() })
    } catch {
      preconditionFailure("the embedded models load: \(error)")
    }
  }()

  /// Runs `body` with a running server and its port, then shuts it down and waits for it to stop.
  static func with(_ limits: ServerLimits = ServerLimits(), allowedHosts: [String] = [], analyses: AnalysisCatalog = AnalysisCatalog(),
                   _ body: (ExplorerServer, Int) async throws -> Void) async throws {
    let server = ExplorerServer(catalog: catalog, analyses: analyses, reader: CommandLineOptionReader(),
                                configuration: .init(host: "127.0.0.1", port: 0, allowedHosts: allowedHosts, limits: limits,
                                                     generator: HTMLOutput.generator))
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let running = Task { try await server.run(handlingSignals: false) { continuation.yield($0) } }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw HTTPTestError(description: "the server did not start") }
    do {
      try await body(server, port)
    } catch {
      await server.shutDown()
      try? await running.value
      throw error
    }
    await server.shutDown()
    try await running.value
  }

  /// Waits (up to 30 s) until `condition` holds.
  static func waitUntil(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(30)
    while !condition() {
      guard ContinuousClock.now < deadline else { throw HTTPTestError(description: "timed out waiting") }
      try await Task.sleep(for: .milliseconds(10))
    }
  }
}

/// A gate a test holds a worker at: the job blocks until `open()`.
final class WorkerGate: @unchecked Sendable {
  private let semaphore = DispatchSemaphore(value: 0)
  func open() { semaphore.signal() }
  func wait() { semaphore.wait() }
}
