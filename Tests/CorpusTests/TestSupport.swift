import Foundation

@testable import Corpus

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// Writes `bytes` to `name` inside the directory and returns the file's path.
  func file(_ name: String, bytes: [UInt8]) throws -> String {
    let fileURL = url.appendingPathComponent(name)
    try Data(bytes).write(to: fileURL)
    return fileURL.path
  }

  /// Writes `text` as UTF-8 to `name` inside the directory and returns the file's path.
  func file(_ name: String, _ text: String) throws -> String {
    try file(name, bytes: Array(text.utf8))
  }
}

/// Reads everything from in-memory bytes, returning the texts and the rejected rows.
func readAll(
  _ bytes: [UInt8], name: String = "data", format: CorpusFormat, options: CorpusReaderOptions = .init()
) throws -> (texts: [LabelledText], rejected: [RejectedRow]) {
  let reader = try CorpusReader(data: Data(bytes), displayName: name, format: format, options: options)
  let texts = try reader.readAll()
  return (texts, reader.rejected)
}

/// Reads everything from an in-memory UTF-8 string.
func readAll(
  _ text: String, name: String = "data", format: CorpusFormat, options: CorpusReaderOptions = .init()
) throws -> (texts: [LabelledText], rejected: [RejectedRow]) {
  try readAll(Array(text.utf8), name: name, format: format, options: options)
}

/// Options with only the fields a test cares about changed.
func options(
  labels: LabelRequirement = .required, skipBadRows: Bool = false, encoding: TextEncoding = .utf8,
  chunkSize: Int = CorpusReaderOptions.defaultChunkSize, textColumn: String = "text", labelColumn: String = "label"
) -> CorpusReaderOptions {
  CorpusReaderOptions(
    textColumn: textColumn, labelColumn: labelColumn, labels: labels, skipBadRows: skipBadRows,
    encoding: encoding, chunkSize: chunkSize)
}

extension LabelledText {
  /// Shorthand for expectations.
  init(_ text: String, _ label: String?, line: Int) {
    self.init(text: text, label: label, line: line)
  }
}
