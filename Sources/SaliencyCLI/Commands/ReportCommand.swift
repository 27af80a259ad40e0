import ArgumentParser
import Corpus
import Foundation
import Reports
import SaliencyKit

/// `saliency report INPUT -o FILE.html`: one self-contained HTML page explaining many texts.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a self-contained HTML report explaining many texts (plain lines, TSV, CSV or JSONL).",
    discussion: """
      The page needs no network and no script to read: inline CSS and SVG, an index of the texts (sortable and \
      filterable when JavaScript is on), one heatmap row per method over each original text, and the JSON of \
      `explain --format json` embedded for machines. Without --model, texts with Han characters use default-zh \
      and the others default-en.
      """)

  @Argument(help: ArgumentHelp("Texts: plain lines (.txt), .tsv, .csv or .jsonl (with a text column), or - for standard input.", valueName: "input"))
  var input: String

  @Option(name: [.short, .long], help: ArgumentHelp("The HTML file to write (atomically).", valueName: "file.html"))
  var output: String

  @OptionGroup var file: CorpusFileOptions
  @OptionGroup var label: LabelColumnOption

  @Option(name: .long, help: "Explain at most the first N texts.")
  var limit: Int?

  @Option(name: .long, help: "Colour scale: absolute (the colour saturates at a fixed score per method and measure, e.g. ±0.5 probability, ±2 logit, so weak maps look weak and texts compare), text (each text by its own largest score) or report (one scale per method shared by all texts).")
  var scale: HTMLReportDocument.Scale = .absolute

  @Option(name: .long, help: "List the N most supporting and N most opposing tokens per method (0: none).")
  var topK = 5

  @Flag(name: .long, help: "Write the date and time into the page (off by default, so the same input gives the same file).")
  var timestamp = false

  @Option(name: .long, help: "The page's title.")
  var title = "Saliency report"

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var saliencyOptions: SaliencyOptions<DocumentedDefault>

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    if topK < 0 { throw ValidationError("--top-k cannot be negative.") }
  }

  func run() throws {
    try runReportingErrors {
      let settings = try saliencyOptions.settings()
      let rows = try readRows()
      guard !rows.isEmpty else { throw CommandError("\(input) holds no text to explain") }
      var items: [HTMLReportDocument.Item?] = Array(repeating: nil, count: rows.count)
      var models: [HTMLReportDocument.ModelSummary] = []
      for (model, indices) in try modelOptions.grouped(rows.map(\.text)) {
        models.append(model.reportSummary())
        let explainer = Explainer(model: model, methods: try settings.makeMethods(),
                                  target: try saliencyOptions.targetChoice(for: model))
        var encoded: [EncodedText] = [], kept: [Int] = []
        for index in indices {
          do {
            encoded.append(try model.encode(text: rows[index].text, maxTokens: settings.effectiveMaxTokens))
            kept.append(index)
          } catch let error as InputError {
            guard file.skipBadRows else { throw CommandError("\(rows[index].origin): \(error)") }
            Diagnostics.warning("skipped \(rows[index].origin): \(error)")
          }
        }
        let explanations = try ExplanationBatches.explain(encoded, with: explainer, threads: saliencyOptions.workerThreads)
        let groupItems = ReportItems.make(explanations, golds: kept.map { rows[$0].gold }, model: model)
        for (index, item) in zip(kept, groupItems) { items[index] = item }
      }
      let document = HTMLReportDocument(
        title: title, models: models, inputName: input == "-" ? CorpusReader.standardInputName : input,
        timestamp: timestamp ? HTMLOutput.timestamp() : nil, generator: HTMLOutput.generator, scale: scale,
        items: items.compactMap { $0 })
      guard !document.items.isEmpty else { throw CommandError("\(input): no text could be explained") }
      try OutputSink(path: output).write(HTMLRenderer(topK: topK).render(document))
    }
  }

  /// The texts of the input (at most `--limit`), with their gold labels and where each came from.
  private func readRows() throws -> [(text: String, gold: String?, origin: String)] {
    let options = file.readerOptions(labels: .optional, labelColumn: label.labelColumn)
    let reader = try CorpusReader(path: input, options: options)
    var rows: [(String, String?, String)] = []
    while rows.count < (limit ?? .max), let row = try reader.next() {
      rows.append((row.text, row.label, "\(reader.displayName):\(row.line)"))
    }
    for rejected in reader.drainRejected() {
      Diagnostics.warning("skipped \(reader.displayName):\(rejected.line): \(rejected.problem)")
    }
    return rows
  }
}

extension HTMLReportDocument.Scale: ExpressibleByArgument {}
