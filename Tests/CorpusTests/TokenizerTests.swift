import Foundation
import Testing

@testable import Corpus

/// `(text, norm, start, end)` of every token, for compact expectations.
private func spans(_ text: String, _ tokenizer: Tokenizer = Tokenizer()) -> [Span] {
  tokenizer.tokenize(text).map { Span($0.text, $0.norm, $0.start, $0.end) }
}

private struct Span: Equatable, CustomStringConvertible {
  var text: String
  var norm: String
  var start: Int
  var end: Int
  init(_ text: String, _ norm: String, _ start: Int, _ end: Int) {
    (self.text, self.norm, self.start, self.end) = (text, norm, start, end)
  }
  var description: String { "(\(text.debugDescription), \(norm.debugDescription), \(start), \(end))" }
}

/// Checks the invariants every tokenization keeps: offsets ascending and in range, `text` is exactly
/// the scalars `start..<end`, and everything between tokens is a separator.
private func checkInvariants(_ text: String, _ tokens: [Token], sourceLocation: SourceLocation = #_sourceLocation) {
  let scalars = Array(text.unicodeScalars)
  var previousEnd = 0
  for token in tokens {
    #expect(token.start >= previousEnd && token.start < token.end && token.end <= scalars.count,
            "bad offsets \(token)", sourceLocation: sourceLocation)
    guard token.start >= previousEnd, token.end <= scalars.count, token.start < token.end else { return }
    let surface = String(String.UnicodeScalarView(scalars[token.start..<token.end]))
    #expect(token.text == surface, sourceLocation: sourceLocation)
    for scalar in scalars[previousEnd..<token.start] {
      #expect(ScalarClass(scalar) != .letter && !scalar.isHanScript, "dropped \(scalar.escaped(asASCII: true))",
              sourceLocation: sourceLocation)
    }
    previousEnd = token.end
  }
}

