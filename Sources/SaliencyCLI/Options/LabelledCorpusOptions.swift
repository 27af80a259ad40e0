import ArgumentParser
import Corpus
import SaliencyKit

/// How `analyze` and `evaluate` read a labelled corpus: its columns, encoding, label renaming and bad rows.
struct LabelledCorpusOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Rename corpus labels to the model's, e.g. neg=negative,pos=positive.", valueName: "map"))
  var labelMap: String?
  @Option(name: .long, help: "Text column of the corpus.") var textColumn = "text"
  @Option(name: .long, help: "Label column of the corpus.") var labelColumn = "label"
  @Option(name: .long, help: "Input encoding (utf8, latin1 and iso-8859-1 are accepted too).") var encoding: TextEncoding = .utf8
  @Flag(name: .long, help: "Skip malformed rows, rows without tokens and unknown labels (listed in rejected.tsv, or on stderr with analyze --format jsonl) instead of stopping at the first.")
  var skipBadRows = false

  func validate() throws {
    if let labelMap {
      do { _ = try LabelMap(parsing: labelMap) } catch { throw ValidationError("\(error)") }
    }
  }

  var readerOptions: CorpusReaderOptions {
    CorpusReaderOptions(textColumn: textColumn, labelColumn: labelColumn, labels: .required, skipBadRows: skipBadRows,
                        encoding: encoding)
  }

  /// The label renaming, checked against the model's labels.
  /// - Throws: `CommandError` when the map renames to a label the model does not have.
  func labels(for model: TextModel) throws -> LabelMap {
    let labels = try labelMap.map { try LabelMap(parsing: $0) } ?? .identity
    let unknown = labels.unknownTargets(labels: model.labels)
    guard unknown.isEmpty else {
      throw CommandError("--label-map maps to \(unknown.joined(separator: ", ")), not a label of model \(model.name) (\(model.labels.joined(separator: ", ")))")
    }
    return labels
  }
}
