import Foundation
import SystemSupport

/// Trains a classifier with length-bucketed mini-batches, Adam, gradient clipping, dropout on h_T, an optional
/// moving average of the weights and early stopping on dev accuracy. Deterministic for a given seed and thread
/// count: each mini-batch is split into `threads` fixed shards whose gradients are summed in shard order.
public struct Trainer: Sendable {
  public let options: TrainingOptions

  public init(options: TrainingOptions) { self.options = options }

  /// The outcome of `train`.
  public struct Outcome: Sendable {
    /// The model with the best dev accuracy.
    public var best: Classifier
    public var bestEpoch: Int
    public var history: [EpochSummary]
    /// True when the run ended because `shouldStop` returned true.
    public var interrupted: Bool
  }

  /// - Parameters:
  ///   - onEvent: progress reports (called on the calling thread).
  ///   - onImprovement: called with each new best model, e.g. to write it atomically.
  ///   - shouldStop: polled between batches (e.g. after Ctrl-C); training then ends with the best model so far.
  /// - Throws: ``ModelError`` when a training sequence holds an id the model does not have, or what
  ///   `onImprovement` throws.
  public func train(
    _ initial: Classifier, train: [LabelledSequence], dev: [LabelledSequence],
    onEvent: (TrainingEvent) -> Void = { _ in },
    onImprovement: (Classifier, EpochSummary) throws -> Void = { _, _ in },
    shouldStop: () -> Bool = { false }
  ) throws -> Outcome {
    var model = initial
    var optimizer = Adam(parameterCount: model.layout.totalCount, learningRate: options.learningRate)
    var generator = SplitMix64(seed: options.seed &+ 0x5EED)
    var average = WeightAverage(decay: options.weightAverage, initial: model.parameters)
    var outcome = Outcome(best: initial, bestEpoch: 0, history: [], interrupted: false)
    var bestAccuracy = -1.0
    var epochsWithoutGain = 0
    epochs: for epoch in 1...max(1, options.epochs) {
      let start = Date()
      let batches = LengthBuckets.batches(lengths: train.map(\.tokens.count), batchSize: options.batchSize, generator: &generator)
      var lossSum = 0.0, exampleCount = 0, tokenCount = 0
      for (batchIndex, indices) in batches.enumerated() {
        if shouldStop() { outcome.interrupted = true; break epochs }
        let examples = indices.map { train[$0] }
        let batchSeed = generator.next()
        let (loss, gradients) = try batchGradient(model: model, examples: examples, seed: batchSeed)
        optimizer.step(parameters: &model.parameters, gradients: clipped(gradients))
        average?.update(with: model.parameters)
        lossSum += loss * Double(examples.count)
        exampleCount += examples.count
        tokenCount += examples.reduce(0) { $0 + $1.tokens.count }
        let elapsed = Date().timeIntervalSince(start)
        let done = Double(batchIndex + 1) / Double(batches.count)
        onEvent(.batch(epoch: epoch, batch: batchIndex + 1, batchCount: batches.count, meanLoss: lossSum / Double(exampleCount),
                       tokensPerSecond: Double(tokenCount) / max(elapsed, 1e-9), epochSecondsLeft: elapsed / done - elapsed))
      }
      let seconds = Date().timeIntervalSince(start)
      // The model this epoch stands for: the averaged weights when averaging, else the last step's.
      var candidate = model
      if let average { candidate.parameters = average.parameters }
      let metrics = evaluate(candidate, on: dev)
      let improved = metrics.accuracy > bestAccuracy
      let summary = EpochSummary(epoch: epoch, trainLoss: lossSum / Double(max(1, exampleCount)), dev: metrics,
                                 tokensPerSecond: Double(tokenCount) / max(seconds, 1e-9), seconds: seconds, improved: improved)
      outcome.history.append(summary)
      onEvent(.epoch(summary))
      if improved {
        bestAccuracy = metrics.accuracy
        outcome.best = candidate
        outcome.bestEpoch = epoch
        epochsWithoutGain = 0
        try onImprovement(candidate, summary)
      } else {
        epochsWithoutGain += 1
        if epochsWithoutGain >= options.patience { break }
      }
    }
    return outcome
  }

