import Foundation
@testable import SaliencyServer
import SaliencyKit
import Testing

/// `RememberingOptionReader` parses each set of method fields once, forgets the oldest beyond its capacity, and
/// never remembers a refusal.
@Suite("saliency serve: remembered option parses")
struct RememberingOptionReaderTests {
  /// Counts the parses it is asked for; refuses the method `bogus`.
  private final class CountingReader: RequestOptionReader, @unchecked Sendable {
    private let lock = NSLock()
    private var explainCalls = 0
    private var scoreCalls = 0
    var counts: (explain: Int, score: Int) { lock.withLock { (explainCalls, scoreCalls) } }

    func explainPlan(_ fields: MethodFields) throws -> ExplainPlan {
      lock.withLock { explainCalls += 1 }
      if fields.method == "bogus" { throw APIError.badRequest("Unknown method 'bogus'") }
      return ExplainPlan(settings: MethodSettings(methods: [], parameters: .init())) { model in Explainer(model: model, methods: []) }
    }

    func scoreMaxTokens(_ value: OptionArgument?) throws -> Int {
      lock.withLock { scoreCalls += 1 }
      guard case .text(let text)? = value else { return 500 }
      guard let limit = Int(text), limit > 0 else { throw APIError.badRequest("--max-tokens must be a positive integer") }
      return limit
    }
  }

  private func fields(method: String?, steps: String? = nil) -> MethodFields {
    MethodFields(method: method, target: nil, maxTokens: nil, options: steps.map { [(.steps, .text($0))] } ?? [])
  }

  @Test("The same fields are parsed once; different fields, option values included, each once")
  func parsesOnce() throws {
    let base = CountingReader()
    let reader = RememberingOptionReader(base)
    for _ in 0..<3 {
      _ = try reader.explainPlan(fields(method: "occlusion"))
      _ = try reader.explainPlan(fields(method: "integrated-gradients", steps: "8"))
      _ = try reader.explainPlan(fields(method: "integrated-gradients", steps: "16"))
      #expect(try reader.scoreMaxTokens(.text("7")) == 7)
      #expect(try reader.scoreMaxTokens(nil) == 500)
    }
    #expect(base.counts == (3, 2))
  }

  @Test("A refusal is not remembered: the base reader refuses again, with its own message")
  func refusalsAskAgain() {
    let base = CountingReader()
    let reader = RememberingOptionReader(base)
    for _ in 0..<2 {
      #expect(throws: APIError.badRequest("Unknown method 'bogus'")) { try reader.explainPlan(fields(method: "bogus")) }
      #expect(throws: APIError.badRequest("--max-tokens must be a positive integer")) { try reader.scoreMaxTokens(.text("0")) }
    }
    #expect(base.counts == (2, 2))
  }

  @Test("Beyond its capacity the reader forgets the oldest fields and parses them again")
  func forgetsOldest() throws {
    let base = CountingReader()
    let reader = RememberingOptionReader(base, capacity: 2)
    for steps in ["1", "2", "3"] { _ = try reader.explainPlan(fields(method: "integrated-gradients", steps: steps)) }
    _ = try reader.explainPlan(fields(method: "integrated-gradients", steps: "3"))
    _ = try reader.explainPlan(fields(method: "integrated-gradients", steps: "2"))
    #expect(base.counts.explain == 3)
    _ = try reader.explainPlan(fields(method: "integrated-gradients", steps: "1"))
    #expect(base.counts.explain == 4)
  }

  @Test("A memo holds at most its capacity, the most recently added")
  func memoBound() {
    var memo = BoundedMemo<Int, String>(capacity: 3)
    for key in 0..<10 { memo.remember(String(key), for: key) }
    #expect(memo.count == 3)
    #expect((0..<10).map { memo.value(for: $0) } == [nil, nil, nil, nil, nil, nil, nil, "7", "8", "9"])
    memo.remember("nine", for: 9)
    #expect(memo.count == 3 && memo.value(for: 7) == "7" && memo.value(for: 9) == "nine")
  }
}
