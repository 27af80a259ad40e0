import ArgumentParser
import Dispatch
import Foundation
import SaliencyKit
import SaliencyServer
import SystemSupport

/// `saliency serve`: the explain page and the JSON API on a local HTTP port, until Ctrl-C.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the explain page and the JSON API (README, \"saliency serve\") until Ctrl-C.")

  @Option(name: .long, help: ArgumentHelp("A model file (.safetensors) to offer besides both embedded defaults; repeat for more.", valueName: "model"))
  var model: [String] = []

  @Option(name: .long, help: ArgumentHelp("A directory written by saliency analyze, to browse in the corpus view; repeat for more.", valueName: "dir"))
  var analysis: [String] = []

  @Option(name: .long, help: "Address to listen on; anything but a loopback address lets other machines in (a warning says so).")
  var host = "127.0.0.1"

  @Option(name: .long, help: "Port to listen on (0: any free port; the URL printed says which).")
  var port = 8765

  @Option(name: .customLong("allow-host"), help: ArgumentHelp("A further name requests may carry in their Host header (e.g. the machine's name when --host is 0.0.0.0); repeat for more. Other names are refused (421), against DNS rebinding.", valueName: "name"))
  var allowedHosts: [String] = []

  @Option(name: .long, help: "Largest request body in bytes (413 beyond).")
  var maxBody = ServerLimits.defaultBodyBytes

  @Option(name: .long, help: "Texts are cut at this many tokens, and a request may not ask for more (413).")
  var maxTokens = TokenLimit.short

  @Option(name: .long, help: "Requests computed at once (default: the number of cores).")
  var workers: Int?

  @Option(name: .long, help: "Requests that may wait for a worker; more are refused (429).")
  var queue = 16

  @Option(name: .long, help: "Seconds a request may take, waiting included: longer estimated work is refused (413), a request still waiting then is refused (429).")
  var timeBudget = 10.0

  func validate() throws {
    if !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535.") }
    if maxBody < 1 { throw ValidationError("--max-body must be at least 1 byte.") }
    if maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1.") }
    if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
    if queue < 0 { throw ValidationError("--queue cannot be negative.") }
    if !(timeBudget > 0) || !timeBudget.isFinite { throw ValidationError("--time-budget must be a positive number of seconds.") }
  }

  func run() throws {
    try runReportingErrors {
      var models = try EmbeddedModel.allCases.map { try $0.load() }
      for name in model where EmbeddedModel(rawValue: name) == nil { models.append(try TextModel.load(path: name)) }
      let catalog = try ModelCatalog(models: models)
      let analyses: AnalysisCatalog
      do {
        analyses = try AnalysisCatalog(directories: analysis)
      } catch let error as AnalysisDirectoryError {
        throw CommandError(error.description)
      }
      if !Self.isLoopback(host) {
        Diagnostics.warning("listening on \(host): anyone who can reach this address can use the server; it has no authentication")
      }
      let limits = ServerLimits(maxBodyBytes: maxBody, maxTokens: maxTokens,
                                workers: workers ?? ProcessInfo.processInfo.activeProcessorCount,
                                queueCapacity: queue, timeBudget: timeBudget)
      let server = ExplorerServer(catalog: catalog, analyses: analyses, reader: CommandLineOptionReader(), configuration: .init(
        host: host, port: port, allowedHosts: allowedHosts, limits: limits, generator: HTMLOutput.generator))
      let shownHost = Self.urlHost(host)
      let listening = ListeningFlag()
      do {
        try Self.block {
          try await server.run(handlingSignals: true) { port in
            listening.set()
            try? StandardOutput.write("http://\(shownHost):\(port)/\n")
            let served = catalog.entries.map(\.model.name) + analyses.entries.map { "analysis \($0.name)" }
            Diagnostics.note("serving \(served.joined(separator: ", ")); Ctrl-C stops")
          }
        }
      } catch where !listening.isSet {
        throw CommandError("could not listen on \(shownHost):\(port) (\(error)); choose another --port or --host")
      }
    }
  }

  static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }

  /// The host as a URL spells it: a wildcard bind is reached through 127.0.0.1, an IPv6 address in brackets.
  static func urlHost(_ host: String) -> String {
    if host == "0.0.0.0" || host == "::" { return "127.0.0.1" }
    return host.contains(":") ? "[\(host)]" : host
  }

  /// Whether the server got as far as listening. `@unchecked Sendable`: `value` is guarded by `lock`.
  private final class ListeningFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
  }

  /// Runs `body` to the end on Swift's concurrency threads while this (main) thread waits.
  private static func block(_ body: @escaping @Sendable () async throws -> Void) throws {
    final class Outcome: @unchecked Sendable {
      var error: (any Error)?
      let done = DispatchSemaphore(value: 0)
    }
    let outcome = Outcome()
    Task.detached {
      do { try await body() } catch { outcome.error = error }
      outcome.done.signal()
    }
    outcome.done.wait()
    if let error = outcome.error { throw error }
  }
}
