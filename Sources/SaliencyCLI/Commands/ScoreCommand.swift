import ArgumentParser
import Foundation
import Reports
import Saliency
import SaliencyKit

/// `saliency score [TEXT…]`: class probabilities only.
struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "score", abstract: "Class probabilities of texts.")

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var inputOptions: InputOptions
  /// `--format` of `score`.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    /// A line per text: predicted label, probabilities, text.
    case ansi
    /// One object (one text).
    case json
    /// One object per line.
    case jsonl
    /// A header and a row per text.
    case csv
  }

  @Option(name: .long, help: "ansi (a line per text), json (one object, one text), jsonl (one object per line) or csv.")
  var format: Format = .ansi
  @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "path"))
  var output: String?
  @OptionGroup var limit: ScoreTokenLimit
  @OptionGroup var threadOptions: ThreadOptions

  func validate() throws {
    if inputOptions.tokenIds != nil, modelOptions.model == nil {
      throw ValidationError("--token-ids needs an explicit --model.")
    }
  }

  func run() throws {
    try runReportingErrors {
      let tokenIds = try inputOptions.parsedTokenIds()
      let texts = tokenIds == nil ? try inputOptions.loadTexts() : []
      if tokenIds == nil, texts.isEmpty { throw CommandError("\(inputOptions.inputPath.map { $0 == "-" ? "standard input" : $0 } ?? "the input") holds no text to score") }
      let count = tokenIds == nil ? texts.count : 1
      if format == .json { try OutputOptions.checkOneObject(.json, texts: count) }
      // Each text is scored by its own model (--model, or its script's default); lines keep the input order.
      var lines = [String](repeating: "", count: count)
      var header: [String]?
      for (model, indices) in try modelOptions.grouped(tokenIds == nil ? texts.map(\.text) : [""]) {
        let inputs: [EncodedText] = try indices.map { index in
          if let tokenIds { return try model.encode(tokenIds: tokenIds, maxTokens: limit.maxTokens) }
          do {
            let input = try model.encode(text: texts[index].text, maxTokens: limit.maxTokens)
            ModelOptions.warnIfMostlyUnknown(input, model: model, origin: texts[index].origin)
            return input
          } catch {
            throw CommandError("\(texts[index].origin): \(error)")
          }
        }
        let probabilities = try model.classifier.probabilities(of: inputs.map(\.ids), threads: threadOptions.workerThreads)
        for (index, (input, row)) in zip(indices, zip(inputs, probabilities)) {
          lines[index] = line(input: input, probabilities: row.map(Double.init), model: model)
        }
        header = header ?? (["predicted"] + model.labels.map { "p_\($0)" } + ["text"])
      }
      if format == .csv, let header { lines.insert(header.map(CSVField.escaped).joined(separator: ","), at: 0) }
      let text = lines.map { $0 + "\n" }.joined()
      try OutputSink(path: output).write(text)
    }
  }

  private func line(input: EncodedText, probabilities: [Double], model: TextModel) -> String {
    let predicted = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
    switch format {
    case .ansi:
      let figures = zip(model.labels, probabilities).map { "\($0) \(fixed($1))" }.joined(separator: "  ")
      let shown = input.text ?? input.tokens.map(\.text).joined(separator: " ")
      return TerminalSanitizer.sanitize(model.labels[predicted]) + "\t" + TerminalSanitizer.sanitize(figures) + "\t"
        + TerminalSanitizer.sanitize(shown)
    case .csv:
      let fields = [model.labels[predicted]] + probabilities.map { Float($0).description } + [input.text ?? input.tokens.map(\.text).joined(separator: " ")]
      return fields.map(CSVField.escaped).joined(separator: ",")
    case .json, .jsonl:
      let value = input.scoreJSON(probabilities: probabilities, model: model)
      return value.serialized()
    }
  }

  private func fixed(_ value: Double) -> String {
    let thousandths = Int((value * 1000).rounded())
    return "\(thousandths / 1000).\(String(format: "%03d", thousandths % 1000))"
  }
}
