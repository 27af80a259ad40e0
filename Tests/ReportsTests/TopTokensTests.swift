import Testing
@testable import Reports

@Suite struct TopTokensTests {
  let scores: [Double] = [0.5, -0.2, 0.5, 0.1, -0.5, 0, .nan, -0.2, 0.7]

  @Test func positiveByMagnitudeThenPosition() {
    #expect(TopTokens.mostPositive(scores, k: 2) == [8, 0])
    #expect(TopTokens.mostPositive(scores, k: 3) == [8, 0, 2])
    #expect(TopTokens.mostPositive(scores, k: 10) == [8, 0, 2, 3])
  }

  @Test func negativeByMagnitudeThenPosition() {
    #expect(TopTokens.mostNegative(scores, k: 10) == [4, 1, 7])
    #expect(TopTokens.mostNegative(scores, k: 2) == [4, 1])
  }

  @Test func degenerate() {
    #expect(TopTokens.mostPositive(scores, k: 0).isEmpty)
    #expect(TopTokens.mostPositive([], k: 3).isEmpty)
    #expect(TopTokens.mostNegative([0, 0, .nan], k: 3).isEmpty)
  }

  @Test func renderedListsAreOrderedWithTiesInReadingOrder() {
    let pieces = ["a", "b", "c", "d", "e"]
    let document = TestSupport.document(text: "a b c d e", pieces: pieces, scores: [0.2, -0.4, 0.2, 0.3, -0.4])
    let lines = ANSIRenderer(colorMode: .none, width: 80, topK: 2).render(document).split(separator: "\n")
    #expect(lines.contains("  most supporting positive: #4 d +0.300  #1 a +0.200"))
    #expect(lines.contains("  most opposing positive:   #2 b -0.400  #5 e -0.400"))
  }

  @Test func classIndependentAndUnsignedTitles() {
    let pieces = ["a", "b"]
    let trajectory = TestSupport.document(text: "a b", pieces: pieces, scores: [0.5, -0.1], sign: .classIndependent)
    let text = ANSIRenderer(colorMode: .none, topK: 1).render(trajectory)
    #expect(text.contains("  toward h_T:    #1 a +0.500\n"))
    #expect(text.contains("  away from h_T: #2 b -0.100\n"))
    let gradient = TestSupport.document(text: "a b", pieces: pieces, scores: [0.5, 0.9], sign: .unsigned)
    let unsigned = ANSIRenderer(colorMode: .none, topK: 5).render(gradient)
    #expect(unsigned.contains("  largest: #2 b 0.900  #1 a 0.500\n"))
    #expect(!unsigned.contains("opposing"))
  }

  @Test("a repeated word is told apart by its position in the lists")
  func repeatedWordsCarryPositions() {
    let pieces = ["bad", "film", "bad", "acting"]
    let document = TestSupport.document(text: "bad film bad acting", pieces: pieces, scores: [0.41, 0.01, 0.3, -0.2])
    let text = ANSIRenderer(colorMode: .none, topK: 2).render(document)
    #expect(text.contains("  most supporting positive: #1 bad +0.410  #3 bad +0.300\n"))
    #expect(text.contains("  most opposing positive:   #4 acting -0.200\n"))
    #expect(TopTokens.label(0) == "#1")
  }
}
