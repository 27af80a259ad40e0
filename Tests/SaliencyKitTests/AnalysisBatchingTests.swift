import Testing
@testable import SaliencyKit

@Suite("Corpus analysis: batches of similar length under a token budget")
struct AnalysisBatchingTests {
  @Test("short texts fill a batch up to its size")
  func shortTexts() {
    let batches = CorpusAnalysis.batches(of: Array(0..<5), tokenCounts: [3, 3, 3, 3, 3], size: 2)
    #expect(batches == [[0, 1], [2, 3], [4]])
  }

  @Test("long texts go fewer to a batch; a text longer than the budget goes alone")
  func longTexts() {
    let limit = 2 * CorpusAnalysis.tokensPerText
    let counts = [limit + 5, limit / 2, limit / 2, limit / 2, 1]
    let batches = CorpusAnalysis.batches(of: [0, 1, 2, 3, 4], tokenCounts: counts, size: 2)
    #expect(batches == [[0], [1, 2], [3, 4]])
  }

  @Test("every text is in exactly one batch, in the given order")
  func coversTheOrder() {
    let counts = (0..<40).map { ($0 * 37) % 300 + 1 }
    let order = Array((0..<40).reversed())
    let batches = CorpusAnalysis.batches(of: order, tokenCounts: counts, size: 4)
    #expect(batches.joined().elementsEqual(order))
    #expect(batches.allSatisfy { !$0.isEmpty && $0.count <= 4 })
    #expect(batches.allSatisfy { $0.count == 1 || $0.reduce(0) { $0 + counts[$1] } <= 4 * CorpusAnalysis.tokensPerText })
  }
}
