import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Reports

/// Every request passes here first: a `Host` that is not this server's is refused (DNS rebinding), so is a
/// cross-origin `Origin` and a POST body that is not JSON; every answer gets the security headers, and every
/// error becomes `{"error": "message"}` with its status.
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
  let address: BoundAddress

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    var response: Response
    do {
      try check(request)
      response = try await next(request, context)
    } catch {
      response = Self.errorResponse(error)
    }
    response.headers[.contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
    response.headers[.cacheControl] = response.headers[.cacheControl] ?? "no-store"
    return response
  }

  private func check(_ request: Request) throws {
    let hosts = address.hosts
    guard let authority = request.head.authority, hosts?.allows(authority) == true else {
      throw APIError(.misdirectedRequest, "this server answers requests for \(hosts?.served ?? "its own address") only, not \(request.head.authority.map { "'\($0)'" } ?? "a request without a Host header")")
    }
    if let origin = request.headers[.origin], origin != "http://" + authority {
      throw APIError(.forbidden, "cross-origin requests are refused (Origin \(origin))")
    }
    if request.method == .post {
      let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
      guard type == "application/json" else {
        throw APIError(.unsupportedMediaType, "send the body as JSON, with Content-Type: application/json")
      }
    }
  }

  /// The JSON answer of an error.
  static func errorResponse(_ error: any Error) -> Response {
    let api: APIError
    switch error {
    case let error as APIError: api = error
    case is NIOTooManyBytesError: api = APIError.tooLarge("the body is too large")
    case let error as HTTPError: api = APIError(error.status, error.body ?? error.status.reasonPhrase.lowercased())
    case is CancellationError: api = APIError(.serviceUnavailable, "the request was cancelled")
    default: api = APIError(.internalServerError, "internal error: \(error)")
    }
    return JSONAnswer.response(api.json, status: api.status)
  }
}

/// The `Host` values a server answers: each allowed name with the port it listens on (and without a port when
/// that is 80).
struct AllowedHosts: Sendable {
  let names: [String]
  let port: Int

  /// Loopback names for a loopback or wildcard bind address, the address itself otherwise, plus `extra`.
  init(bind host: String, port: Int, extra: [String]) {
    var names = extra.map { $0.lowercased() }
    let loopback = ["127.0.0.1", "localhost", "::1", "0.0.0.0", "::"].contains(host) || host.hasPrefix("127.")
    if loopback { names += ["localhost", "127.0.0.1", "[::1]"] }
    if !["0.0.0.0", "::"].contains(host) { names.append(host.contains(":") ? "[\(host)]" : host.lowercased()) }
    var seen = Set<String>()
    self.names = names.filter { seen.insert($0).inserted }
    self.port = port
  }

  func allows(_ authority: String) -> Bool {
    let value = authority.lowercased()
    return names.contains { value == "\($0):\(port)" || (port == 80 && value == $0) }
  }

  /// For messages, e.g. `localhost:8765, 127.0.0.1:8765, [::1]:8765`.
  var served: String { names.map { "\($0):\(port)" }.joined(separator: ", ") }
}

/// JSON answers.
enum JSONAnswer {
  static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    var buffer = ByteBuffer()
    buffer.writeString(value.serialized())
    buffer.writeString("\n")
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                    body: ResponseBody(byteBuffer: buffer))
  }
}

/// The address a server listens on, known once it has bound (port 0 picks a free port).
/// `@unchecked Sendable`: `hosts` is read and written under `lock`.
final class BoundAddress: @unchecked Sendable {
  private let lock = NSLock()
  private var value: AllowedHosts?

  var hosts: AllowedHosts? {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue } }
  }
}
