import ArgumentParser
import Corpus
import SaliencyKit

/// How `analyze` and `evaluate` read a labelled corpus: its columns, encoding, label renaming and bad rows.
struct LabelledCorpusOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Rename corpus labels to the model's, e.g. neg=negative,pos=positive.", valueName: "map"))
  var labelMap: String?
  @OptionGroup var file: CorpusFileOptions
  @OptionGroup var label: LabelColumnOption

  func validate() throws {
    if let labelMap {
      do { _ = try LabelMap(parsing: labelMap) } catch { throw ValidationError("\(error)") }
    }
  }

  var readerOptions: CorpusReaderOptions { file.readerOptions(labels: .required, labelColumn: label.labelColumn) }

  var skipBadRows: Bool { file.skipBadRows }

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
