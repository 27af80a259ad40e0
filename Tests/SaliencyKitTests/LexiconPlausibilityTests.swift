import Corpus
import Testing

@testable import SaliencyKit

@Suite("Lexicon plausibility of top tokens")
struct LexiconPlausibilityTests {
  let lexicon: Lexicon
  /// Three lexicon words of every sign: `good` (+), `bad` (−), `meh` (0).
  let norms = ["this", "is", "good", "not", "bad", "meh"]

  init() throws {
    lexicon = try Lexicon(bytes: Array("good\t2\nbad\t-2\nmeh\t0\n好\t1.5\n差\t-1\n".utf8), displayName: "test.tsv")
  }

  private func shares(_ norms: [String], _ order: [Int], k: Int, _ target: String) -> [Double]? {
    LexiconPlausibility(norms: norms, order: order, k: k, target: target, lexicon: lexicon)
      .map { [$0.agreeing, $0.covered] }
  }

  @Test("the top-k positions of the order are judged; valence 0 never agrees")
  func handBuilt() {
    let order = [2, 4, 5, 0, 1, 3]  // good, bad, meh, this, is, not
    #expect(shares(norms, order, k: 3, "positive") == [1.0 / 3, 1])
    #expect(shares(norms, order, k: 3, "negative") == [1.0 / 3, 1])
    #expect(shares(norms, order, k: 1, "negative") == [0, 1])
    #expect(shares(norms, order, k: 2, "negative") == [0.5, 1])
    #expect(shares(norms, [0, 1, 3, 2, 4, 5], k: 3, "positive") == [0, 0])
    #expect(shares(["很", "好"], [1, 0], k: 1, "positive") == [1, 1])
  }

  @Test("k beyond the text's length judges every token (k' = T)")
  func kBeyondLength() {
    #expect(shares(norms, [5, 4, 3, 2, 1, 0], k: 10, "positive") == [1.0 / 6, 0.5])
    #expect(shares(["差", "好", "差"], [0, 1, 2], k: 5, "negative") == [2.0 / 3, 1])
  }

  @Test("targets other than positive and negative, and empty texts, are not judged")
  func notJudged() {
    #expect(shares(norms, [0, 1, 2, 3, 4, 5], k: 3, "neutral") == nil)
    #expect(shares(norms, [0, 1, 2, 3, 4, 5], k: 3, "Positive") == nil)
    #expect(shares([], [], k: 3, "positive") == nil)
    #expect(LexiconPlausibility.randomBaseline(
      norms: norms, k: 3, target: "2", lexicon: lexicon, baseSeed: 1, textIndex: 0) == nil)
  }

  @Test("random baseline: deterministic, shares in [0, 1], different texts draw differently")
  func randomBaselineDeterministic() throws {
    // good, bad, meh, w3, good, …: 15 of 20 tokens in the lexicon, 5 of them positive.
    let text = (0..<20).map { $0 % 4 == 3 ? "w\($0)" : ["good", "bad", "meh"][$0 % 4] }
    func baseline(_ textIndex: Int, seed: UInt64 = 7) throws -> LexiconPlausibility {
      try #require(LexiconPlausibility.randomBaseline(
        norms: text, k: 3, target: "positive", lexicon: lexicon, baseSeed: seed, textIndex: textIndex))
    }
    #expect(try baseline(0) == baseline(0))
    var results: [LexiconPlausibility] = []
    for textIndex in 0..<8 {
      let result = try baseline(textIndex)
      #expect((0...1).contains(result.agreeing) && (0...1).contains(result.covered))
      #expect(result.agreeing <= result.covered)
      results.append(result)
    }
    #expect(Set(results.map(\.covered)).count > 1)
    #expect(try (0..<8).map { try baseline($0, seed: 8) } != results)
  }

  @Test("random baseline: k ≥ T gives the whole text's shares; many seeds approach the expected shares")
  func randomBaselineValues() throws {
    let whole = try #require(LexiconPlausibility.randomBaseline(
      norms: norms, k: 6, target: "negative", lexicon: lexicon, seeds: 3, baseSeed: 1, textIndex: 4))
    #expect(whole.agreeing == 1.0 / 6 && whole.covered == 0.5)
    // E[covered] = 3/6 and E[agreeing] = 1/6 for any k; 4000 draws of 2 positions: standard errors below 0.01.
    let many = try #require(LexiconPlausibility.randomBaseline(
      norms: norms, k: 2, target: "positive", lexicon: lexicon, seeds: 4_000, baseSeed: 1, textIndex: 0))
    #expect(abs(many.covered - 0.5) < 0.03, "covered \(many.covered)")
    #expect(abs(many.agreeing - 1.0 / 6) < 0.03, "agreeing \(many.agreeing)")
  }
}
