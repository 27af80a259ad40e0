import ArgumentParser
import Corpus
import Foundation

/// How a text file is read: its text column, encoding and bad rows (`explain --input`, `report`, `train`,
/// `analyze`, `evaluate`). Commands that read gold labels add `LabelColumnOption`.
struct CorpusFileOptions: ParsableArguments {
  @Option(name: .long, help: "Text column of a TSV/CSV/JSONL input.")
  var textColumn = "text"

  @Option(name: .long, help: "Input encoding (utf8, latin1 and iso-8859-1 are accepted too).")
  var encoding: TextEncoding = .utf8

  @Flag(name: .long, help: "Skip malformed rows and texts without tokens (listed on stderr, or in the output's rejected.tsv) instead of stopping at the first.")
  var skipBadRows = false

  /// Reader settings from these options.
  func readerOptions(labels: LabelRequirement, labelColumn: String = LabelColumnOption.defaultColumn) -> CorpusReaderOptions {
    CorpusReaderOptions(textColumn: textColumn, labelColumn: labelColumn, labels: labels, skipBadRows: skipBadRows,
                        encoding: encoding)
  }
}

/// `--label-column`, for the commands that read gold labels.
struct LabelColumnOption: ParsableArguments {
  static let defaultColumn = "label"

  @Option(name: .long, help: "Gold label column of a TSV/CSV/JSONL input.")
  var labelColumn = LabelColumnOption.defaultColumn
}

/// `--threads`, the worker threads of every command that computes.
struct ThreadOptions: ParsableArguments {
  @Option(name: .long, help: "Worker threads (default: all cores).")
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
  }

  var workerThreads: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}

extension TextEncoding: ExpressibleByArgument {
  /// Accepts the listed names and their common spellings (`utf8`, `latin1`, `iso-8859-1`; any case).
  public init?(argument: String) { self.init(name: argument) }

  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
