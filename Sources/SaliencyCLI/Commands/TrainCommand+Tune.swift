import LSTMCore
import Reports

/// One finished run of `train --tune`: its settings and how far it got on dev.
struct TuningTrial {
  let options: TrainingOptions
  let devAccuracy: Double
  let bestEpoch: Int

  init(_ options: TrainingOptions, outcome: Trainer.Outcome) {
    self.options = options
    bestEpoch = outcome.bestEpoch
    devAccuracy = outcome.history.first { $0.epoch == outcome.bestEpoch }?.dev.accuracy ?? 0
  }

  var json: JSONValue {
    .object([("dropout", .float(options.dropout)), ("learning_rate", .float(options.learningRate)),
             ("word_dropout", .float(options.wordDropout)), ("dev_accuracy", .double(devAccuracy)),
             ("best_epoch", .int(bestEpoch))])
  }
}

extension TrainCommand {
  /// The grid as `--help` states it: "dropout {0.3, 0.5} × learning rate {0.001, 0.002} × word dropout {0.0, 0.2}".
  static var tuningGridDescription: String {
    let grid = TuningGrid.standard
    func set(_ values: [Float]) -> String { "{" + values.map { "\($0)" }.joined(separator: ", ") + "}" }
    return "dropout \(set(grid.dropouts)) × learning rate \(set(grid.learningRates)) × word dropout \(set(grid.wordDropouts))"
  }

  /// "dropout 0.5, learning rate 0.001, word dropout 0.2": the tuned settings of one run.
  static func tunedSettings(_ options: TrainingOptions) -> String {
    "dropout \(options.dropout), learning rate \(options.learningRate), word dropout \(options.wordDropout)"
  }

  /// The `tuned` entry of `saliency.config`: the grid, how the winner was picked, and every finished trial.
  static func tunedNote(_ trials: [TuningTrial]) -> JSONValue {
    let grid = TuningGrid.standard
    return .object([
      ("grid", .object([("dropout", .array(grid.dropouts.map(JSONValue.float))),
                        ("learning_rate", .array(grid.learningRates.map(JSONValue.float))),
                        ("word_dropout", .array(grid.wordDropouts.map(JSONValue.float)))])),
      ("selected_by", .string("best dev accuracy of any epoch; the earlier trial on a tie")),
      ("trials", .array(trials.map(\.json))),
    ])
  }
}