  /// Accuracy and F1 of `model` on labelled sequences.
  public func evaluate(_ model: Classifier, on examples: [LabelledSequence]) -> ClassificationMetrics {
    let probabilities = (try? model.probabilities(of: examples.map(\.tokens), threads: options.threads)) ?? []
    let predicted = probabilities.map { row in row.indices.max { row[$0] < row[$1] } ?? 0 }
    return ClassificationMetrics(gold: examples.map(\.label), predicted: predicted, classCount: model.config.classCount)
  }

  /// Mean loss and ∂(mean loss)/∂θ of one mini-batch, computed in `threads` shards and summed in order.
  /// - Throws: ``ModelError`` when a sequence holds an id outside the vocabulary.
  private func batchGradient(model: Classifier, examples: [LabelledSequence], seed: UInt64) throws -> (Double, [Float]) {
    let shardCount = max(1, min(options.threads, examples.count))
    let total = examples.count
    let dropout = options.dropout, wordDropout = options.wordDropout, layerDropout = options.layerDropout
    let shards = Parallel.map(count: shardCount, threads: shardCount) { shard -> Result<(Double, [Float]), any Error> in
      let slice = Array(examples[(total * shard / shardCount)..<(total * (shard + 1) / shardCount)])
      var generator = SplitMix64(seed: seed &+ UInt64(shard))
      var sequences = slice.map(\.tokens)
      let labels = slice.map(\.label)
      if wordDropout > 0, let unk = model.specialIds.unk {
        for s in sequences.indices {
          for t in sequences[s].indices where generator.nextUniform(in: 0..<1) < wordDropout { sequences[s][t] = unk }
        }
      }
      let batch: PackedBatch, inputs: [Float]
      do {
        (batch, inputs) = try model.embed(sequences)
      } catch {
        return .failure(error)
      }
      let mask: [Float]? = dropout > 0
        ? (0..<(slice.count * model.config.outputWidth)).map { _ in
            generator.nextUniform(in: 0..<1) < dropout ? 0 : 1 / (1 - dropout)
          }
        : nil
      // Dropout between stacked layers: one mask [N, D·H] per layer input above layer 0.
      let layerMasks: [[Float]] = layerDropout > 0
        ? (1..<model.config.layers).map { _ in
            (0..<(batch.rowCount * model.config.outputWidth)).map { _ in
              generator.nextUniform(in: 0..<1) < layerDropout ? 0 : 1 / (1 - layerDropout)
            }
          }
        : []
      let trace = model.forward(batch: batch, inputs: inputs, finalHiddenMask: mask, layerInputMasks: layerMasks)
      let k = model.config.classCount
      var logitGradient = Softmax.crossEntropyGradient(probabilities: trace.probabilities, labels: labels, classCount: k)
      let weight = Float(slice.count) / Float(total)
      for index in logitGradient.indices { logitGradient[index] *= weight }
      var gradients = [Float](repeating: 0, count: model.layout.totalCount)
      _ = model.backward(trace, logitGradients: logitGradient, sequences: sequences, into: &gradients)
      let loss = Softmax.crossEntropy(probabilities: trace.probabilities, labels: labels, classCount: k)
      return .success((loss * Double(slice.count) / Double(total), gradients))
    }
    var (loss, gradients) = try shards[0].get()
    for shard in shards.dropFirst() {
      let (shardLoss, shardGradients) = try shard.get()
      loss += shardLoss
      for index in gradients.indices { gradients[index] += shardGradients[index] }
    }
    return (loss, gradients)
  }

  /// Rescales the gradient to `clipNorm` when its global L2 norm is larger.
  private func clipped(_ gradients: [Float]) -> [Float] {
    guard options.clipNorm > 0 else { return gradients }
    let norm = gradients.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    guard norm > Double(options.clipNorm) else { return gradients }
    let scale = Float(Double(options.clipNorm) / norm)
    return gradients.map { $0 * scale }
  }
}
