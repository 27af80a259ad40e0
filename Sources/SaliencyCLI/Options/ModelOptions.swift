import ArgumentParser
import Corpus
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
    return try EmbeddedModel.default(forText: sampleText).load()
  }

  /// The texts' indices grouped by the model that reads them, each model loaded once: `--model` for all, or
  /// each text's own default (a Han character → `default-zh`), groups in order of first appearance.
  func grouped(_ texts: [String]) throws -> [(model: TextModel, indices: [Int])] {
    var groups: [(key: String, indices: [Int])] = []
    for (index, text) in texts.enumerated() {
      let key = model ?? EmbeddedModel.default(forText: text).rawValue
      if let existing = groups.firstIndex(where: { $0.key == key }) {
        groups[existing].indices.append(index)
      } else {
        groups.append((key, [index]))
      }
    }
    return try groups.map { (try load(forText: texts[$0.indices[0]]), $0.indices) }
  }

  /// Warns on stderr when most of a text's tokens are unknown to the model that reads it.
  static func warnIfMostlyUnknown(_ input: EncodedText, model: TextModel, origin: String) {
    guard input.text != nil, input.isMostlyUnknown else { return }
    Diagnostics.warning("\(origin): \(input.unknownCount) of \(input.tokens.count) tokens are unknown to \(model.name); "
      + "is it the right model? (--model)")
  }

  /// Which model reads each row of a corpus: `--model` for all, or each row's default by its script.
  func selection() throws -> ModelSelection {
    model == nil ? try ModelSelection.byScript() : .fixed(try load(forText: nil))
  }
}
