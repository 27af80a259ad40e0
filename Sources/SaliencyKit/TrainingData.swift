import Corpus
import Foundation
import LSTMCore
import Reports
import SystemSupport

/// A labelled split read from a file, with where it came from.
public struct LabelledSplit: Sendable {
  public var name: String
  public var rows: [LabelledText]
  /// sha256 of the file's bytes.
  public var sha256: String

  /// Reads every row of a labelled file (TSV, CSV, JSONL by extension).
  public static func read(path: String, options: CorpusReaderOptions) throws -> (split: LabelledSplit, rejected: [RejectedRow]) {
    let reader = try CorpusReader(path: path, options: options)
    let rows = try reader.readAll()
    if let row = rows.first(where: { !TerminalSanitizer.isSafe($0.label ?? "") }) {
      throw UnsafeLabelError(file: path, line: row.line, label: row.label ?? "")
    }
    var digest = SHA256()
    if let data = FileManager.default.contents(atPath: path) { digest.update(data) }
    return (LabelledSplit(name: path, rows: rows, sha256: digest.hexDigest()), reader.drainRejected())
  }
}

/// A training label with a control, C1 or bidirectional character: it would reach every terminal and report
/// that shows the model's labels.
public struct UnsafeLabelError: Error, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let label: String

  public var description: String {
    "\(file):\(line): label '\(TerminalSanitizer.sanitize(label))' contains a control or bidirectional character; labels are shown in terminals and reports, so remove it"
  }
}

/// A labelled row whose label the model does not have.
public struct UnknownLabelError: Error, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let label: String
  public let known: [String]

  public var description: String {
    "\(file):\(line): label '\(label)' does not occur in the training data (labels: \(known.joined(separator: ", "))); fix the label or add examples of it to the training file"
  }
}

/// Turns labelled texts into id sequences for a vocabulary, tokenizer and label list.
public struct SequenceEncoder: Sendable {
  public let tokenizer: Tokenizer
  public let vocabulary: Vocabulary
  public let labels: [String]
  /// Texts are cut to their first `maxTokens` tokens (training memory grows with the longest text).
  public let maxTokens: Int

  public init(tokenizer: Tokenizer, vocabulary: Vocabulary, labels: [String], maxTokens: Int) {
    self.tokenizer = tokenizer
    self.vocabulary = vocabulary
    self.labels = labels
    self.maxTokens = maxTokens
  }

  /// Builds the vocabulary (from each text's first `maxTokens` tokens) and the sorted label list from a
  /// training split. A tokenizer that backs off to characters (`.wordJiebaBackoff`) takes two passes: the
  /// words' vocabulary first, then the forms the texts have under it (its words, and the characters of
  /// the words it lacks), counted and cut to `minCount` and `maxSize` again. A word that the second pass
  /// leaves out is read as its characters too, in training as when explaining.
  public init(training split: LabelledSplit, tokenizer: Tokenizer, minCount: Int, maxSize: Int?, maxTokens: Int) {
    self.tokenizer = tokenizer
    self.maxTokens = maxTokens
    func counted(under words: Vocabulary?) -> Vocabulary {
      Vocabulary.build(counting: split.rows.lazy.map { tokenizer.tokenize($0.text, maxTokens: maxTokens, vocabulary: words).tokens.map(\.norm) },
                       minCount: minCount, maxSize: maxSize)
    }
    let words = counted(under: nil)
    vocabulary = tokenizer.kind.backsOffToCharacters ? counted(under: words) : words
    labels = Set(split.rows.compactMap(\.label)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
  }

  /// The id sequences of a split; rows with no token are skipped and counted, rows cut at `maxTokens` counted.
  public func encode(_ split: LabelledSplit) throws -> (sequences: [LabelledSequence], emptyRows: Int, truncatedRows: Int) {
    var sequences: [LabelledSequence] = []
    var empty = 0
    var truncated = 0
    sequences.reserveCapacity(split.rows.count)
    for row in split.rows {
      let label = row.label ?? ""
      guard let index = labels.firstIndex(of: label) else {
        throw UnknownLabelError(file: split.name, line: row.line, label: label, known: labels)
      }
      let (tokens, cut) = tokenizer.tokenize(row.text, maxTokens: maxTokens, vocabulary: vocabulary)
      if tokens.isEmpty { empty += 1; continue }
      if cut { truncated += 1 }
      sequences.append(LabelledSequence(tokens: vocabulary.ids(of: tokens), label: index))
    }
    return (sequences, empty, truncated)
  }
}
