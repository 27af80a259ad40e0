import Testing

@testable import Corpus

/// The embedded segmenter; every test that uses it fails with the tables' own message if they are broken.
private func embedded() throws -> ChineseSegmenter {
  try ChineseSegmenter.embedded()
}

/// The words of `text` by a segmenter on a tiny hand-made dictionary.
private func words(_ text: String, _ writer: SegmenterTableWriter) throws -> [String] {
  try ChineseSegmenter(tableBytes: writer.bytes(), source: "test tables").words(in: text).map(\.text)
}

@Suite struct ChineseSegmenterTests {
  // MARK: Against Python jieba 0.42.1

  @Test(arguments: jiebaReference)
  func matchesPythonJieba(_ reference: (text: String, words: [String])) throws {
    let words = try embedded().words(in: reference.text)
    #expect(words.map(\.text) == reference.words)
    // Offsets are Unicode scalars and the words tile the text.
    var offset = 0
    for word in words {
      #expect(word.start == offset && word.end == offset + word.text.unicodeScalars.count, "\(word)")
      offset = word.end
    }
    #expect(offset == reference.text.unicodeScalars.count)
  }

  @Test func offsetsCountUnicodeScalarsNotCharactersOrBytes() throws {
    // 😀 is one scalar (4 UTF-8 bytes); é as e + U+0301 is two scalars but one Character.
    let words = try embedded().words(in: "很好😀e\u{301}北京\r\n𠀀")
    #expect(words == [
      .init(text: "很", start: 0, end: 1), .init(text: "好", start: 1, end: 2), .init(text: "😀", start: 2, end: 3),
      .init(text: "e", start: 3, end: 4), .init(text: "\u{301}", start: 4, end: 5), .init(text: "北京", start: 5, end: 7),
      .init(text: "\r\n", start: 7, end: 9), .init(text: "𠀀", start: 9, end: 10),
    ])
  }

  @Test func emptyAndBlankInput() throws {
    let segmenter = try embedded()
    #expect(segmenter.words(in: "").isEmpty)
    #expect(segmenter.wordRanges(in: []).isEmpty)
    #expect(segmenter.words(in: " \t").map(\.text) == [" ", "\t"])
  }

  @Test func unknownWordsComeFromTheHMM() throws {
    let segmenter = try embedded()
    // 杭研 is no dictionary word; the route leaves 杭 and 研 single and the HMM joins them (B, E).
    #expect(segmenter.tables.frequency(of: ArraySlice("杭研".unicodeScalars)) == 0)
    #expect(segmenter.tables.frequency(of: ArraySlice("网易".unicodeScalars)) > 0)
    #expect(segmenter.words(in: "他来到了网易杭研大厦").map(\.text).contains("杭研"))
  }

  @Test func wordsAlwaysTileTheText() throws {
    let segmenter = try embedded()
    let pool = Array("的了是不很好酒店房间服务杭研龘龗丶abcXYZ019+#&._%-，。！ \r\n\t😀Ａ１é㐀〇\u{301}".unicodeScalars)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<500 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let length = Int(state >> 58)
      var scalars: [Unicode.Scalar] = []
      for _ in 0..<length {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        scalars.append(pool[Int(state >> 33) % pool.count])
      }
      var offset = 0
      for range in segmenter.wordRanges(in: scalars) {
        #expect(range.lowerBound == offset && !range.isEmpty, "\(scalars) at \(range)")
        offset = range.upperBound
      }
      #expect(offset == scalars.count)
    }
  }

  @Test func theEmbeddedTablesAreSharedAcrossThreads() async throws {
    let text = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造"
    let expected = try embedded().words(in: text)
    let results = try await withThrowingTaskGroup(of: [ChineseSegmenter.Word].self) { group in
      for _ in 0..<8 { group.addTask { try ChineseSegmenter.embedded().words(in: text) } }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.count == 8 && results.allSatisfy { $0 == expected })
  }

  // MARK: The algorithm on hand-made dictionaries

  @Test func theRouteTakesTheMostProbableWords() throws {
    // P(甲乙) = 0.3 beats P(甲)·P(乙) = 0.25; at 0.2 it does not, and the buffer 甲乙, itself a dictionary
    // word, is cut into its characters.
    #expect(try words("甲乙", .init(words: ["甲": 50, "乙": 50, "甲乙": 30], total: 100)) == ["甲乙"])
    #expect(try words("甲乙", .init(words: ["甲": 50, "乙": 50, "甲乙": 20], total: 100)) == ["甲", "乙"])
  }

  @Test func aTieGoesToTheLongerWord() throws {
    // Every word has probability 1: both routes score exactly 0.
    #expect(try words("甲乙", .init(words: ["甲": 7, "乙": 7, "甲乙": 7], total: 7)) == ["甲乙"])
  }

  @Test func theHMMCutsUnknownRunsByTheirMostProbableStates() throws {
    var writer = SegmenterTableWriter(words: ["甲": 1], total: 1000)
    // 丙 likely begins a word and 丁 ends one: B E, one word.
    writer.emission = ["丙": [-1, -10, -10, -10], "丁": [-10, -1, -10, -10]]
    #expect(try words("丙丁", writer) == ["丙丁"])
    // Both likely single: S S.
    writer.emission = ["丙": [-10, -10, -10, -1], "丁": [-10, -10, -10, -1]]
    #expect(try words("丙丁", writer) == ["丙", "丁"])
    // Latin pieces of an unknown run: letters and digits, a decimal with %, and the rest between them.
    #expect(try words("ab3.5%+#x", writer) == ["ab3.5%", "+#", "x"])
  }

  // MARK: Broken tables

  @Test func brokenTablesAreRejectedWithTheirSourceAndARemedy() throws {
    let valid = SegmenterTableWriter(words: ["甲": 5, "甲乙": 3], total: 10).bytes()
    func failure(_ bytes: [UInt8]) -> SegmenterDataError? {
      #expect(throws: SegmenterDataError.self) { try ChineseSegmenter(tableBytes: bytes, source: "t.dict") }
    }
    #expect(failure(Array(valid.prefix(20))) == .truncatedHeader(source: "t.dict", size: 20))
    var magic = valid
    magic[0] = UInt8(ascii: "X")
    #expect(failure(magic) == .badMagic(source: "t.dict"))
    var version = valid
    version[8] = 9
    #expect(failure(version) == .unsupportedVersion(source: "t.dict", version: 9))
    #expect(failure(valid + [0]) == .sizeMismatch(source: "t.dict", expected: valid.count, actual: valid.count + 1))
    // End the root's child range past the last node: childStart[1] := 200. The child table follows the
    // 192-byte header and three u32 frequencies {0, 3, 5}, padded to 8 bytes.
    var children = valid
    let childStart = 192 + 16
    children[childStart + 4] = 200
    let corrupt = failure(children)
    #expect(corrupt?.description.hasPrefix("t.dict: trie") == true)
    #expect(corrupt?.description.hasSuffix("rebuild it with `python3 scripts/build-jieba-data.py` and rebuild saliency")
      == true)
    #expect(throws: Never.self) { try ChineseSegmenter(tableBytes: valid, source: "t.dict") }
  }
}
