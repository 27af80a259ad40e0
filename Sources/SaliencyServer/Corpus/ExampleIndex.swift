import Foundation
import Reports

/// The examples of an analysis (`examples.jsonl`, one contract object per line), indexed for paging from the
/// server: per line, its byte range and the few fields that sorting and the cheap filters read (`Record`, 32
/// bytes an example); never the texts or scores. A page reads only its own lines back from the file; a text or word
/// filter reads the file once and keeps its matches (the last `cacheSize` filters).
///
/// `@unchecked Sendable`: the records are immutable after `init`; `cache` is read and written under `lock`.
final class ExampleIndex: @unchecked Sendable {
  struct Record: Sendable {
    /// Byte offset of the line in the file, and its length without the line feed.
    var offset: Int
    var length: Int32
    /// 1-based line of the corpus file the example came from.
    var line: Int32
    /// Indices into the analysis's labels and models.
    var gold: Int16
    var predicted: Int16
    var model: Int16
    /// Tokens explained.
    var tokens: Int32
    /// The probability of the predicted class.
    var confidence: Float
  }

  let url: URL
  let labels: [String]
  let models: [String]
  let records: [Record]
  private let lock = NSLock()
  private var cache: [(key: String, matches: [Int32])] = []
  private static let cacheSize = 8

  /// Reads the file once.
  /// - Throws: `AnalysisDirectoryError` naming the file and line that is not an example of this analysis.
  init(url: URL, labels: [String], models: [String]) throws {
    self.url = url
    self.labels = labels
    self.models = models
    var records: [Record] = []
    try Self.forEachLine(of: url) { number, offset, bytes in
      do {
        records.append(try Self.record(bytes, offset: offset, labels: labels, models: models))
      } catch {
        throw AnalysisDirectoryError("\(url.path), line \(number + 1): not an example written by saliency analyze (\(error)); run saliency analyze again")
      }
    }
    self.records = records
  }

  /// The fields of one line.
  private static func record(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int, labels: [String], models: [String]) throws -> Record {
    let spans = JSONSpans(bytes: bytes)
    var gold: Int?, predicted: String?, model: Int?, tokens: Int?, line: Int?
    var probabilities: [(String, Double)] = []
    for member in try spans.members(ofObjectAt: 0) {
      if spans.key(member.key, is: "gold") {
        gold = spans.string(member.value).flatMap(labels.firstIndex(of:))
      } else if spans.key(member.key, is: "predicted") {
        predicted = spans.string(member.value)
      } else if spans.key(member.key, is: "line") {
        line = spans.integer(member.value)
      } else if spans.key(member.key, is: "tokens") {
        tokens = try spans.elementCount(ofArrayAt: member.value.lowerBound)
      } else if spans.key(member.key, is: "model") {
        for field in try spans.members(ofObjectAt: member.value.lowerBound) where spans.key(field.key, is: "name") {
          model = spans.string(field.value).flatMap(models.firstIndex(of:))
        }
      } else if spans.key(member.key, is: "probabilities") {
        for field in try spans.members(ofObjectAt: member.value.lowerBound) {
          guard let label = spans.string((field.key.lowerBound - 1)..<(field.key.upperBound + 1)),
                let value = spans.double(field.value) else { continue }
          probabilities.append((label, value))
        }
      }
    }
    guard let gold else { throw Problem("no gold label among the analysis's labels") }
    guard let predicted, let predictedIndex = labels.firstIndex(of: predicted) else { throw Problem("no predicted label among the analysis's labels") }
    guard let model else { throw Problem("no model among the analysis's models") }
    guard let tokens, let line else { throw Problem("no tokens or line") }
    let confidence = probabilities.first { $0.0 == predicted }?.1 ?? .nan
    return Record(offset: offset, length: Int32(bytes.count), line: Int32(clamping: line), gold: Int16(gold),
                  predicted: Int16(predictedIndex), model: Int16(model), tokens: Int32(clamping: tokens), confidence: Float(confidence))
  }

