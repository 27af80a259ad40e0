import Foundation
import Testing

@testable import Corpus

@Suite struct CSVReaderTests {
  @Test func quotedFieldsWithCommasEscapesAndLineBreaks() throws {
    let csv = "label,text\r\n"
      + "pos,\"a, b\"\r\n"
      + "neg,\"she said \"\"no\"\"\"\r\n"
      + "pos,\"line one\nline two\"\r\n"
      + "neg,\"cr\rinside\"\r\n"
      + "pos,\"crlf\r\ninside\"\r\n"
      + "neg,plain \"quote\" inside\r\n"
      + "pos,\"\"\"\"\r\n"
      + "neg,last"
    let result = try readAll(csv, format: .csv)
    #expect(result.texts == [
      LabelledText("a, b", "pos", line: 2),
      LabelledText("she said \"no\"", "neg", line: 3),
      LabelledText("line one\nline two", "pos", line: 4),
      LabelledText("cr\rinside", "neg", line: 6),
      LabelledText("crlf\r\ninside", "pos", line: 8),
      LabelledText("plain \"quote\" inside", "neg", line: 10),
      LabelledText("\"", "pos", line: 11),
      LabelledText("last", "neg", line: 12),
    ])
  }

  @Test func bareCRLineEndings() throws {
    let result = try readAll("text,label\rone,a\r\"two\rlines\",b\rthree,c\r", format: .csv)
    #expect(result.texts == [
      LabelledText("one", "a", line: 2), LabelledText("two\rlines", "b", line: 3), LabelledText("three", "c", line: 5),
    ])
  }

  @Test func emptyFieldsAndExtraColumns() throws {
    let csv = "id,label,text,note\n1,pos,good,\n2,neg,\"bad\",\"x\"\n"
    let reader = try CorpusReader(data: Data(csv.utf8), displayName: "x.csv", format: .csv)
    #expect(reader.columns == ["id", "label", "text", "note"])
    #expect(try reader.readAll() == [LabelledText("good", "pos", line: 2), LabelledText("bad", "neg", line: 3)])
  }

  @Test func unterminatedQuoteNamesTheLineWhereItOpened() throws {
    let csv = "label,text\npos,fine\nneg,\"never closed\npos,next\npos,after\n"
    let error = #expect(throws: CorpusError.self) { try readAll(csv, name: "data.csv", format: .csv) }
    #expect(error?.description == "data.csv:3: unterminated quoted field (a quote opened on this line is never "
      + "closed); fix the quoting or pass --skip-bad-rows")
    // Skipping the bad line resumes on the line after it.
    let skipped = try readAll(csv, format: .csv, options: options(skipBadRows: true))
    #expect(skipped.texts == [
      LabelledText("fine", "pos", line: 2), LabelledText("next", "pos", line: 4), LabelledText("after", "pos", line: 5),
    ])
    #expect(skipped.rejected == [RejectedRow(line: 3, problem: .unterminatedQuote(limit: nil), raw: "neg,\"never closed")])
  }

  @Test func runawayQuoteIsCutOffAtTheLimit() throws {
    let long = String(repeating: "x", count: 200)
    let csv = "label,text\nneg,\"\(long)\npos,\(long)\npos,ok\n"
    var options = options(skipBadRows: true, chunkSize: 16)
    options.maxQuotedRecordBytes = 64
    let result = try readAll(csv, format: .csv, options: options)
    #expect(result.texts.map(\.line) == [3, 4])
    #expect(result.rejected.count == 1)
    #expect(result.rejected.first?.line == 2)
    #expect(result.rejected.first?.problem == .unterminatedQuote(limit: 64))
  }

  @Test func textAfterClosingQuoteIsABadRow() throws {
    let csv = "label,text\npos,\"quoted\"tail\nneg,ok\n"
    let error = #expect(throws: CorpusError.self) { try readAll(csv, name: "q.csv", format: .csv) }
    #expect(error == .badRow(path: "q.csv", line: 2, problem: .textAfterClosingQuote))
    let skipped = try readAll(csv, format: .csv, options: options(skipBadRows: true))
    #expect(skipped.texts == [LabelledText("ok", "neg", line: 3)])
  }

  @Test func wrongColumnCountAndSkipCounts() throws {
    let csv = "label,text\npos,a,b\nneg,ok\npos\n,\nneg,fine\n"
    let error = #expect(throws: CorpusError.self) { try readAll(csv, name: "c.csv", format: .csv) }
    #expect(error?.description == "c.csv:2: expected 2 columns as in the header, found 3; put fields that contain "
      + "commas in double quotes, or pass --skip-bad-rows")
    let reader = try CorpusReader(data: Data(csv.utf8), displayName: "c.csv", format: .csv, options: options(skipBadRows: true))
    #expect(try reader.readAll() == [LabelledText("ok", "neg", line: 3), LabelledText("fine", "neg", line: 6)])
    #expect(reader.rejectedCount == 3)
    #expect(reader.rejected.map(\.line) == [2, 4, 5])
    #expect(reader.rejected.map(\.reason) == [
      "expected 2 columns as in the header, found 3", "expected 2 columns as in the header, found 1", "empty text",
    ])
    #expect(reader.drainRejected().count == 3)
    #expect(reader.rejected.isEmpty && reader.rejectedCount == 3)
  }

  @Test func quotedHeaderAndMalformedHeader() throws {
    let result = try readAll("\"label\",\" text \"\npos,x\n", format: .csv)
    #expect(result.texts == [LabelledText("x", "pos", line: 2)])
    let error = #expect(throws: CorpusError.self) { try readAll("\"label,text\npos,x\n", name: "h.csv", format: .csv) }
    #expect(error == .malformedHeader(path: "h.csv", line: 1, problem: .unterminatedQuote(limit: nil)))
  }
}
