import HTTPTypes
import Reports

/// A refused request: an HTTP status and one sentence, answered as `{"error": "message"}`.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
  public var status: HTTPResponse.Status
  public var message: String

  public init(_ status: HTTPResponse.Status, _ message: String) {
    self.status = status
    self.message = message
  }

  public var description: String { message }

  /// 400: the request is malformed or names something that does not exist; the message says what to send.
  public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
  /// 413: the body, the text or the work it asks for is over a limit of this server.
  public static func tooLarge(_ message: String) -> APIError { APIError(.contentTooLarge, message) }
  /// 429: every worker is busy and the queue is full (or the request waited past its time budget).
  public static func busy(_ message: String) -> APIError { APIError(.tooManyRequests, message) }
  /// 503: the server is shutting down.
  static let shuttingDown = APIError(.serviceUnavailable, "the server is shutting down")

  /// The JSON body of the answer.
  var json: JSONValue { .object([("error", .string(message))]) }
}
