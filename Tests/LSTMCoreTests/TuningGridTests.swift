import Testing
@testable import LSTMCore

@Suite("Tuning grid")
struct TuningGridTests {
  @Test("every combination once, dropout slowest, other settings kept, the defaults among them")
  func trials() {
    var base = TrainingOptions()
    base.epochs = 3
    base.seed = 9
    base.threads = 2
    let grid = TuningGrid.standard
    let trials = grid.trials(from: base)
    #expect(trials.count == grid.dropouts.count * grid.learningRates.count * grid.wordDropouts.count)
    #expect(Set(trials.map { "\($0.dropout) \($0.learningRate) \($0.wordDropout)" }).count == trials.count)
    #expect(trials.map(\.dropout) == grid.dropouts.flatMap { Array(repeating: $0, count: trials.count / grid.dropouts.count) })
    #expect(trials.prefix(grid.wordDropouts.count).map(\.wordDropout) == grid.wordDropouts)
    #expect(trials.allSatisfy { $0.epochs == 3 && $0.seed == 9 && $0.threads == 2 && $0.patience == base.patience })
    let defaults = TrainingOptions()
    #expect(trials.contains { $0.dropout == defaults.dropout && $0.learningRate == defaults.learningRate
                              && $0.wordDropout == defaults.wordDropout })
  }
}
