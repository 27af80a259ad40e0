import Foundation
import Testing

@testable import Corpus

@Suite struct VocabularyTests {
  @Test func buildOrdersByCountThenByScalarValues() {
    let texts = [["b", "a", "c"], ["a", "c", "中", "é"], ["c", "Z", "z", "中", "é", "Z", "z"]]
    let vocabulary = Vocabulary.build(counting: texts)
    // c×3; a, Z, z, é, 中 ×2 in scalar order (0x5A < 0x61 < 0x7A < 0xE9 < 0x4E2D); b×1.
    #expect(vocabulary.tokens == ["<pad>", "<unk>", "c", "Z", "a", "z", "é", "中", "b"])
    #expect(vocabulary.count == 9)
    #expect(vocabulary.id(of: "c") == 2 && vocabulary.id(of: "b") == 8)
    #expect(vocabulary.id(of: "never seen") == Vocabulary.unkId)
    #expect(vocabulary.token(at: 7) == "中" && vocabulary.token(at: 9) == nil && vocabulary.token(at: -1) == nil)
  }

  @Test func buildIsIndependentOfInputOrder() {
    let texts = [["x", "y"], ["y", "w", "v"], ["x", "v", "u"]]
    let a = Vocabulary.build(counting: texts)
    let b = Vocabulary.build(counting: texts.reversed().map { $0.reversed() })
    #expect(a == b)
    #expect(a.tokens == ["<pad>", "<unk>", "v", "x", "y", "u", "w"])
  }

  @Test func minCountAndMaxSize() {
    let texts = [["a", "a", "a", "b", "b", "c"]]
    #expect(Vocabulary.build(counting: texts, minCount: 2).tokens == ["<pad>", "<unk>", "a", "b"])
    #expect(Vocabulary.build(counting: texts, maxSize: 3).tokens == ["<pad>", "<unk>", "a"])
    #expect(Vocabulary.build(counting: texts, maxSize: 0).tokens == ["<pad>", "<unk>"])
    #expect(Vocabulary.build(counting: texts, minCount: 4).tokens == ["<pad>", "<unk>"])
  }

  @Test func reservedAndEmptyFormsAreNotCounted() {
    let vocabulary = Vocabulary.build(counting: [["<unk>", "<pad>", "", "ok", "<unk>"]])
    #expect(vocabulary.tokens == ["<pad>", "<unk>", "ok"])
  }

  @Test func idsOfTokens() {
    let vocabulary = Vocabulary.build(counting: [Tokenizer().tokenize("好 好 电影").map(\.norm)])
    let tokens = Tokenizer().tokenize("好电影 坏")
    // 好×2 first; then 影 (U+5F71) before 电 (U+7535); 坏 is unknown.
    #expect(vocabulary.tokens == ["<pad>", "<unk>", "好", "影", "电"])
    #expect(vocabulary.ids(of: tokens) == [2, 4, 3, 1])
  }

  @Test func metadataJSONIsACompactArrayAndRoundTrips() throws {
    let vocabulary = try Vocabulary(tokens: ["<pad>", "<unk>", "say \"hi\"", "back\\slash", "line\nbreak", "中", "\u{1}"])
    #expect(vocabulary.metadataJSON()
      == #"["<pad>","<unk>","say \"hi\"","back\\slash","line\nbreak","中","\u0001"]"#)
    let reloaded = try Vocabulary(metadataJSON: vocabulary.metadataJSON())
    #expect(reloaded == vocabulary)
    #expect(reloaded.id(of: "line\nbreak") == 4)
    let coded = try JSONDecoder().decode(Vocabulary.self, from: JSONEncoder().encode(vocabulary))
    #expect(coded == vocabulary)
    #expect(throws: MetadataError.self) { try JSONDecoder().decode(Vocabulary.self, from: Data(#"["a","b"]"#.utf8)) }
  }

  @Test func badMetadataIsRejectedWithClearMessages() {
    let short = #expect(throws: MetadataError.self) { try Vocabulary(metadataJSON: #"["<pad>"]"#) }
    #expect(short == .vocabularyTooShort(count: 1))
    #expect(short?.description
      == #"saliency.vocabulary: has 1 entry; a vocabulary starts with "<pad>" (id 0) and "<unk>" (id 1)"#)

    let swapped = #expect(throws: MetadataError.self) { try Vocabulary(metadataJSON: #"["<unk>","<pad>","a"]"#) }
    #expect(swapped == .wrongSpecialToken(id: 0, expected: "<pad>", found: "<unk>"))
    #expect(swapped?.description == #"saliency.vocabulary: entry 0 is "<unk>" but must be "<pad>"; ids 0 and 1 are reserved for "<pad>" and "<unk>""#)

    let duplicate = #expect(throws: MetadataError.self) {
      try Vocabulary(metadataJSON: #"["<pad>","<unk>","a","b","a"]"#)
    }
    #expect(duplicate == .duplicateToken("a", firstId: 2, secondId: 4))
    #expect(duplicate?.description == #"saliency.vocabulary: "a" appears twice (ids 2 and 4); every entry must be unique"#)

    let notArray = #expect(throws: MetadataError.self) { try Vocabulary(metadataJSON: #"{"a": 1}"#) }
    #expect(notArray?.description.hasPrefix("saliency.vocabulary: expected Array") == true)
    #expect(notArray?.description.hasSuffix("; expected a JSON array of strings") == true)
    #expect(throws: MetadataError.self) { try Vocabulary(metadataJSON: "[1, 2]") }
    #expect(throws: MetadataError.invalid(key: "saliency.vocabulary", detail: "not valid JSON")) {
      try Vocabulary(metadataJSON: "[\"<pad>\", ")
    }
  }
}
