import Foundation
import SystemSupport

/// Reads a file line by line in 1 MiB chunks (lines of any length), without the line feeds.
public final class LineFileReader {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEnd = false

  /// - Throws: `AnalysisError.incompatible` naming the path when it cannot be opened.
  public init(url: URL) throws {
    guard let handle = FileHandle(forReadingAtPath: url.path) else {
      throw AnalysisError.incompatible("\(url.path): cannot open the file")
    }
    self.handle = handle
  }

  deinit { try? handle.close() }

  /// The next line, or nil at the end of the file.
  public func next() throws -> String? {
    while true {
      if let newline = buffer[position...].firstIndex(of: 0x0A) {
        let line = String(decoding: buffer[position..<newline], as: UTF8.self)
        position = newline + 1
        return line
      }
      if atEnd {
        guard position < buffer.count else { return nil }
        let line = String(decoding: buffer[position...], as: UTF8.self)
        position = buffer.count
        return line
      }
      buffer.removeFirst(position)
      position = 0
      if let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
        buffer.append(contentsOf: data)
      } else {
        atEnd = true
      }
    }
  }
}

/// Merges files whose lines are sorted by a key (the corpus line number) into one sorted stream, as
/// `saliency merge` does with the shards' `examples.jsonl` and `rejected.tsv`.
public enum SortedLineMerge {
  /// - Parameters:
  ///   - skipFirstLine: drop each file's first line (a header).
  ///   - key: the sort key of a line; nil is an error naming the file.
  ///   - emit: receives each line, without its line feed, in key order (ties: the earlier file first).
  public static func merge(_ files: [URL], skipFirstLine: Bool, key: (String) -> Int?, emit: (String) throws -> Void) throws {
    let readers = try files.map(LineFileReader.init(url:))
    var heads: [(line: String, key: Int)?] = []
    func advance(_ index: Int) throws -> (String, Int)? {
      guard let line = try readers[index].next() else { return nil }
      guard let value = key(line) else {
        throw AnalysisError.incompatible("\(files[index].path): a line without a line number: \(line.prefix(80))")
      }
      return (line, value)
    }
    for index in readers.indices {
      if skipFirstLine { _ = try readers[index].next() }
      heads.append(try advance(index))
    }
    while true {
      var best: Int?
      for index in heads.indices {
        guard let head = heads[index] else { continue }
        if let current = best, let other = heads[current], other.key <= head.key { continue }
        best = index
      }
      guard let index = best, let head = heads[index] else { return }
      try emit(head.line)
      heads[index] = try advance(index)
    }
  }

  /// The `"line":N` member of an `examples.jsonl` object: its last occurrence (a quote inside a string is
  /// always escaped, so `,"line":` can only be a member name, and `line` is the last-but-one top-level member).
  public static func exampleLineNumber(_ line: String) -> Int? {
    guard let range = line.range(of: ",\"line\":", options: .backwards) else { return nil }
    return Int(line[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
  }

  /// The first field of a `rejected.tsv` line.
  public static func rejectedLineNumber(_ line: String) -> Int? {
    Int(line.prefix { $0 != "\t" })
  }
}

/// Appends files one after another, as `saliency merge` does with the `examples.jsonl` and `rejected.tsv` of
/// parts (`analyze --part K/N`: consecutive slices of one input, so their lines are already in line order, part
/// after part). The bytes are copied by the kernel (``OutputFile/append(contentsOfFileAt:from:)``).
public enum LineFileConcatenation {
  /// - Parameters:
  ///   - skipFirstLine: drop each file's first line (a header), with its line feed.
  /// - Throws: `AnalysisError.incompatible` naming a file that cannot be opened or read; the output's errors.
  public static func concatenate(_ files: [URL], skipFirstLine: Bool, into output: OutputFile) throws {
    for file in files {
      let start = skipFirstLine ? try bytesThroughFirstLineFeed(file) : 0
      do {
        try output.append(contentsOfFileAt: file.path, from: start)
      } catch let error as AtomicFileError where error.path == file.path {
        throw AnalysisError.incompatible("\(file.path): cannot read the file (\(error))")
      }
    }
  }

  /// The length of the file's first line with its line feed (the whole file when it has none).
  static func bytesThroughFirstLineFeed(_ file: URL) throws -> Int {
    guard let handle = FileHandle(forReadingAtPath: file.path) else {
      throw AnalysisError.incompatible("\(file.path): cannot open the file")
    }
    defer { try? handle.close() }
    var length = 0
    while let data = try handle.read(upToCount: 1 << 16), !data.isEmpty {
      if let newline = data.firstIndex(of: 0x0A) { return length + (newline - data.startIndex) + 1 }
      length += data.count
    }
    return length
  }
}
