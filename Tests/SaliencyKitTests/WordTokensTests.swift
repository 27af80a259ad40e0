import Testing
@testable import SaliencyKit

@Suite("which tokens the word tables list")
struct WordTokensTests {
  @Test("lexical keeps words, numbers, Han characters and emoji, and leaves out punctuation-only tokens")
  func lexical() {
    for token in ["good", "不", "24.99", "1", "#fail", "<url>", "@user", "don't", "😀", "♥", "é"] {
      #expect(WordTokens.lexical.admits(token), "\(token)")
    }
    for token in ["。", "，", "!", "?", ".", "~", ")", ":)", "...", "$", "+", "“", "-", " ", ""] {
      #expect(!WordTokens.lexical.admits(token), "\(token)")
    }
  }

  @Test("all keeps everything")
  func all() {
    for token in ["。", "!", "good", ""] { #expect(WordTokens.all.admits(token)) }
  }
}
