import ArgumentParser
import Reports
import SaliencyKit
import SystemSupport

/// `saliency info [--model M]`: the model card; without `--model`, both embedded defaults.
struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "info", abstract: "Show a model card (both embedded defaults without --model).")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @OptionGroup var modelOptions: ModelOptions
  @Option(name: .long, help: "text or json.")
  var format: Format = .text

  func run() throws {
    try runReportingErrors {
      let models = modelOptions.model == nil
        ? try EmbeddedModel.allCases.map { try $0.load() }
        : [try modelOptions.load(forText: nil)]
      switch format {
      case .json:
        let cards = models.map { $0.cardJSON() }
        try StandardOutput.write((modelOptions.model == nil ? .array(cards) : cards[0]).prettyPrinted() + "\n")
      case .text:
        try PlainText.write(models.map { $0.cardText() }.joined(separator: "\n"))
      }
    }
  }
}
