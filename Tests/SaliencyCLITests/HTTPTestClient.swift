import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal blocking HTTP/1.1 client over a loopback TCP socket, run on its own thread, so tests can send
/// exactly the bytes they mean (a foreign Host, no Host, a wrong Content-Type, a body without length) and
/// hang up early.
struct HTTPReply: Sendable {
  var status: Int
  /// Header names lower-cased.
  var headers: [String: String]
  var body: Data

  var text: String { String(decoding: body, as: UTF8.self) }
  /// The body parsed as JSON.
  var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
  /// `error` of a JSON error body.
  var error: String? { (json as? [String: Any])?["error"] as? String }
}

struct HTTPTestError: Error, CustomStringConvertible {
  let description: String
}

enum HTTPTestClient {
  /// Sends one request with `Connection: close` and reads the whole answer.
  /// - Parameter host: the Host header; nil sends none.
  static func send(port: Int, method: String = "GET", path: String, host: String? = "DEFAULT",
                   headers: [(String, String)] = [], body: Data? = nil, json: Any? = nil) async throws -> HTTPReply {
    var request = "\(method) \(path) HTTP/1.1\r\n"
    if let host { request += "Host: \(host == "DEFAULT" ? "127.0.0.1:\(port)" : host)\r\n" }
    var payload = body
    var allHeaders = headers
    if let json {
      payload = try JSONSerialization.data(withJSONObject: json)
      if !allHeaders.contains(where: { $0.0.lowercased() == "content-type" }) { allHeaders.append(("Content-Type", "application/json")) }
    }
    for (name, value) in allHeaders { request += "\(name): \(value)\r\n" }
    if let payload, !allHeaders.contains(where: { $0.0.lowercased() == "transfer-encoding" }) {
      request += "Content-Length: \(payload.count)\r\n"
    }
    request += "Connection: close\r\n\r\n"
    var bytes = Data(request.utf8)
    if let payload { bytes.append(payload) }
    let raw = try await exchange(port: port, bytes: bytes)
    return try parse(raw)
  }

  /// Writes `bytes` and reads until the server closes, on a thread of its own.
  static func exchange(port: Int, bytes: Data, hangUpAfterWriting: Bool = false) async throws -> Data {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        continuation.resume(with: Result { try blockingExchange(port: port, bytes: bytes, hangUp: hangUpAfterWriting) })
      }
      thread.start()
    }
  }

  /// Connects and writes `bytes`, leaving the connection open: the caller closes the descriptor (hangs up).
  static func open(port: Int, bytes: Data) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw HTTPTestError(description: "socket failed") }
    do {
      try connectAndWrite(fd, port: port, bytes: bytes)
    } catch {
      close(fd)
      throw error
    }
    return fd
  }

  private static func blockingExchange(port: Int, bytes: Data, hangUp: Bool) throws -> Data {
    let fd = try open(port: port, bytes: bytes)
    defer { close(fd) }
    if hangUp { return Data() }
    var answer = Data()
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = read(fd, &chunk, chunk.count)
      if count < 0, errno == EINTR { continue }
      if count < 0, errno == ECONNRESET { break }
      guard count >= 0 else { throw HTTPTestError(description: "read failed: errno \(errno)") }
      if count == 0 { break }
      answer.append(contentsOf: chunk[0..<count])
    }
    return answer
  }

  private static func connectAndWrite(_ fd: Int32, port: Int, bytes: Data) throws {
    var timeout = timeval(tv_sec: 60, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw HTTPTestError(description: "connect to port \(port) failed: errno \(errno)") }
    try bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        guard written > 0 else { throw HTTPTestError(description: "write failed: errno \(errno)") }
        offset += written
      }
    }
  }

  /// Status, headers and body (de-chunked) of a raw answer.
  static func parse(_ raw: Data) throws -> HTTPReply {
    guard let split = raw.range(of: Data("\r\n\r\n".utf8)) else {
      throw HTTPTestError(description: "no complete answer: \(String(decoding: raw, as: UTF8.self))")
    }
    let head = String(decoding: raw[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
    let statusParts = head[0].split(separator: " ")
    guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw HTTPTestError(description: "bad status line \(head[0])") }
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var body = Data(raw[split.upperBound...])
    if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
    return HTTPReply(status: status, headers: headers, body: body)
  }

  private static func dechunk(_ data: Data) -> Data {
    var result = Data()
    var rest = data[...]
    while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
      let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
      if size == 0 { break }
      let start = lineEnd.upperBound
      guard let end = rest.index(start, offsetBy: size, limitedBy: rest.endIndex) else { break }
      result.append(rest[start..<end])
      rest = rest[min(rest.endIndex, end + 2)...]
    }
    return result
  }
}
