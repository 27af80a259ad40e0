import Testing

@testable import Corpus

private let backoff = Tokenizer(kind: .wordJiebaBackoff)
private let words = Tokenizer(kind: .wordJieba)
private let characters = Tokenizer()

@Suite struct TokenizerBackoffTests {
  /// 屏幕|很|好|，|但是|电池|不行|！ in jieba words.
  static let text = "屏幕很好，但是电池不行！"

  @Test func aWordTheVocabularyLacksIsReadAsItsCharacters() throws {
    let vocabulary = try Vocabulary(tokens: ["<pad>", "<unk>", "屏幕", "很", "好", ",", "电", "池", "不行", "!"])
    let tokens = backoff.tokenize(Self.text, vocabulary: vocabulary)
    // 但是 and 电池 are not in the vocabulary: both stay in characters, whether the characters are known or not.
    #expect(tokens.map(\.text) == ["屏幕", "很", "好", "，", "但", "是", "电", "池", "不行", "！"])
    #expect(tokens.map(\.start) == [0, 2, 3, 4, 5, 6, 7, 8, 9, 11])
    #expect(tokens.map(\.end) == [2, 3, 4, 5, 6, 7, 8, 9, 11, 12])
    #expect(tokens.map(\.norm) == ["屏幕", "很", "好", ",", "但", "是", "电", "池", "不行", "!"])
  }

  @Test func withoutAVocabularyTheTokensAreWords() {
    #expect(backoff.tokenize(Self.text) == words.tokenize(Self.text))
  }

  @Test func theOtherKindsDoNotReadTheVocabulary() throws {
    let vocabulary = try Vocabulary(tokens: ["<pad>", "<unk>", "很"])
    #expect(words.tokenize(Self.text, vocabulary: vocabulary) == words.tokenize(Self.text))
    #expect(characters.tokenize(Self.text, vocabulary: vocabulary) == characters.tokenize(Self.text))
  }

  @Test func mixedScriptWordsBackOffToTheirCharacterTokensWithTheirNorms() throws {
    // T恤 is one jieba word of two character tokens, T and 恤; lower-cased norms; the bytes before it are skipped.
    let text = "买了一件T恤 ok"
    let known = try Vocabulary(tokens: ["<pad>", "<unk>", "t恤"])
    #expect(backoff.tokenize(text, vocabulary: known).map(\.text) == ["买", "了", "一", "件", "T恤", "ok"])
    let tokens = backoff.tokenize(text, vocabulary: .empty)
    #expect(tokens == characters.tokenize(text))
    #expect(tokens.map(\.norm) == ["买", "了", "一", "件", "t", "恤", "ok"])
  }

  @Test func maxTokensCountsTheTokensAfterBackingOff() throws {
    let (tokens, truncated) = backoff.tokenize(Self.text, maxTokens: 5, vocabulary: .empty)
    #expect(tokens.map(\.text) == ["屏", "幕", "很", "好", "，"])
    #expect(truncated)
  }

  /// Every token is a word token or one of the character tokens of a word the vocabulary lacks; the tokens
  /// cover the character tokens in order.
  @Test(arguments: jiebaReference.map(\.text))
  func backedOffTokensAreWordsOrTheirCharacters(_ text: String) throws {
    let wordTokens = words.tokenize(text)
    // A vocabulary of every other word: half the multi-character words back off.
    let kept = wordTokens.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.norm)
    let vocabulary = Vocabulary.build(counting: [kept])
    let tokens = backoff.tokenize(text, vocabulary: vocabulary)
    let byCharacter = characters.tokenize(text)
    var expectedCount = 0
    for (word, parts) in zip(wordTokens, characterParts(of: wordTokens, in: byCharacter)) {
      let expected = parts.count > 1 && !vocabulary.contains(word.norm) ? parts : [word]
      expectedCount += expected.count
      let produced = tokens.filter { $0.start >= word.start && $0.end <= word.end }
      #expect(produced == expected, "\(word) in \(text.debugDescription)")
    }
    #expect(tokens.count == expectedCount)
  }
}
