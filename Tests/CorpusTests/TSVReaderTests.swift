import Foundation
import Testing

@testable import Corpus

@Suite struct TSVReaderTests {
  @Test func readsLabelAndTextByHeaderName() throws {
    let result = try readAll("label\ttext\npositive\t屏幕很好\nnegative\tbad \"one\"\n", format: .tsv)
    #expect(result.texts == [LabelledText("屏幕很好", "positive", line: 2), LabelledText("bad \"one\"", "negative", line: 3)])
    #expect(result.rejected.isEmpty)
  }

  @Test func columnOrderAndExtraColumnsDoNotMatter() throws {
    let reader = try CorpusReader(
      data: Data("id\ttext\tlabel\n1\tgood\tpos\r\n2\tmeh\tneg".utf8), displayName: "x.tsv", format: .tsv)
    #expect(reader.columns == ["id", "text", "label"])
    #expect(try reader.readAll() == [LabelledText("good", "pos", line: 2), LabelledText("meh", "neg", line: 3)])
  }

  @Test func labelsAreTrimmedAndTextsKeptAsIs() throws {
    let result = try readAll("label\ttext\n positive \t  spaced text \n", format: .tsv)
    #expect(result.texts == [LabelledText("  spaced text ", "positive", line: 2)])
  }

  @Test func lineOffsetNumbersLinesAsInTheWholeFile() throws {
    var options = CorpusReaderOptions(skipBadRows: true)
    options.lineOffset = 40
    let reader = try CorpusReader(
      data: Data("label\ttext\npos\ta\n\nno tab\nneg\tb\n".utf8), displayName: "slice", format: .tsv, options: options)
    #expect(try reader.readAll() == [LabelledText("a", "pos", line: 42), LabelledText("b", "neg", line: 45)])
    #expect(reader.drainRejected().map(\.line) == [44])
    var strict = CorpusReaderOptions()
    strict.lineOffset = 9
    let failing = try CorpusReader(data: Data("{\"label\":\"pos\",\"text\":\"a\"}\n{oops\n".utf8), displayName: "s", format: .jsonl,
                                   options: strict)
    do {
      _ = try failing.readAll()
      Issue.record("a malformed JSON line must fail without skipBadRows")
    } catch {
      #expect("\(error)".contains("11"), "the message names line 2 + 9: \(error)")
    }
  }

  @Test func byteOrderMarkAndBlankLinesAreSkipped() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\nlabel\ttext\n\npos\ta\n\n\nneg\tb\n\n".utf8)
    let result = try readAll(bytes, format: .tsv)
    #expect(result.texts == [LabelledText("a", "pos", line: 4), LabelledText("b", "neg", line: 7)])
  }

  @Test func wrongColumnCountNamesFileAndLine() {
    let error = #expect(throws: CorpusError.self) {
      try readAll("label\ttext\npos\tfine\nneg\thas\ta tab\n", name: "data.tsv", format: .tsv)
    }
    #expect(error == .badRow(path: "data.tsv", line: 3, problem: .wrongColumnCount(expected: 2, found: 3, format: .tsv)))
    #expect(error?.description == "data.tsv:3: expected 2 columns as in the header, found 3; a TAB inside a text "
      + "starts a new column: replace it with a space, or pass --skip-bad-rows")
  }

  @Test func emptyTextAndEmptyLabelAreBadRows() throws {
    let text = "label\ttext\npos\t \n\tno label\nneg\tok\n"
    let error = #expect(throws: CorpusError.self) { try readAll(text, name: "d.tsv", format: .tsv) }
    #expect(error?.description == "d.tsv:2: empty text; remove the row or pass --skip-bad-rows")
    let skipped = try readAll(text, format: .tsv, options: options(skipBadRows: true))
    #expect(skipped.texts == [LabelledText("ok", "neg", line: 4)])
    #expect(skipped.rejected.map(\.line) == [2, 3])
    #expect(skipped.rejected.map(\.problem) == [.emptyText, .emptyLabel])
    #expect(skipped.rejected.map(\.raw) == ["pos\t ", "\tno label"])
    // Unlabelled use: an empty label is simply no label.
    let optional = try readAll(text, format: .tsv, options: options(labels: .optional, skipBadRows: true))
    #expect(optional.texts.map(\.label) == [nil, "neg"])
  }

  @Test func missingColumnsAreExplained() {
    let noText = #expect(throws: CorpusError.self) {
      try readAll("label\treview\npos\tgood\n", name: "r.tsv", format: .tsv)
    }
    #expect(noText?.description
      == #"r.tsv:1: no text column "text" in the header (found "label", "review"); add it or pass --text-column NAME"#)
    let noLabel = #expect(throws: CorpusError.self) { try readAll("text\ngood\n", name: "r.tsv", format: .tsv) }
    #expect(noLabel == .missingColumn(path: "r.tsv", line: 1, column: "label", role: .label, found: ["text"]))
  }

  @Test func labelColumnIsOptionalForUnlabelledInput() throws {
    let result = try readAll("text\ngood\nbad\n", format: .tsv, options: options(labels: .optional))
    #expect(result.texts == [LabelledText("good", nil, line: 2), LabelledText("bad", nil, line: 3)])
  }

  @Test func customColumnNames() throws {
    let result = try readAll(
      "sentiment\treview\n1\tnice\n", format: .tsv, options: options(textColumn: "review", labelColumn: "sentiment"))
    #expect(result.texts == [LabelledText("nice", "1", line: 2)])
  }

  @Test func emptyInputHasNoHeader() {
    let error = #expect(throws: CorpusError.self) { try readAll("\n\n", name: "e.tsv", format: .tsv) }
    #expect(error?.description == "e.tsv: empty file; a TSV file starts with a header row such as label<TAB>text")
  }
}
