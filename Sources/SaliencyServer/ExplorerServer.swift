import Foundation
import Hummingbird
import Logging
import NIOCore
import Reports
import Saliency
import SaliencyKit
import ServiceLifecycle
import UnixSignals

/// `saliency serve`: the JSON API and the explain page over HTTP/1.1, on Hummingbird.
///
/// Routes: `GET /` (the page), `GET /app.js`, `GET /app.css`, `GET /favicon.ico` (204), `GET /api/models`, `GET /api/methods`,
/// `POST /api/explain`, `POST /api/score`, `POST /api/view`, `POST /api/report`, and the corpus endpoints
/// `GET /api/analyses`, `GET /api/analyses/{id}/examples`, `GET /api/analyses/{id}/examples/{index}`,
/// `GET /api/analyses/{id}/words`. Every request passes `RequestGuard` (Host, Origin, JSON bodies, security
/// headers, errors as JSON).
public final class ExplorerServer: Sendable {
  public struct Configuration: Sendable {
    /// Address to bind, e.g. `127.0.0.1`.
    public var host: String
    /// 0 picks a free port (tests).
    public var port: Int
    /// More names the `Host` header may carry (`--allow-host`), besides the bind address and, for a loopback
    /// or wildcard bind, `localhost`, `127.0.0.1` and `[::1]`.
    public var allowedHosts: [String]
    public var limits: ServerLimits
    /// The generator line of exported HTML reports, e.g. `saliency 1.2.0`.
    public var generator: String

    public init(host: String = "127.0.0.1", port: Int = 8765, allowedHosts: [String] = [], limits: ServerLimits = ServerLimits(),
                generator: String = "saliency") {
      self.host = host
      self.port = port
      self.allowedHosts = allowedHosts
      self.limits = limits
      self.generator = generator
    }
  }

  public let configuration: Configuration
  let catalog: ModelCatalog
  let queue: WorkQueue
  private let service: ExplainService
  private let corpus: CorpusService
  private let address = BoundAddress()
  private let group = GroupBox()

  public init(catalog: ModelCatalog, analyses: AnalysisCatalog = AnalysisCatalog(), reader: any RequestOptionReader,
              configuration: Configuration) {
    self.catalog = catalog
    self.configuration = configuration
    queue = WorkQueue(workers: configuration.limits.workers, capacity: configuration.limits.queueCapacity)
    service = ExplainService(catalog: catalog, reader: reader, limits: configuration.limits, queue: queue)
    corpus = CorpusService(catalog: analyses, queue: queue, limits: configuration.limits)
  }

  /// Serves until `shutDown()` or, with `handlingSignals`, SIGINT or SIGTERM; then refuses waiting requests
  /// (503), lets the ones being computed finish, and returns.
  /// - Parameter onRunning: called with the port once the server listens.
  public func run(handlingSignals: Bool, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
    let router = Router()
    router.add(middleware: RequestGuard(address: address))
    routes(router)
    var logger = Logger(label: "saliency-serve")
    logger.logLevel = .critical
    let app = Application(
      router: router,
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
      onServerRunning: { [address, configuration] channel in
        let port = channel.localAddress?.port ?? configuration.port
        address.hosts = AllowedHosts(bind: configuration.host, port: port, extra: configuration.allowedHosts)
        await onRunning(port)
      },
      logger: logger)
    // Shut down in reverse order: first the queue (waiting requests get 503), then the HTTP server, which
    // finishes the requests in flight.
    let serviceGroup = ServiceGroup(configuration: .init(
      services: [app, QueueCloser(queue: queue)],
      gracefulShutdownSignals: handlingSignals ? [.sigint, .sigterm] : [],
      logger: logger))
    if group.set(serviceGroup) { await serviceGroup.triggerGracefulShutdown() }
    try await serviceGroup.run()
  }

  /// Starts the graceful shutdown of the server (what SIGINT does); called before `run`, `run` shuts down as
  /// soon as it starts.
  public func shutDown() async {
    await group.request()?.triggerGracefulShutdown()
  }

