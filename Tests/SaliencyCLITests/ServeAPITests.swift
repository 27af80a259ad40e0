import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import SaliencyServer
import Testing

/// `saliency serve`'s JSON API, on a server inside the test process: every endpoint, every error status, the
/// Host check, the limits, concurrent requests and shutdown. Answers are compared with the `saliency`
/// executable's own output, so the API and the command line cannot drift apart.
@Suite("saliency serve: the JSON API")
struct ServeAPITests {
  /// The JSON the executable prints for `arguments`.
  private func cliJSON(_ arguments: [String]) throws -> NSDictionary {
    let outcome = try CommandRunner.run(arguments)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? NSDictionary)
  }

  @Test("GET /api/models lists both defaults with their labels and config; every answer carries the CSP")
  func models() async throws {
    try await ServeTestServer.with { _, port in
      let reply = try await HTTPTestClient.send(port: port, path: "/api/models")
      #expect(reply.status == 200)
      #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true)
      #expect(reply.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true)
      let models = try #require(reply.json as? [[String: Any]])
      #expect(models.map { $0["name"] as? String } == ["default-zh", "default-en"])
      for model in models {
        #expect(model["labels"] as? [String] == ["negative", "positive"])
        #expect(model["config"] is [String: Any])
      }
    }
  }

  @Test("POST /api/explain answers exactly what explain --format json prints, for the default and for named methods",
        arguments: [
          ("{}", [String]()),
          (#"{"method": "occlusion,grad-input", "erasure": "unk"}"#, ["--method", "occlusion,grad-input", "--erasure", "unk"]),
          (#"{"method": "trajectory,integrated-gradients", "normalize": true, "steps": 8, "target": "positive"}"#,
           ["--method", "trajectory,integrated-gradients", "--normalize", "--steps", "8", "--target", "positive"]),
        ])
  func explainMatchesCommandLine(_ fields: String, _ flags: [String]) async throws {
    let text = "The food was cold but the staff were lovely."
    let expected = try cliJSON(["explain", "--format", "json"] + flags + [text])
    try await ServeTestServer.with { _, port in
      var body = try #require(try JSONSerialization.jsonObject(with: Data(fields.utf8)) as? [String: Any])
      body["text"] = text
      let reply = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: body)
      #expect(reply.status == 200, "\(reply.text)")
      let answer = try #require(reply.json as? NSDictionary)
      #expect(answer == expected)
    }
  }

  @Test("Han text goes to default-zh without a model; token ids need a model and then explain '#id' tokens")
  func modelChoice() async throws {
    try await ServeTestServer.with { _, port in
      let zh = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: ["text": "屏幕很好"])
      #expect(((zh.json as? [String: Any])?["model"] as? [String: Any])?["name"] as? String == "default-zh")
      let noModel = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: ["token_ids": [5, 17]])
      #expect(noModel.status == 400)
      #expect(noModel.error?.contains("token_ids needs an explicit model") == true)
      let ids = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain",
                                              json: ["token_ids": [5, 17, 42], "model": "default-en", "method": "lrp"])
      #expect(ids.status == 200, "\(ids.text)")
      let expected = try cliJSON(["explain", "--format", "json", "--model", "default-en", "--token-ids", "5,17,42", "--method", "lrp"])
      #expect(ids.json as? NSDictionary == expected)
      let unknown = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: ["text": "hi", "model": "/etc/passwd"])
      #expect(unknown.status == 400)
      #expect(unknown.error?.hasPrefix("unknown model '/etc/passwd'") == true)
    }
  }

  @Test("Bad method options are refused with 400 and the command line's own message",
        arguments: [
          (#"{"method": "bogus"}"#, ["--method", "bogus"]),
          (#"{"method": ""}"#, ["--method", ""]),
          (#"{"erasure": "sideways", "method": "occlusion"}"#, ["--erasure", "sideways", "--method", "occlusion"]),
          (#"{"steps": 10}"#, ["--steps", "10"]),
          (#"{"method": "integrated-gradients", "steps": 0}"#, ["--method", "integrated-gradients", "--steps", "0"]),
          (#"{"method": "integrated-gradients", "steps": "many"}"#, ["--method", "integrated-gradients", "--steps", "many"]),
          (#"{"method": "trajectory", "normalize": "yes"}"#, ["--method", "trajectory", "--normalize=yes"]),
          (#"{"max_tokens": 0}"#, ["--max-tokens", "0"]),
          (#"{"target": "neutral"}"#, ["--target", "neutral"]),
        ])
  func sameMessagesAsCommandLine(_ fields: String, _ flags: [String]) async throws {
    let text = "not bad at all"
    let outcome = try CommandRunner.run(["explain", "--format", "json"] + flags + [text])
    #expect(outcome.status != 0)
    try await ServeTestServer.with { _, port in
      var body = try #require(try JSONSerialization.jsonObject(with: Data(fields.utf8)) as? [String: Any])
      body["text"] = text
      let reply = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: body)
      #expect(reply.status == 400, "\(reply.text)")
      let message = try #require(reply.error)
      #expect(!message.isEmpty)
      #expect(outcome.stderr.contains(message), "API: \(message)\nCLI: \(outcome.stderr)")
    }
  }

  @Test("Malformed bodies are 400 with a message that says what to send")
  func malformedBodies() async throws {
    try await ServeTestServer.with { _, port in
      let cases: [(Data, String)] = [
        (Data("{\"text\": ".utf8), "not valid JSON"),
        (Data("[1, 2]".utf8), "must be a JSON object"),
        (Data("{}".utf8), "give the input as"),
        (Data("{\"text\": 5}".utf8), "text must be a string"),
        (Data("{\"text\": \"a\", \"token_ids\": [1]}".utf8), "not both"),
        (Data("{\"token_ids\": [1.5], \"model\": \"default-en\"}".utf8), "array of integers"),
        (Data("{\"text\": \"a\", \"colour\": \"red\"}".utf8), "unknown field 'colour'"),
        (Data("{\"text\": \"a\", \"steps\": [1]}".utf8), "steps must be a string, a number or a Boolean"),
        (Data("{\"text\": \"   \"}".utf8), "the text is empty"),
        (Data("{\"token_ids\": [999999999], \"model\": \"default-en\"}".utf8), "invalid --token-ids"),
      ]
      for (body, expected) in cases {
        let reply = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain",
                                                  headers: [("Content-Type", "application/json")], body: body)
        #expect(reply.status == 400, "\(String(decoding: body, as: UTF8.self)): \(reply.text)")
        #expect(reply.error?.contains(expected) == true, "\(reply.text)")
      }
    }
  }

  @Test("POST /api/score answers what score --format json prints; its max_tokens is score's")
  func score() async throws {
    let text = "Worst customer service I have ever had."
    let expected = try cliJSON(["score", "--format", "json", text])
    let cut = try cliJSON(["score", "--format", "json", "--max-tokens", "2", text])
    try await ServeTestServer.with { _, port in
      let reply = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/score", json: ["text": text])
      #expect(reply.status == 200, "\(reply.text)")
      #expect(reply.json as? NSDictionary == expected)
      let short = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/score", json: ["text": text, "max_tokens": 2])
      #expect(short.json as? NSDictionary == cut)
      let bad = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/score", json: ["text": text, "max_tokens": -1])
      #expect(bad.status == 400)
      #expect(bad.error == "--max-tokens must be at least 1.")
    }
  }

  @Test("A Host that is not the server's is 421, a foreign Origin 403, a body that is not JSON 415; --allow-host adds a name")
  func hostAndOrigin() async throws {
    try await ServeTestServer.with(allowedHosts: ["saliency.test"]) { _, port in
      for host in ["localhost:\(port)", "[::1]:\(port)", "saliency.test:\(port)", "LOCALHOST:\(port)"] {
        #expect(try await HTTPTestClient.send(port: port, path: "/api/models", host: host).status == 200, "\(host)")
      }
      for host in ["evil.example:\(port)", "127.0.0.1", "127.0.0.1:\(port + 1)", "localhost.evil.example:\(port)"] {
        let reply = try await HTTPTestClient.send(port: port, path: "/api/models", host: host)
        #expect(reply.status == 421, "\(host)")
        #expect(reply.error?.contains("answers requests for") == true)
      }
      let noHost = try await HTTPTestClient.send(port: port, path: "/api/models", host: nil)
      #expect(noHost.status == 421 || noHost.status == 400)
      let foreign = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/score",
                                                  headers: [("Origin", "http://evil.example")], json: ["text": "hi"])
      #expect(foreign.status == 403)
      let same = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/score",
                                               headers: [("Origin", "http://127.0.0.1:\(port)")], json: ["text": "hi"])
      #expect(same.status == 200)
      let form = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/score",
                                               headers: [("Content-Type", "text/plain")], body: Data("{\"text\":\"hi\"}".utf8))
      #expect(form.status == 415)
      let missing = try await HTTPTestClient.send(port: port, path: "/api/nothing")
      #expect(missing.status == 404)
      #expect(missing.error != nil)
    }
  }

  @Test("Bodies over --max-body are 413 (with and without a length), so is max_tokens over --max-tokens and work over --time-budget")
  func limits() async throws {
    try await ServeTestServer.with(ServerLimits(maxBodyBytes: 200, maxTokens: 50)) { _, port in
      let long = String(repeating: "good ", count: 100)
      let sized = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: ["text": long])
      #expect(sized.status == 413)
      #expect(sized.error?.contains("over this server's limit of 200") == true)
      let chunkedBody = Data("{\"text\": \"\(long)\"}".utf8)
      var chunked = Data(String(chunkedBody.count, radix: 16).utf8) + Data("\r\n".utf8) + chunkedBody + Data("\r\n0\r\n\r\n".utf8)
      chunked = Data("POST /api/explain HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".utf8) + chunked
      let unsized = try HTTPTestClient.parse(try await HTTPTestClient.exchange(port: port, bytes: chunked))
      #expect(unsized.status == 413)
      let asked = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: ["text": "good", "max_tokens": 51])
      #expect(asked.status == 413)
      #expect(asked.error?.contains("max_tokens 51 is over this server's limit of 50") == true)
      let cut = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/score", json: ["text": String(repeating: "ok ", count: 60)])
      #expect(cut.status == 200)
      #expect((cut.json as? [String: Any])?["truncated"] as? Bool == true)
    }
    try await ServeTestServer.with(ServerLimits(timeBudget: 1e-9)) { _, port in
      let reply = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: ["text": "fine", "method": "shapley"])
      #expect(reply.status == 413)
      #expect(reply.error?.contains("time budget") == true, "\(reply.text)")
    }
  }

  @Test("With every worker busy and the queue full the next request is 429; the waiting one then completes")
  func busy() async throws {
    try await ServeTestServer.with(ServerLimits(workers: 1, queueCapacity: 1)) { server, port in
      let gate = WorkerGate()
      let hold = Task { try await server.queue.run(deadline: .now + .seconds(60)) { gate.wait() } }
      try await ServeTestServer.waitUntil { server.queue.load.running == 1 }
      let waiting = Task { try await HTTPTestClient.send(port: port, method: "POST", path: "/api/score", json: ["text": "fine"]) }
      try await ServeTestServer.waitUntil { server.queue.load.waiting == 1 }
      let refused = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/score", json: ["text": "fine"])
      #expect(refused.status == 429)
      #expect(refused.error?.contains("busy") == true)
      gate.open()
      try await hold.value
      #expect(try await waiting.value.status == 200)
    }
  }

  @Test("A client that hangs up takes its waiting request out of the queue")
  func disconnectCancels() async throws {
    try await ServeTestServer.with(ServerLimits(workers: 1, queueCapacity: 4)) { server, port in
      let gate = WorkerGate()
      let hold = Task { try await server.queue.run(deadline: .now + .seconds(60)) { gate.wait() } }
      try await ServeTestServer.waitUntil { server.queue.load.running == 1 }
      let body = Data("{\"text\": \"fine\"}".utf8)
      let request = Data("POST /api/score HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
      let connection = try HTTPTestClient.open(port: port, bytes: request)
      try await ServeTestServer.waitUntil { server.queue.load.waiting == 1 }
      close(connection)
      // Dropped from the queue as soon as the server sees the connection close, while the worker is still held.
      try await ServeTestServer.waitUntil { server.queue.load.waiting == 0 }
      #expect(server.queue.load == WorkQueue.Load(running: 1, waiting: 0))
      gate.open()
      try await hold.value
    }
  }

  @Test("Concurrent requests all succeed and agree")
  func concurrent() async throws {
    try await ServeTestServer.with(ServerLimits(workers: 2, queueCapacity: 32)) { _, port in
      let replies = try await withThrowingTaskGroup(of: HTTPReply.self) { group in
        for index in 0..<12 {
          group.addTask {
            try await HTTPTestClient.send(port: port, method: "POST", path: index % 2 == 0 ? "/api/explain" : "/api/score",
                                          json: ["text": "the battery life is great"])
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      #expect(replies.allSatisfy { $0.status == 200 })
      #expect(Set(replies.map(\.text)).count == 2, "one answer per endpoint")
    }
  }

  @Test("Shutdown refuses waiting requests with 503, finishes the one computing, then stops listening")
  func shutdown() async throws {
    var port = 0
    let gate = WorkerGate()
    try await ServeTestServer.with(ServerLimits(workers: 1, queueCapacity: 4)) { server, bound in
      port = bound
      let computing = Task { try await server.queue.run(deadline: .now + .seconds(60)) { gate.wait(); return 7 } }
      try await ServeTestServer.waitUntil { server.queue.load.running == 1 }
      let waiting = Task { try await HTTPTestClient.send(port: bound, method: "POST", path: "/api/score", json: ["text": "fine"]) }
      try await ServeTestServer.waitUntil { server.queue.load.waiting == 1 }
      await server.shutDown()
      let refused = try await waiting.value
      #expect(refused.status == 503)
      #expect(refused.error == "the server is shutting down")
      gate.open()
      #expect(try await computing.value == 7)
    }
    await #expect(throws: (any Error).self) { try await HTTPTestClient.send(port: port, path: "/api/models") }
  }

  @Test("The page and its script and stylesheet come from the binary, under the CSP, with no inline handlers or innerHTML, under 300 KB")
  func page() async throws {
    try await ServeTestServer.with { _, port in
      let page = try await HTTPTestClient.send(port: port, path: "/")
      #expect(page.status == 200)
      #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
      #expect(page.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true)
      #expect(page.text.contains("<script src=\"/app.js\""))
      #expect(!page.text.contains("<script>") && !page.text.contains("<style>"))
      #expect(page.text.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil)
      let script = try await HTTPTestClient.send(port: port, path: "/app.js")
      #expect(script.status == 200)
      #expect(!script.text.contains("innerHTML") && !script.text.contains("insertAdjacentHTML") && !script.text.contains("eval("))
      let style = try await HTTPTestClient.send(port: port, path: "/app.css")
      #expect(style.text.contains(".p20{"), "the report's colour classes")
      // Everything the page loads (the issue's limit: 300 KB).
      #expect(page.body.count + script.body.count + style.body.count < 300_000)
      #expect(!script.text.contains("outerHTML") && !script.text.contains("new Function"))
      let icon = try await HTTPTestClient.send(port: port, path: "/favicon.ico")
      #expect(icon.status == 204, "a browser's icon request is no console error")
      let methods = try await HTTPTestClient.send(port: port, path: "/api/methods")
      let ids = ((methods.json as? [String: Any])?["methods"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
      #expect(ids?.contains("occlusion") == true && ids?.contains("trajectory") == true)
    }
  }
}
