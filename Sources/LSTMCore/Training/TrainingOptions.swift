/// Hyper-parameters of a training run. Every field is recorded in the model's metadata.
///
/// The defaults are `saliency train`'s, chosen for a new corpus rather than a long run on a known one: dropout 0.5
/// and word dropout 0.2 against overfitting, a learning rate of 0.001, and 15 epochs with patience 3 so that the
/// slower learning reaches its best dev epoch. scripts/bench/train-quality.sh compares them on corpora they were not
/// chosen on with a PyTorch LSTM of the same size and naive Bayes.
public struct TrainingOptions: Sendable, Codable, Equatable {
  public var epochs = 15
  public var batchSize = 64
  public var learningRate: Float = 1e-3
  /// Rescale the whole gradient when its L2 norm exceeds this (0 disables clipping).
  public var clipNorm: Float = 5
  /// Dropout probability on h_T before the dense layer (0 disables it).
  public var dropout: Float = 0.5
  /// Dropout probability on each stacked layer's input above layer 0 (PyTorch's `nn.LSTM(dropout:)`; 0 disables it,
  /// and a one-layer encoder has none).
  public var layerDropout: Float = 0
  /// Probability of replacing each training token by `<unk>` (word dropout; 0 disables it). Regularises, and
  /// teaches the `<unk>` embedding what an unseen word looks like.
  public var wordDropout: Float = 0.2
  /// Decay d of an exponential moving average of the weights, updated after every step (0 disables it). With it,
  /// each epoch's dev evaluation, early stopping and the model returned use the average rather than the last step's
  /// weights (Polyak averaging, `WeightAverage`).
  public var weightAverage: Float = 0
  /// Stop after this many epochs without a better dev accuracy.
  public var patience = 3
  public var seed: UInt64 = 0
  /// Workers; each mini-batch is split into this many shards. Same seed and threads → same model.
  public var threads = 1

  public init() {}
}

/// A token-id sequence with its gold class.
public struct LabelledSequence: Sendable, Equatable {
  public var tokens: [Int]
  public var label: Int

  public init(tokens: [Int], label: Int) {
    self.tokens = tokens
    self.label = label
  }
}

/// What the trainer reports while it runs.
public enum TrainingEvent: Sendable {
  /// After each mini-batch: progress within the epoch, running mean loss and throughput.
  case batch(epoch: Int, batch: Int, batchCount: Int, meanLoss: Double, tokensPerSecond: Double, epochSecondsLeft: Double)
  /// After each epoch's dev evaluation.
  case epoch(EpochSummary)
}

/// One epoch's figures.
public struct EpochSummary: Sendable, Codable, Equatable {
  public var epoch: Int
  public var trainLoss: Double
  public var dev: ClassificationMetrics
  public var tokensPerSecond: Double
  public var seconds: Double
  /// Whether this epoch's model is the best so far (and so was handed to `onImprovement`).
  public var improved: Bool
}
