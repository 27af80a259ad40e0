import ArgumentParser
import Foundation
import Reports
import Saliency
import SaliencyKit

/// `saliency explain [TEXT…]`: scores each word of each text with the chosen methods.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain texts: one score per word and method, as a terminal heatmap or JSON.")

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var inputOptions: InputOptions
  @OptionGroup var saliencyOptions: SaliencyOptions<DocumentedDefault>
  @OptionGroup var outputOptions: OutputOptions

  func validate() throws {
    if inputOptions.tokenIds != nil, modelOptions.model == nil {
      throw ValidationError("--token-ids needs an explicit --model (token ids mean nothing without it).")
    }
  }

  func run() throws {
    try runReportingErrors {
      let settings = try saliencyOptions.settings()
      let tokenIds = try inputOptions.parsedTokenIds()
      let texts = tokenIds == nil ? try inputOptions.loadTexts() : []
      if tokenIds == nil, texts.isEmpty { throw CommandError("\(inputOptions.inputPath.map { $0 == "-" ? "standard input" : $0 } ?? "the input") holds no text to explain") }
      let count = tokenIds == nil ? texts.count : 1
      try OutputOptions.checkOneObject(outputOptions.format, texts: count)
      // Each text is read by its own model (--model, or its script's default), results kept in input order.
      var results = [(explanation: TextExplanation, model: TextModel)?](repeating: nil, count: count)
      for (model, indices) in try modelOptions.grouped(tokenIds == nil ? texts.map(\.text) : [""]) {
        try Self.checkCompatibility(settings, with: model)
        let explainer = Explainer(model: model, methods: try settings.makeMethods(),
                                  target: try saliencyOptions.targetChoice(for: model))
        let encoded = try indices.map { index in
          if let tokenIds { return try model.encode(tokenIds: tokenIds, maxTokens: settings.effectiveMaxTokens) }
          do {
            let input = try model.encode(text: texts[index].text, maxTokens: settings.effectiveMaxTokens)
            ModelOptions.warnIfMostlyUnknown(input, model: model, origin: texts[index].origin)
            return input
          } catch let error as InputError {
            throw CommandError("\(texts[index].origin): \(error)")
          }
        }
        let explanations = try ExplanationBatches.explain(encoded, with: explainer, threads: saliencyOptions.workerThreads)
        for (index, explanation) in zip(indices, explanations) { results[index] = (explanation, model) }
      }
      try OutputSink(path: outputOptions.output).write(render(results.compactMap { $0 }))
    }
  }

  /// `--erasure unk` and `--baseline unk` need a model with `<unk>`: a usage error (exit 64) that says what to do.
  static func checkCompatibility(_ settings: MethodSettings, with model: TextModel) throws {
    do {
      try settings.check(for: model.classifier)
    } catch {
      throw ValidationError("Model \(model.name): \(error)")
    }
  }

  private func render(_ results: [(explanation: TextExplanation, model: TextModel)]) throws -> String {
    switch outputOptions.format {
    case .json, .jsonl:
      let pretty = outputOptions.format == .json
      return results.map { result in
        let value = result.explanation.jsonValue(model: result.model)
        return (pretty ? value.prettyPrinted() : value.serialized()) + "\n"
      }.joined()
    case .ansi:
      let renderer = outputOptions.ansiRenderer
      return results.map { renderer.render($0.explanation.heatmapDocument(model: $0.model)) }.joined(separator: "\n")
    case .csv:
      return TextExplanation.csvHeader + results.enumerated().map { $1.explanation.csvRows(model: $1.model, index: $0) }.joined()
    case .html:
      return ExplanationPage.html(results, inputName: inputOptions.inputPath ?? "command-line arguments",
                                  generator: HTMLOutput.generator, topK: outputOptions.topK, scale: outputOptions.reportScale)
    }
  }
}
