import Testing

@testable import Corpus

/// `(text, norm, start, end)` of every token.
private func tokens(_ text: String, _ tokenizer: Tokenizer) -> [[String]] {
  tokenizer.tokenize(text).map { [$0.text, $0.norm, String($0.start), String($0.end)] }
}

private let words = Tokenizer(kind: .wordJieba)
private let characters = Tokenizer()

/// For each of `words`, the tokens of `characters` (the same text's `.characterHan` tokens) that end within it,
/// taken in order: the character tokens a word token joins.
func characterParts(of words: [Token], in characters: [Token]) -> [[Token]] {
  var next = 0
  return words.map { word in
    let start = next
    while next < characters.count && characters[next].end <= word.end { next += 1 }
    return Array(characters[start..<next])
  }
}

@Suite struct TokenizerWordsTests {
  @Test func hanTextBecomesJiebaWordsWithTheirOffsets() {
    #expect(tokens("屏幕很好，但是电池不行！", words) == [
      ["屏幕", "屏幕", "0", "2"], ["很", "很", "2", "3"], ["好", "好", "3", "4"], ["，", ",", "4", "5"],
      ["但是", "但是", "5", "7"], ["电池", "电池", "7", "9"], ["不行", "不行", "9", "11"], ["！", "!", "11", "12"],
    ])
  }

  @Test func mixedChineseEnglishDigitsAndPunctuation() {
    // T and 恤 are two tokens by the character rules and one jieba word (T恤): joined, lower-cased.
    #expect(tokens("买了一件T恤和iPhone6，花了3.5元 OK!", words) == [
      ["买", "买", "0", "1"], ["了", "了", "1", "2"], ["一件", "一件", "2", "4"], ["T恤", "t恤", "4", "6"],
      ["和", "和", "6", "7"], ["iPhone6", "iphone6", "7", "14"], ["，", ",", "14", "15"], ["花", "花", "15", "16"],
      ["了", "了", "16", "17"], ["3.5", "3.5", "17", "20"], ["元", "元", "20", "21"], ["OK", "ok", "22", "24"],
      ["!", "!", "24", "25"],
    ])
  }

  @Test func urlsMentionsAndHashtagsKeepTheirExtentsAndMasks() {
    let tweets = Tokenizer(kind: .wordJieba, maskMentions: true, maskURLs: true)
    #expect(tokens("@abc 看看http://t.cn/abc很好", tweets) == [
      ["@abc", "@user", "0", "4"], ["看看", "看看", "5", "7"], ["http://t.cn/abc", "<url>", "7", "22"],
      ["很", "很", "22", "23"], ["好", "好", "23", "24"],
    ])
  }

  @Test func textWithoutHanIsTokenizedAsByCharacters() {
    for text in ["I don't like it, 3.14 times!", "@united #fail http://x.co/a b", "naïve café 😀👍🏽", ""] {
      #expect(words.tokenize(text) == characters.tokenize(text), "\(text)")
    }
  }

  /// Words only join character tokens: each word token is a run of adjacent character tokens inside one jieba
  /// word, and is several tokens only when one of them is Han.
  @Test(arguments: jiebaReference.map(\.text))
  func wordTokensAreRunsOfCharacterTokensInsideOneJiebaWord(_ text: String) throws {
    let byCharacter = characters.tokenize(text)
    let byWord = words.tokenize(text)
    let jiebaWords = try ChineseSegmenter.embedded().words(in: text)
    let allParts = characterParts(of: byWord, in: byCharacter)
    for (token, parts) in zip(byWord, allParts) {
      #expect(parts.first?.start == token.start && parts.last?.end == token.end, "\(token) in \(text.debugDescription)")
      #expect(parts.map(\.text).joined() == token.text)
      if parts.count > 1 {
        #expect(jiebaWords.contains { $0.start <= token.start && token.end <= $0.end }, "\(token)")
        #expect(token.text.unicodeScalars.contains { $0.isHanScript })
      }
    }
    #expect(allParts.joined().count == byCharacter.count)
  }

  // MARK: Settings

  @Test func wordSettingsRoundTripThroughModelMetadata() throws {
    #expect(words.metadataJSON()
      == #"{"kind":"word-jieba","lowercase":true,"mask_hashtags":false,"mask_mentions":false,"mask_urls":false}"#)
    #expect(try Tokenizer(metadataJSON: words.metadataJSON()) == words)
  }

  @Test func settingsOfExistingModelsStillMeanOneTokenPerCharacter() throws {
    // The tokenizer entry of the embedded default models, as written before word-jieba existed.
    let old = try Tokenizer(metadataJSON:
      #"{"kind":"character-han","lowercase":true,"mask_hashtags":false,"mask_mentions":false,"mask_urls":false}"#)
    #expect(old.kind == .characterHan)
    #expect(old.tokenize("屏幕很好").map(\.text) == ["屏", "幕", "很", "好"])
  }
}