@Suite struct TokenizerTests {
  @Test func chineseIsOneTokenPerCharacter() {
    let text = "屏幕很好，但是电池不行！"
    #expect(spans(text) == [
      Span("屏", "屏", 0, 1), Span("幕", "幕", 1, 2), Span("很", "很", 2, 3), Span("好", "好", 3, 4),
      Span("，", ",", 4, 5), Span("但", "但", 5, 6), Span("是", "是", 6, 7), Span("电", "电", 7, 8),
      Span("池", "池", 8, 9), Span("不", "不", 9, 10), Span("行", "行", 10, 11), Span("！", "!", 11, 12),
    ])
  }

  @Test func englishWordsNumbersAndPunctuation() {
    #expect(spans("I don't like it, 3.14 times!") == [
      Span("I", "i", 0, 1), Span("don't", "don't", 2, 7), Span("like", "like", 8, 12), Span("it", "it", 13, 15),
      Span(",", ",", 15, 16), Span("3.14", "3.14", 17, 21), Span("times", "times", 22, 27), Span("!", "!", 27, 28),
    ])
  }

  @Test func apostrophesOnlyInsideWords() {
    #expect(spans("'Hello' rock'n'roll students' DON’T 90's").map(\.text) == [
      "'", "Hello", "'", "rock'n'roll", "students", "'", "DON’T", "90's",
    ])
    #expect(spans("DON’T")[0].norm == "don’t")
  }

  @Test func numbersKeepSeparatorsBetweenDigits() {
    #expect(spans("1,000.50 dollars, v1.2 end. 50% 2nd").map(\.text) == [
      "1,000.50", "dollars", ",", "v1.2", "end", ".", "50", "%", "2nd",
    ])
  }

  @Test func mixedChineseAndLatin() {
    #expect(spans("这个iPhone 15很棒") == [
      Span("这", "这", 0, 1), Span("个", "个", 1, 2), Span("iPhone", "iphone", 2, 8), Span("15", "15", 9, 11),
      Span("很", "很", 11, 12), Span("棒", "棒", 12, 13),
    ])
  }

  @Test func emojiSequencesAreOneTokenEach() {
    let text = "good 👍🏽 👨‍👩‍👧 🇺🇸🇬🇧 ❤️ 1️⃣ 🏳️‍🌈!!"
    let tokens = Tokenizer().tokenize(text)
    #expect(tokens.map(\.text) == ["good", "👍🏽", "👨‍👩‍👧", "🇺🇸", "🇬🇧", "❤️", "1️⃣", "🏳️‍🌈", "!", "!"])
    #expect(tokens.map(\.start) == [0, 5, 8, 14, 16, 19, 22, 26, 30, 31])
    #expect(tokens.map(\.end) == [4, 7, 13, 16, 18, 21, 25, 30, 31, 32])
    #expect(tokens.map(\.text.count) == [4, 1, 1, 1, 1, 1, 1, 1, 1, 1])  // one grapheme per emoji token
    checkInvariants(text, tokens)
  }

  @Test func combiningMarksStayWithTheirBase() {
    let text = "cafe\u{301} nai\u{308}ve e\u{301}!\u{301}"
    let tokens = Tokenizer().tokenize(text)
    #expect(tokens.map(\.text) == ["cafe\u{301}", "nai\u{308}ve", "e\u{301}", "!\u{301}"])
    #expect(tokens.map(\.start) == [0, 6, 13, 15])
    #expect(tokens.map(\.end) == [5, 12, 15, 17])
    // NFKC composes: the vocabulary form of "cafe + U+0301" is the precomposed "café".
    #expect(tokens[0].norm.unicodeScalars.map(\.value) == [0x63, 0x61, 0x66, 0xE9])
    #expect(tokens[1].norm.unicodeScalars.count == 5)
    checkInvariants(text, tokens)
  }

  @Test func hanWithVariationSelectorIsOneToken() {
    #expect(spans("葛\u{E0100}城") == [Span("葛\u{E0100}", "葛\u{E0100}", 0, 2), Span("城", "城", 2, 3)])
  }

  @Test func controlCharactersSeparateAndAreNeverTokens() {
    let text = "ab\u{1B}[31mcd\u{07}ef\u{85}gh\u{0}ij\u{9B}kl"
    #expect(spans(text) == [
      Span("ab", "ab", 0, 2), Span("[", "[", 3, 4), Span("31mcd", "31mcd", 4, 9), Span("ef", "ef", 10, 12),
      Span("gh", "gh", 13, 15), Span("ij", "ij", 16, 18), Span("kl", "kl", 19, 21),
    ])
  }

  @Test func whitespaceAndInvisibleCharactersAreSeparators() {
    #expect(spans("  a\t\nb\u{3000}c\u{A0}d\u{200B}e\u{FEFF}\u{200D} \u{FE0F}").map(\.text) == ["a", "b", "c", "d", "e"])
    #expect(Tokenizer().tokenize("").isEmpty)
    #expect(Tokenizer().tokenize(" \n\t\u{1B}").isEmpty)
  }

  @Test func normIsNFKCThenLowercase() {
    #expect(spans("ＡＢＣ１２３ ﬁne Ⅻ").map(\.norm) == ["abc123", "fine", "xii"])
    #expect(spans("Straße ÉCOLE", Tokenizer(lowercase: false)).map(\.norm) == ["Straße", "ÉCOLE"])
    #expect(spans("Straße ÉCOLE").map(\.norm) == ["straße", "école"])
  }

  @Test func normalizerFastPathAgreesWithFoundation() {
    // Every scalar the fast path trusts must be unchanged by NFKC and by lower-casing.
    var checked = 0
    for v in UInt32(0x80)...0x323AF where TokenNormalizer.isStable(v) {
      guard let scalar = Unicode.Scalar(v) else { continue }
      let text = String(scalar)
      #expect(text.precomposedStringWithCompatibilityMapping.unicodeScalars.elementsEqual(text.unicodeScalars),
              "U+\(String(v, radix: 16)) changes under NFKC")
      #expect(text.lowercased().unicodeScalars.elementsEqual(text.unicodeScalars), "U+\(String(v, radix: 16))")
      checked += 1
    }
    #expect(checked > 100_000)
    #expect(!TokenNormalizer.isStable(0xFF0C) && !TokenNormalizer.isStable(0xF900) && !TokenNormalizer.isStable(0x2026))
  }

  @Test func softHyphenInsideAWordIsDroppedFromTheNorm() {
    #expect(spans("in\u{AD}credible") == [Span("in\u{AD}credible", "incredible", 0, 11)])
  }

  @Test func urlsMentionsAndHashtags() {
    let text = "@Alice_1 see https://Example.com/a_(b). #GreatDay! a@b.com www.x.org, (http://y.cn/p?q=1)"
    let plain = spans(text)
    #expect(plain.map(\.text) == [
      "@Alice_1", "see", "https://Example.com/a_(b)", ".", "#GreatDay", "!", "a", "@", "b", ".", "com",
      "www.x.org", ",", "(", "http://y.cn/p?q=1", ")",
    ])
    #expect(plain[0].norm == "@alice_1" && plain[2].norm == "https://example.com/a_(b)" && plain[4].norm == "#greatday")
    let masked = spans(text, Tokenizer(maskMentions: true, maskURLs: true, maskHashtags: true))
    #expect(masked.map(\.text) == plain.map(\.text))
    #expect(masked[0].norm == "@user" && masked[2].norm == "<url>" && masked[4].norm == "<hashtag>")
    #expect(masked[11].norm == "<url>" && masked[14].norm == "<url>")
    #expect(spans("#1 #_ &#39;").map(\.text) == ["#", "1", "#", "_", "&", "#", "39", ";"])
  }

  @Test func urlStopsAtChinesePunctuationAndHan() {
    #expect(spans("看https://t.cn/abc，好").map(\.text) == ["看", "https://t.cn/abc", "，", "好"])
  }

  @Test func tweetsPresetMasksUsersAndURLs() {
    let tokens = Tokenizer.tweets.tokenize("@bob LOVED it http://t.co/x #Yes")
    #expect(tokens.map(\.norm) == ["@user", "loved", "it", "<url>", "#yes"])
  }

  @Test func invariantsHoldOnAwkwardText() {
    let samples = [
      "\u{301}\u{301}a", "a\u{200D}😀", "🇺🇸🇬🇧🇫", "#️⃣ *️⃣", "x\u{1F3FB}", "\u{1F3FB}", "'''", "a'", "1.", ",1",
      "www.", "http://", "https://a.b)))", "@", "#", "e\u{301}\u{302}\u{303}", "\r\n", "\u{E000}\u{10FFFD}",
      "ㅎㅎ 한국어 日本語のテキスト ไทย العربية", "i\u{307}", "İSTANBUL",
    ]
    for text in samples {
      checkInvariants(text, Tokenizer().tokenize(text))
    }
  }

  @Test func hundredThousandCharactersTokenizeQuickly() {
    let unit = "这部电影真的很好看！I don't think it's bad, 3.5/5 👍🏽 https://t.co/xyz @someone #fun\n"
    let text = String(repeating: unit, count: 100_000 / unit.count + 1)
    #expect(text.count >= 100_000)
    let tokenizer = Tokenizer.tweets
    let clock = ContinuousClock()
    var tokens: [Token] = []
    let elapsed = clock.measure { tokens = tokenizer.tokenize(text) }
    let perUnit = tokenizer.tokenize(unit).count
    #expect(tokens.count == perUnit * (100_000 / unit.count + 1))
    #expect(elapsed < .seconds(1), "100k characters took \(elapsed)")
    checkInvariants(text, tokens)
  }

  @Test func containsHanScript() {
    #expect("I love 北京".containsHanScript)
    #expect(!"ひらがな and 한국어".containsHanScript)
    #expect("々".containsHanScript && "\u{20000}".containsHanScript && "⺀".containsHanScript)
    #expect(!"".containsHanScript)
  }
}