  private struct Problem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  /// The indices of the examples that pass `query`'s filters, in its order.
  /// - Complexity: O(n log n) in the examples; a text or word filter reads the whole file the first time.
  func matches(_ query: ExampleQuery) throws -> [Int32] {
    var candidates: [Int32]
    if let key = query.scanKey {
      if let cached = lock.withLock({ cache.first { $0.key == key }?.matches }) {
        candidates = cached
      } else {
        candidates = try scan(query)
        lock.withLock {
          cache.removeAll { $0.key == key }
          cache.append((key, candidates))
          if cache.count > Self.cacheSize { cache.removeFirst() }
        }
      }
    } else {
      candidates = Array(0..<Int32(records.count))
    }
    let records = records
    candidates.removeAll { !query.admits(records[Int($0)]) }
    switch query.sort {
    case .index: break
    case .confidence:
      // NaN (a model that failed on the text) counts as the lowest confidence.
      let key = { (index: Int32) -> Float in
        let value = records[Int(index)].confidence
        return value.isNaN ? -.infinity : value
      }
      candidates.sort { a, b in key(a) != key(b) ? key(a) < key(b) : a < b }
    case .length:
      candidates.sort { a, b in records[Int(a)].tokens != records[Int(b)].tokens ? records[Int(a)].tokens < records[Int(b)].tokens : a < b }
    }
    if query.descending { candidates.reverse() }
    return candidates
  }

  /// The examples whose text contains the query's text and whose tokens include its word: one read of the file.
  private func scan(_ query: ExampleQuery) throws -> [Int32] {
    var matches: [Int32] = []
    let word = query.word.map { Array(("\"norm\":" + JSONValue.string($0).serialized()).utf8) }
    try Self.forEachLine(of: url) { number, _, bytes in
      if let word, !Self.contains(bytes, word) { return }
      if let text = query.text {
        let spans = JSONSpans(bytes: bytes)
        guard let member = try spans.members(ofObjectAt: 0).first(where: { spans.key($0.key, is: "text") }),
              let value = spans.string(member.value), value.range(of: text, options: [.caseInsensitive]) != nil else { return }
      }
      matches.append(Int32(number))
    }
    return matches
  }

  private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard needle.count <= bytes.count, let first = needle.first else { return needle.isEmpty }
    var index = 0
    while index + needle.count <= bytes.count {
      if bytes[index] == first, needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) { return true }
      index += 1
    }
    return false
  }

  /// The lines of the examples at `indices`, read back from the file.
  /// - Throws: `APIError` 500-class when the file changed under the server.
  func lines(_ indices: some Collection<Int32>) throws -> [[UInt8]] {
    guard let handle = FileHandle(forReadingAtPath: url.path) else {
      throw APIError(.internalServerError, "\(url.lastPathComponent) of this analysis can no longer be read; restart saliency serve")
    }
    defer { try? handle.close() }
    return try indices.map { index in
      let record = records[Int(index)]
      try handle.seek(toOffset: UInt64(record.offset))
      let data = try handle.read(upToCount: Int(record.length)) ?? Data()
      guard data.count == Int(record.length), data.first == UInt8(ascii: "{"), data.last == UInt8(ascii: "}") else {
        throw APIError(.internalServerError, "\(url.lastPathComponent) of this analysis changed since the server started; restart saliency serve")
      }
      return [UInt8](data)
    }
  }

  /// Calls `body` with each non-empty line's number (0-based, counting only non-empty lines), byte offset and
  /// bytes (without the line feed), reading 1 MiB at a time.
  static func forEachLine(of url: URL, _ body: (Int, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
    guard let handle = FileHandle(forReadingAtPath: url.path) else {
      throw AnalysisDirectoryError("\(url.path): cannot open the file")
    }
    defer { try? handle.close() }
    var buffer: [UInt8] = []
    var bufferOffset = 0
    var number = 0
    var atEnd = false
    while !atEnd {
      if let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
        buffer.append(contentsOf: data)
      } else {
        atEnd = true
      }
      var start = 0
      try buffer.withUnsafeBufferPointer { all in
        while start < all.count {
          let newline = all[start...].firstIndex(of: 0x0A)
          guard let end = newline ?? (atEnd ? all.count : nil) else { break }
          if end > start {
            try body(number, bufferOffset + start, UnsafeBufferPointer(rebasing: all[start..<end]))
            number += 1
          }
          start = end + 1
        }
      }
      let consumed = min(start, buffer.count)
      buffer.removeFirst(consumed)
      bufferOffset += consumed
    }
  }
}
