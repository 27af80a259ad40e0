import Foundation
import Testing

@testable import Corpus

@Suite struct EncodingTests {
  @Test func latin1BytesDecode() throws {
    let bytes = Array("label\ttext\npos\tcaf".utf8) + [0xE9, 0x20, 0xA9, 0x0A]
    let result = try readAll(bytes, format: .tsv, options: options(encoding: .latin1))
    #expect(result.texts == [LabelledText("café ©", "pos", line: 2)])
  }

  @Test func invalidUTF8MidFileNamesLineAndByte() throws {
    let bytes = Array("label\ttext\npos\tfine\nneg\tcaf".utf8) + [0xE9] + Array(" au lait\npos\tok\n".utf8)
    let error = #expect(throws: CorpusError.self) { try readAll(bytes, name: "menu.tsv", format: .tsv) }
    #expect(error == .badRow(path: "menu.tsv", line: 3, problem: .invalidEncoding(.utf8, byte: 0xE9, column: 8)))
    #expect(error?.description == "menu.tsv:3: invalid UTF-8 (byte 0xE9 at byte 8 of the line); convert the file to "
      + "UTF-8 (e.g. iconv -f latin1 -t utf-8 IN > OUT), or pass --skip-bad-rows")
    let skipped = try readAll(bytes, format: .tsv, options: options(skipBadRows: true))
    #expect(skipped.texts == [LabelledText("fine", "pos", line: 2), LabelledText("ok", "pos", line: 4)])
    #expect(skipped.rejected == [
      RejectedRow(line: 3, problem: .invalidEncoding(.utf8, byte: 0xE9, column: 8), raw: "neg\tcaf\u{FFFD} au lait"),
    ])
  }

  @Test func invalidUTF8InsideAMultiLineCSVFieldNamesItsPhysicalLine() {
    let bytes = Array("label,text\npos,\"one\r\ntwo\nth".utf8) + [0xFF] + Array("ree\"\n".utf8)
    let error = #expect(throws: CorpusError.self) { try readAll(bytes, name: "m.csv", format: .csv) }
    #expect(error == .badRow(path: "m.csv", line: 4, problem: .invalidEncoding(.utf8, byte: 0xFF, column: 3)))
  }

  @Test func malformedSequencesAreAllCaught() {
    let bad: [[UInt8]] = [
      [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
      [0x80], [0xE4, 0xB8], [0xF0, 0x9F, 0x98],
    ]
    for sequence in bad {
      #expect(UTF8Validation.firstInvalidOffset(in: ArraySlice([0x61] + sequence)) == 1, "\(sequence)")
    }
    let good = Array("aé中😀\u{10FFFF}".utf8)
    #expect(UTF8Validation.firstInvalidOffset(in: ArraySlice(good)) == nil)
  }

  @Test func invalidUTF8InJSONLAndLines() throws {
    let jsonl = Array("{\"text\": \"ok\", \"label\": 1}\n{\"text\": \"".utf8) + [0xFE] + Array("\", \"label\": 1}\n".utf8)
    let error = #expect(throws: CorpusError.self) { try readAll(jsonl, name: "j.jsonl", format: .jsonl) }
    #expect(error == .badRow(path: "j.jsonl", line: 2, problem: .invalidEncoding(.utf8, byte: 0xFE, column: 11)))
    let lines = Array("good\n".utf8) + [0x62, 0x61, 0x64, 0xC3] + Array("\nfine\n".utf8)
    let result = try readAll(lines, format: .lines, options: options(labels: .optional, skipBadRows: true))
    #expect(result.texts.map(\.text) == ["good", "fine"])
    #expect(result.rejected.map(\.line) == [2])
  }

  @Test func encodingNames() {
    #expect(TextEncoding(name: "UTF8") == .utf8 && TextEncoding(name: "ISO-8859-1") == .latin1)
    #expect(TextEncoding(name: "ebcdic") == nil)
  }
}
