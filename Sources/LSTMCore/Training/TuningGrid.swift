/// The settings `saliency train --tune` tries: every combination of a few dropout, learning-rate and
/// word-dropout values, each trained to early stopping from the same initial weights and seed. The trial with the
/// highest dev accuracy wins; on a tie, the earlier trial in `trials(from:)` order.
public struct TuningGrid: Sendable, Equatable {
  public var dropouts: [Float]
  public var learningRates: [Float]
  public var wordDropouts: [Float]

  public init(dropouts: [Float], learningRates: [Float], wordDropouts: [Float]) {
    self.dropouts = dropouts
    self.learningRates = learningRates
    self.wordDropouts = wordDropouts
  }

  /// Dropout {0.3, 0.5} × learning rate {0.001, 0.002} × word dropout {0, 0.2}: 8 trials around the defaults of
  /// `TrainingOptions`, which are one of them.
  public static let standard = TuningGrid(dropouts: [0.3, 0.5], learningRates: [1e-3, 2e-3], wordDropouts: [0, 0.2])

  /// `base` once per combination, dropout varying slowest and word dropout fastest; every other field of `base`
  /// (epochs, patience, seed, threads, …) is kept.
  /// - Complexity: O(dropouts × learning rates × word dropouts).
  public func trials(from base: TrainingOptions) -> [TrainingOptions] {
    dropouts.flatMap { dropout in
      learningRates.flatMap { learningRate in
        wordDropouts.map { wordDropout in
          var options = base
          options.dropout = dropout
          options.learningRate = learningRate
          options.wordDropout = wordDropout
          return options
        }
      }
    }
  }
}
