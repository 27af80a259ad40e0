import Foundation
import Testing

@testable import Corpus

@Suite struct FileTests {
  @Test func missingFileAndDirectoryAreClearErrors() throws {
    let directory = try TemporaryDirectory()
    let missing = directory.url.appendingPathComponent("nope.tsv").path
    #expect(throws: CorpusError.noSuchFile(path: missing)) { try CorpusReader(path: missing) }
    #expect(CorpusError.noSuchFile(path: "x.tsv").description == "x.tsv: no such file")
    #expect(throws: CorpusError.isDirectory(path: directory.url.path)) { try CorpusReader(path: directory.url.path) }
    #expect(CorpusError.isDirectory(path: "data/").description == "data/: is a directory; pass a file")
  }

  @Test func formatComesFromTheExtension() throws {
    #expect(CorpusFormat(pathExtension: "TSV") == .tsv && CorpusFormat(pathExtension: ".csv") == .csv)
    #expect(CorpusFormat(pathExtension: "jsonl") == .jsonl && CorpusFormat(pathExtension: "ndjson") == .jsonl)
    #expect(CorpusFormat(pathExtension: "txt") == .lines && CorpusFormat(pathExtension: "") == .lines)
    #expect(CorpusFormat(pathExtension: "gz") == nil)

    let directory = try TemporaryDirectory()
    let csv = try directory.file("r.csv", "text,label\nhi,pos\n")
    let reader = try CorpusReader(path: csv)
    #expect(reader.format == .csv && reader.displayName == csv)
    #expect(try reader.readAll() == [LabelledText("hi", "pos", line: 2)])
    let jsonl = try directory.file("r.ndjson", "{\"text\":\"hi\",\"label\":2}\n")
    #expect(try CorpusReader(url: URL(fileURLWithPath: jsonl)).readAll() == [LabelledText("hi", "2", line: 1)])
    let txt = try directory.file("notes", "a\nb\n")
    #expect(try CorpusReader(path: txt, options: options(labels: .optional)).readAll().count == 2)
    let gz = try directory.file("r.tsv.gz", bytes: [0x1F, 0x8B])
    let error = #expect(throws: CorpusError.self) { try CorpusReader(path: gz) }
    #expect(error == .unsupportedFormat(path: gz, pathExtension: "gz"))
    // An explicit format wins over the extension.
    #expect(try CorpusReader(path: gz, format: .lines, options: options(labels: .optional, skipBadRows: true)).readAll().isEmpty)
  }

  @Test func manyRowsStreamFromDisk() throws {
    let directory = try TemporaryDirectory()
    let rows = 50_000
    var text = "label\ttext\n"
    for i in 0..<rows { text += "\(i % 2 == 0 ? "pos" : "neg")\t第\(i)行 row \(i)\n" }
    let path = try directory.file("big.tsv", text)
    let reader = try CorpusReader(path: path)
    var count = 0
    var last: LabelledText?
    while let record = try reader.next() {
      count += 1
      last = record
    }
    #expect(count == rows)
    #expect(last == LabelledText("第\(rows - 1)行 row \(rows - 1)", "neg", line: rows + 1))
  }
}

@Suite struct ChunkBoundaryTests {
  /// Reads `bytes` with the default chunk size and with tiny ones; every reading must agree.
  private func expectSameAtEveryChunkSize(
    _ bytes: [UInt8], format: CorpusFormat, labels: LabelRequirement = .required,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> [LabelledText] {
    let reference = try readAll(bytes, format: format, options: options(labels: labels, skipBadRows: true))
    for chunkSize in [1, 2, 3, 4, 5, 7, 11, 64] {
      let chunked = try readAll(
        bytes, format: format, options: options(labels: labels, skipBadRows: true, chunkSize: chunkSize))
      #expect(chunked.texts == reference.texts, "chunk size \(chunkSize)", sourceLocation: sourceLocation)
      #expect(chunked.rejected == reference.rejected, "chunk size \(chunkSize)", sourceLocation: sourceLocation)
    }
    return reference.texts
  }

  @Test func csvRecordsCrossChunkBoundaries() throws {
    let csv = "\u{FEFF}label,text\r\npos,\"多行\r\n文本 😀\"\r\nneg,\"a \"\"q\"\" b\"\rpos,plain 中文\nneg,\"x\ny\"\r\n"
    let texts = try expectSameAtEveryChunkSize(Array(csv.utf8), format: .csv)
    #expect(texts == [
      LabelledText("多行\r\n文本 😀", "pos", line: 2), LabelledText("a \"q\" b", "neg", line: 4),
      LabelledText("plain 中文", "pos", line: 5), LabelledText("x\ny", "neg", line: 6),
    ])
  }

  @Test func tsvJSONLAndLinesCrossChunkBoundaries() throws {
    let tsv = "label\ttext\r\npos\t好的👍🏽\r\n\r\nneg\tno\rpos\tlast"
    #expect(try expectSameAtEveryChunkSize(Array(tsv.utf8), format: .tsv) == [
      LabelledText("好的👍🏽", "pos", line: 2), LabelledText("no", "neg", line: 4), LabelledText("last", "pos", line: 5),
    ])
    let jsonl = "{\"text\":\"é😀\",\"label\":1}\r\n\r\n{\"text\":\"b\",\"label\":\"x\"}"
    #expect(try expectSameAtEveryChunkSize(Array(jsonl.utf8), format: .jsonl).map(\.line) == [1, 3])
    let lines = "一\r\n二\r三\n\n四"
    #expect(try expectSameAtEveryChunkSize(Array(lines.utf8), format: .lines, labels: .optional) == [
      LabelledText("一", nil, line: 1), LabelledText("二", nil, line: 2), LabelledText("三", nil, line: 3),
      LabelledText("四", nil, line: 5),
    ])
  }

  @Test func filesReadInTinyChunksMatchMemory() throws {
    let csv = "label,text\r\npos,\"多行\r\n文本 😀\"\r\nneg,\"a \"\"q\"\" b\"\rpos,plain 中文\n"
    let directory = try TemporaryDirectory()
    let path = try directory.file("t.csv", csv)
    let fromDisk = try CorpusReader(path: path, options: options(chunkSize: 3)).readAll()
    #expect(fromDisk == (try readAll(csv, format: .csv).texts))
    #expect(fromDisk.count == 3)
  }

  @Test func badRowsAreFoundAtEveryChunkSize() throws {
    // Line 2: text after a closing quote; 4: invalid UTF-8; 6: a quote that never closes (so the reader
    // resumes on line 7).
    let bytes = Array("label,text\npos,\"y\"z\nneg,fine\n".utf8) + [0xC3]
      + Array(",x\nneg,end\npos,\"open\nneg,after\n".utf8)
    let texts = try expectSameAtEveryChunkSize(bytes, format: .csv)
    #expect(texts == [
      LabelledText("fine", "neg", line: 3), LabelledText("end", "neg", line: 5), LabelledText("after", "neg", line: 7),
    ])
    let rejected = try readAll(bytes, format: .csv, options: options(skipBadRows: true, chunkSize: 3)).rejected
    #expect(rejected.map(\.line) == [2, 4, 6])
    #expect(rejected.map(\.problem) == [
      .textAfterClosingQuote, .invalidEncoding(.utf8, byte: 0xC3, column: 1), .unterminatedQuote(limit: nil),
    ])
  }
}