  private func routes(_ router: Router<BasicRequestContext>) {
    router.get("/") { _, _ in PageAssets.response(PageAssets.html, type: "text/html; charset=utf-8") }
    router.get("/app.js") { _, _ in PageAssets.response(PageAssets.script, type: "text/javascript; charset=utf-8") }
    router.get("/app.css") { _, _ in PageAssets.response(PageAssets.stylesheet, type: "text/css; charset=utf-8") }
    // Browsers ask for an icon on their own; there is none, and a 404 would be a console error.
    router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
    router.get("/api/models") { [catalog] _, _ in
      JSONAnswer.response(.array(catalog.entries.map { $0.model.cardJSON() }))
    }
    router.get("/api/methods") { _, _ in JSONAnswer.response(MethodCatalog.json) }
    router.post("/api/explain") { [self] request, _ in
      try await answer(request) { try await self.service.explain($0) }
    }
    router.post("/api/score") { [self] request, _ in
      try await answer(request) { try await self.service.score($0) }
    }
    router.post("/api/view") { [self] request, _ in
      try await answer(request) { try await self.service.view($0) }
    }
    router.post("/api/report") { [self] request, _ in
      let scale = try Self.scale(Self.query(request))
      return try await read(request) { parsed in
        let html = try await self.service.report(parsed, scale: scale, generator: self.configuration.generator)
        var response = PageAssets.response(html, type: "text/html; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"explanation.html\""
        return response
      }
    }
    router.get("/api/analyses") { [corpus] _, _ in JSONAnswer.response(corpus.list) }
    router.get("/api/analyses/:id/examples") { [corpus] request, context in
      JSONAnswer.response(try await corpus.examples(analysis: context.parameters.get("id") ?? "", parameters: Self.query(request)))
    }
    router.get("/api/analyses/:id/examples/:index") { [corpus] _, context in
      JSONAnswer.response(try corpus.example(analysis: context.parameters.get("id") ?? "", index: context.parameters.get("index") ?? ""))
    }
    router.get("/api/analyses/:id/words") { [corpus] request, context in
      JSONAnswer.response(try corpus.words(analysis: context.parameters.get("id") ?? "", parameters: Self.query(request)))
    }
  }

  /// The query string's parameters, in order.
  private static func query(_ request: Request) -> [(String, String)] {
    request.uri.queryParameters.map { (String($0.key), String($0.value)) }
  }

  /// The `scale` parameter of `/api/report` (default `absolute`, as `explain --format html`).
  private static func scale(_ parameters: [(String, String)]) throws -> HTMLReportDocument.Scale {
    var scale = HTMLReportDocument.Scale.absolute
    for (name, value) in parameters {
      guard name == "scale" else { throw APIError.badRequest("unknown parameter '\(name)'; /api/report takes scale only") }
      guard let choice = HTMLReportDocument.Scale(rawValue: value) else {
        throw APIError.badRequest("scale must be one of \(HTMLReportDocument.Scale.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value.prefix(40))'")
      }
      scale = choice
    }
    return scale
  }

  /// Answers the JSON that `body` makes of the request's body.
  private func answer(_ request: Request, _ body: @escaping @Sendable (APIRequest) async throws -> JSONValue) async throws -> Response {
    try await read(request) { JSONAnswer.response(try await body($0)) }
  }

  /// Reads the body (refused with 413 past the limit) and answers what `body` makes of it; the work is
  /// cancelled if the client goes away first.
  private func read(_ request: Request, _ body: @escaping @Sendable (APIRequest) async throws -> Response) async throws -> Response {
    let limit = configuration.limits.maxBodyBytes
    if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
      throw APIError.tooLarge("the body has \(length) bytes, over this server's limit of \(limit) (saliency serve --max-body)")
    }
    return try await request.body.consumeWithCancellationOnInboundClose { stream in
      let buffer: ByteBuffer
      do {
        buffer = try await stream.collect(upTo: limit)
      } catch is NIOTooManyBytesError {
        throw APIError.tooLarge("the body is over this server's limit of \(limit) bytes (saliency serve --max-body)")
      }
      return try await body(try APIRequest(json: Data(buffer.readableBytesView)))
    }
  }
}

/// Closes the work queue when the service group shuts down.
private struct QueueCloser: Service {
  let queue: WorkQueue

  func run() async throws {
    try? await gracefulShutdown()
    queue.close()
  }
}

/// The running service group, for `shutDown()`, and whether a shutdown was asked for before it ran.
/// `@unchecked Sendable`: `value` and `requested` are read and written under `lock`.
private final class GroupBox: @unchecked Sendable {
  private let lock = NSLock()
  private var value: ServiceGroup?
  private var requested = false

  /// Stores the group; true when a shutdown was already asked for.
  func set(_ group: ServiceGroup) -> Bool {
    lock.withLock {
      value = group
      return requested
    }
  }

  /// Notes the request; the group to shut down, if it runs already.
  func request() -> ServiceGroup? {
    lock.withLock {
      requested = true
      return value
    }
  }
}
