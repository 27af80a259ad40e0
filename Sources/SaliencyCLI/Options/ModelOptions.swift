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
    let containsHan = sampleText?.unicodeScalars.contains { $0.properties.isIdeographic } ?? false
    return try (containsHan ? EmbeddedModel.defaultZH : .defaultEN).load()
  }
}
