import ArgumentParser
import Foundation
import LSTMCore
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
      Gemm.setLibraryThreads(1)
      let settings = try saliencyOptions.settings()
      let tokenIds = try inputOptions.parsedTokenIds()
      let texts = tokenIds == nil ? try inputOptions.loadTexts() : []
      if tokenIds == nil, texts.isEmpty { throw CommandError("\(inputOptions.inputPath.map { $0 == "-" ? "standard input" : $0 } ?? "the input") holds no text to explain") }
      let model = try modelOptions.load(forText: texts.first?.text)
      try checkCompatibility(settings, with: model)
      let explainer = Explainer(model: model, methods: try settings.makeMethods(), target: try saliencyOptions.targetChoice(for: model))
      var encoded: [EncodedText] = []
      if let tokenIds {
        encoded.append(try model.encode(tokenIds: tokenIds, maxTokens: settings.effectiveMaxTokens))
      } else {
        for (text, origin) in texts {
          do {
            encoded.append(try model.encode(text: text, maxTokens: settings.effectiveMaxTokens))
          } catch let error as InputError {
            throw CommandError("\(origin): \(error)")
          }
        }
      }
      try OutputOptions.checkOneObject(outputOptions.format, texts: encoded.count)
      let explanations = try ExplanationBatches.explain(encoded, with: explainer, threads: saliencyOptions.workerThreads)
      try OutputSink(path: outputOptions.output).write(render(explanations, model: model))
    }
  }

  /// `--erasure unk` and `--baseline unk` need a model with `<unk>`: a usage error (exit 64) that says what to do.
  private func checkCompatibility(_ settings: MethodSettings, with model: TextModel) throws {
    guard model.classifier.specialIds.unk == nil else { return }
    if settings.methods.contains(where: \.isPerturbation), settings.erasure == .unk {
      throw ValidationError("Model \(model.name) has no <unk> token, so --erasure unk is undefined; use --erasure pad, zero or remove.")
    }
    if settings.methods.contains(.integratedGradients), settings.baseline == .unk {
      throw ValidationError("Model \(model.name) has no <unk> token, so --baseline unk is undefined; use --baseline pad or zero.")
    }
  }

  private func render(_ explanations: [TextExplanation], model: TextModel) throws -> String {
    switch outputOptions.format {
    case .json:
      return explanations.map { $0.jsonValue(model: model).prettyPrinted() + "\n" }.joined()
    case .jsonl:
      return explanations.map { $0.jsonValue(model: model).serialized() + "\n" }.joined()
    case .ansi:
      let renderer = outputOptions.ansiRenderer
      return explanations.map { renderer.render($0.heatmapDocument(model: model)) }.joined(separator: "\n")
    case .csv:
      return TextExplanation.csvHeader + explanations.enumerated().map { $1.csvRows(model: model, index: $0) }.joined()
    case .html:
      return HTMLOutput.explainPage(explanations, model: model, inputName: inputOptions.inputPath ?? "command-line arguments",
                                    topK: outputOptions.topK, scale: outputOptions.reportScale)
    }
  }
}
