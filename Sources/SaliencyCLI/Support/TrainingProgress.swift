import Foundation
import LSTMCore

/// Shows training progress on stderr: a redrawn bar on a terminal; otherwise a line every 30 seconds within an
/// epoch and a summary line per epoch, so that a log shows long epochs moving. Within `train --tune`, each line
/// names its trial, and an improving epoch is the best of its trial (the command says which trial is saved).
final class TrainingProgress {
  let totalEpochs: Int
  let interactive = isatty(STDERR_FILENO) == 1
  private let prefix: String
  private let improvedNote: String
  private var lastLog = Date()
  private static let logInterval = 30.0

  init(totalEpochs: Int, trial: (number: Int, count: Int)? = nil) {
    self.totalEpochs = totalEpochs
    prefix = trial.map { "trial \($0.number)/\($0.count) " } ?? ""
    improvedNote = trial == nil ? "best so far, saved" : "best of this trial"
  }

  func show(_ event: TrainingEvent) {
    switch event {
    case .batch(let epoch, let batch, let batchCount, let loss, let tokensPerSecond, let secondsLeft) where !interactive:
      let now = Date()
      guard now.timeIntervalSince(lastLog) >= Self.logInterval else { return }
      lastLog = now
      Diagnostics.write("\(prefix)epoch \(epoch)/\(totalEpochs): batch \(batch)/\(batchCount)  loss \(format(loss, 4))  \(Int(tokensPerSecond)) tok/s  epoch ETA \(clock(secondsLeft))\n")
    case .batch(let epoch, let batch, let batchCount, let loss, let tokensPerSecond, let secondsLeft):
      guard batch % 5 == 0 || batch == batchCount else { return }
      let width = 24
      let filled = width * batch / max(1, batchCount)
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      Diagnostics.write("\r\u{1B}[2K\(prefix)epoch \(epoch)/\(totalEpochs) \(bar) \(100 * batch / max(1, batchCount))%  loss \(format(loss, 4))  \(Int(tokensPerSecond)) tok/s  ETA \(clock(secondsLeft))")
    case .epoch(let summary):
      lastLog = Date()
      if interactive { Diagnostics.write("\r\u{1B}[2K") }
      Diagnostics.write("\(prefix)epoch \(summary.epoch)/\(totalEpochs): loss \(format(summary.trainLoss, 4))  dev accuracy \(format(summary.dev.accuracy, 4))  macro-F1 \(format(summary.dev.macroF1, 4))  \(Int(summary.tokensPerSecond)) tok/s  \(format(summary.seconds, 1)) s\(summary.improved ? "  (\(improvedNote))" : "")\n")
    }
  }

  private func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

  private func clock(_ seconds: Double) -> String {
    let total = Int(max(0, seconds.isFinite ? seconds : 0))
    return "\(total / 60):" + String(format: "%02d", total % 60)
  }
}
