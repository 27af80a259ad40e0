import Foundation
import Testing

@testable import Corpus

@Suite struct JSONLReaderTests {
  @Test func stringAndIntegerLabelsAndBlankLines() throws {
    let jsonl = """
      {"text": "好评", "label": "positive"}

      {"label": 0, "text": "bad\\nworse", "id": [1, 2]}
         \t
      {"text": "esc \\u00e9 \\ud83d\\ude00", "label": 1}
      """
    let result = try readAll(jsonl, format: .jsonl)
    #expect(result.texts == [
      LabelledText("好评", "positive", line: 1), LabelledText("bad\nworse", "0", line: 3),
      LabelledText("esc é 😀", "1", line: 5),
    ])
  }

  @Test func badLinesNameTheLine() throws {
    let cases: [(String, RowProblem, String)] = [
      (#"{"text": "a", "label": "p""#, .invalidJSON(detail: "not valid JSON"), "invalid JSON (not valid JSON)"),
      (#"["text", "label"]"#, .notJSONObject, "not a JSON object"),
      (#"{"label": "p"}"#, .missingField("text"), #"no "text" field"#),
      (#"{"text": 5, "label": "p"}"#, .wrongFieldType(field: "text", expected: "a string"), #""text" must be a string"#),
      (#"{"text": "a", "label": 1.5}"#, .wrongFieldType(field: "label", expected: "a string or an integer"),
       #""label" must be a string or an integer"#),
      (#"{"text": "a"}"#, .missingField("label"), #"no "label" field"#),
      (#"{"text": "  ", "label": "p"}"#, .emptyText, "empty text"),
    ]
    for (line, problem, reason) in cases {
      let jsonl = "{\"text\": \"ok\", \"label\": \"n\"}\n" + line + "\n"
      let error = #expect(throws: CorpusError.self, "\(line)") { try readAll(jsonl, name: "d.jsonl", format: .jsonl) }
      #expect(error == .badRow(path: "d.jsonl", line: 2, problem: problem), "\(line)")
      #expect(error?.description.hasPrefix("d.jsonl:2: \(reason); ") == true, "\(String(describing: error))")
      let skipped = try readAll(jsonl, format: .jsonl, options: options(skipBadRows: true))
      #expect(skipped.texts.count == 1 && skipped.rejected == [RejectedRow(line: 2, problem: problem, raw: line)])
    }
  }

  @Test func labelsMayBeAbsentOrNullForUnlabelledInput() throws {
    let jsonl = "{\"text\": \"a\"}\n{\"text\": \"b\", \"label\": null}\n{\"text\": \"c\", \"label\": \"x\"}\n"
    let result = try readAll(jsonl, format: .jsonl, options: options(labels: .optional))
    #expect(result.texts.map(\.label) == [nil, nil, "x"])
  }

  @Test func customKeys() throws {
    let result = try readAll(
      "{\"review\": \"nice\", \"stars\": 5}\n", format: .jsonl,
      options: options(textColumn: "review", labelColumn: "stars"))
    #expect(result.texts == [LabelledText("nice", "5", line: 1)])
  }
}

@Suite struct LinesReaderTests {
  @Test func oneTextPerLineWithCRLFAndBlankLines() throws {
    let result = try readAll("first text\r\n\r\n  \r\nsecond\tline\rthird\n", format: .lines, options: options(labels: .optional))
    #expect(result.texts == [
      LabelledText("first text", nil, line: 1), LabelledText("second\tline", nil, line: 4),
      LabelledText("third", nil, line: 5),
    ])
  }

  @Test func requiredLabelsAreImpossible() {
    let error = #expect(throws: CorpusError.self) { try readAll("a\n", name: "t.txt", format: .lines) }
    #expect(error?.description
      == "t.txt: lines input has no labels; use a TSV, CSV or JSONL file with a label column")
  }

  @Test func standardInputStyleHandle() throws {
    let pipe = Pipe()
    try pipe.fileHandleForWriting.write(contentsOf: Data("one\ntwo 二\n".utf8))
    try pipe.fileHandleForWriting.close()
    let reader = try CorpusReader(fileHandle: pipe.fileHandleForReading, options: options(labels: .optional))
    #expect(reader.displayName == "<stdin>")
    #expect(try reader.readAll() == [LabelledText("one", nil, line: 1), LabelledText("two 二", nil, line: 2)])
  }
}
