import ArgumentParser
import Foundation
import SaliencyKit

/// `--model default-zh | default-en | PATH`.
struct ModelOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("default-zh, default-en, or a model file (.safetensors). Default: default-zh for text with Han characters, else default-en.", valueName: "model"))
  var model: String?

  /// The model named by `--model`, or the default for `sampleText`.
  func load(forText sampleText: String?) throws -> TextModel {
    if let model {
      if let embedded = EmbeddedModel(rawValue: model) { return try embedded.load() }
      return try TextModel.load(path: model)
    }
    return try Self.defaultModel(forText: sampleText).load()
  }

  /// The embedded default for a text without `--model`: default-zh when it has a Han character, else default-en.
  static func defaultModel(forText text: String?) -> EmbeddedModel {
    let containsHan = text?.unicodeScalars.contains { $0.properties.isIdeographic } ?? false
    return containsHan ? .defaultZH : .defaultEN
  }
}
