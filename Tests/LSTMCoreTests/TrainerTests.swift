import Testing
@testable import LSTMCore

@Suite("Training")
struct TrainerTests {
  /// Label 1 iff token 2 occurs; lengths 1…12; ids 1…19.
  static func task(count: Int, seed: UInt64) -> [LabelledSequence] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in
      let length = 1 + Int(generator.next() % 12)
      let tokens = (0..<length).map { _ in 1 + Int(generator.next() % 19) }
      return LabelledSequence(tokens: tokens, label: tokens.contains(2) ? 1 : 0)
    }
  }

  func options(threads: Int) -> TrainingOptions {
    var options = TrainingOptions()
    options.epochs = 6
    options.batchSize = 16
    options.learningRate = 1e-2
    options.threads = threads
    options.seed = 42
    options.patience = 10
    return options
  }

  func freshModel() -> Classifier {
    var generator = SplitMix64(seed: 1)
    return Classifier(randomlyInitialised: ModelConfig(vocabularySize: 20, embeddingSize: 8, hiddenSize: 12, classCount: 2),
                      generator: &generator)
  }

  @Test("learns a keyword task and keeps the best dev model")
  func learns() throws {
    let train = Self.task(count: 600, seed: 1), dev = Self.task(count: 200, seed: 2)
    var improvements = 0
    let outcome = try Trainer(options: options(threads: 2)).train(freshModel(), train: train, dev: dev, onImprovement: { _, _ in improvements += 1 })
    let best = outcome.history.map(\.dev.accuracy).max() ?? 0
    #expect(best >= 0.95, "dev accuracy per epoch: \(outcome.history.map(\.dev.accuracy))")
    #expect(Trainer(options: options(threads: 2)).evaluate(outcome.best, on: dev).accuracy == best)
    #expect(improvements >= 1)
    // The <pad> row never moves.
    #expect(outcome.best.tensor(.embedding).prefix(8).allSatisfy { $0 == 0 })
  }

  @Test("same seed and threads give the same model, bit for bit", arguments: [1, 2])
  func deterministic(threads: Int) throws {
    let train = Self.task(count: 200, seed: 3), dev = Self.task(count: 50, seed: 4)
    var short = options(threads: threads)
    short.epochs = 2
    short.wordDropout = 0.1
    let first = try Trainer(options: short).train(freshModel(), train: train, dev: dev)
    let second = try Trainer(options: short).train(freshModel(), train: train, dev: dev)
    #expect(first.best.parameters == second.best.parameters)
  }

  @Test("the weight average follows (A1): warm-up decay, then the set decay")
  func weightAverageFormula() throws {
    var average = try #require(WeightAverage(decay: 0.5, initial: [0, 4]))
    // Step 1: d_1 = min(0.5, 2/11); step 2: d_2 = min(0.5, 3/12); from step 8 on, (1 + t) / (10 + t) ≥ 0.5 and d_t = 0.5.
    average.update(with: [1, 4])
    #expect(abs(average.parameters[0] - 9.0 / 11.0) < 1e-6)
    average.update(with: [1, 4])
    #expect(abs(average.parameters[0] - (9.0 / 11.0 + 0.75 * (1 - 9.0 / 11.0))) < 1e-6)
    #expect(average.parameters[1] == 4)
    for _ in 3...8 { average.update(with: [1, 4]) }
    let before = average.parameters[0]
    average.update(with: [3, 4])
    #expect(abs(average.parameters[0] - (before + 0.5 * (3 - before))) < 1e-6)
    #expect(WeightAverage(decay: 0, initial: [1]) == nil)
  }

  @Test("averaged training still learns, is deterministic, and returns the averaged weights, not the last step's")
  func averagedTraining() throws {
    let train = Self.task(count: 600, seed: 1), dev = Self.task(count: 200, seed: 2)
    var averaged = options(threads: 2)
    averaged.weightAverage = 0.99
    let first = try Trainer(options: averaged).train(freshModel(), train: train, dev: dev)
    let second = try Trainer(options: averaged).train(freshModel(), train: train, dev: dev)
    #expect(first.best.parameters == second.best.parameters)
    #expect((first.history.map(\.dev.accuracy).max() ?? 0) >= 0.95, "\(first.history.map(\.dev.accuracy))")
    let plain = try Trainer(options: options(threads: 2)).train(freshModel(), train: train, dev: dev)
    #expect(first.best.parameters != plain.best.parameters)
    // The reported dev accuracy is the returned (averaged) model's.
    let reported = try #require(first.history.first { $0.epoch == first.bestEpoch })
    #expect(Trainer(options: averaged).evaluate(first.best, on: dev).accuracy == reported.dev.accuracy)
  }

  @Test("a training id outside the vocabulary is an error naming it, not an empty gradient", arguments: [1, 2])
  func idOutsideVocabulary(threads: Int) throws {
    var train = Self.task(count: 20, seed: 7)
    let size = freshModel().config.vocabularySize
    train[train.count - 1].tokens[0] = size + 3
    #expect(throws: ModelError.tokenIdOutOfRange(id: size + 3, vocabularySize: size)) {
      try Trainer(options: options(threads: threads)).train(freshModel(), train: train, dev: Self.task(count: 5, seed: 8))
    }
  }

  @Test("stopping early returns the best model so far")
  func interrupt() throws {
    var polls = 0
    let outcome = try Trainer(options: options(threads: 1)).train(
      freshModel(), train: Self.task(count: 100, seed: 5), dev: Self.task(count: 20, seed: 6),
      shouldStop: { polls += 1; return polls > 3 })
    #expect(outcome.interrupted)
    #expect(outcome.history.isEmpty)
  }

  @Test("Adam moves a parameter against its gradient by about the learning rate on the first step")
  func adamFirstStep() {
    var adam = Adam(parameterCount: 3, learningRate: 0.1)
    var parameters: [Float] = [1, 1, 1]
    adam.step(parameters: &parameters, gradients: [2, -0.5, 0])
    #expect(abs(parameters[0] - 0.9) < 1e-5)
    #expect(abs(parameters[1] - 1.1) < 1e-5)
    #expect(parameters[2] == 1)
  }

  @Test("metrics of a known confusion matrix")
  func metrics() {
    // gold 0,0,0,1 ; predicted 0,1,0,1 → class 0: P=1, R=2/3; class 1: P=1/2, R=1.
    let metrics = ClassificationMetrics(gold: [0, 0, 0, 1], predicted: [0, 1, 0, 1], classCount: 2)
    #expect(metrics.accuracy == 0.75)
    #expect(abs(metrics.macroF1 - (0.8 + 2.0 / 3.0) / 2) < 1e-12)
    #expect(abs(metrics.balancedAccuracy - (2.0 / 3.0 + 1) / 2) < 1e-12)
    #expect(metrics.confusion == [[2, 1], [0, 1]])
  }
}
