import ArgumentParser
import Corpus
import Foundation
import LSTMCore
import Reports
import SaliencyKit

/// `saliency train TRAIN --dev DEV [--test TEST] --out MODEL`.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an embedding → LSTM/GRU → dense classifier on a labelled corpus (TSV, CSV or JSONL).")

  @Argument(help: "Training file (label and text columns).")
  var train: String
  @Option(name: .long, help: "Development file: early stopping picks the epoch with the best dev accuracy.")
  var dev: String
  @Option(name: .long, help: "Test file, evaluated once at the end.")
  var test: String?
  @Option(name: .long, help: ArgumentHelp("Where to write the model (.safetensors), atomically.", valueName: "model"))
  var out: String

  @OptionGroup var file: CorpusFileOptions
  @OptionGroup var label: LabelColumnOption

  @Option(name: .long, help: "Keep tokens seen at least this often in the training file.") var minCount = 2
  @Option(name: .long, help: "Keep at most this many tokens (most frequent first).") var maxVocabulary = 20_000
  @Option(name: .long, help: ArgumentHelp("How text is cut into tokens: character-han (one token per Han character), word-jieba (Han text in jieba words) or word-jieba-backoff (jieba words, a word outside the vocabulary read as its characters); stored with the model.", valueName: "kind"))
  var tokenizer: Tokenizer.Kind = .characterHan
  @Flag(name: .long, help: "Tokenizer: map @handles to @user and URLs to <url> (for tweets).") var maskHandles = false
  @Option(name: .long, help: "Cut each text to its first N tokens (memory grows with the longest text).") var maxTokens = TokenLimit.short
  @Option(name: .long, help: "Embedding width E.") var embeddingSize = 64
  @Option(name: .long, help: "Recurrent hidden width H (of each direction).") var hiddenSize = 128
  @Option(name: .long, help: ArgumentHelp("The recurrent cell: lstm or gru (PyTorch's nn.LSTM, nn.GRU).", valueName: "cell"))
  var cell: ModelConfig.Cell = .lstm
  @Option(name: .long, help: "Stacked recurrent layers L (layer k > 0 reads layer k − 1's outputs).") var layers = 1
  @Flag(name: .long, help: "Run each layer over the text in both directions; the head reads [forward h_n; backward h_1].")
  var bidirectional = false
  @Option(name: .long, help: "Dropout probability on each stacked layer's input above the first (needs --layers 2 or more).")
  var layerDropout: Float = TrainingOptions().layerDropout
  @Option(name: .long, help: "Maximum epochs.") var epochs = TrainingOptions().epochs
  @Option(name: .long, help: "Mini-batch size.") var batchSize = TrainingOptions().batchSize
  @Option(name: .long, help: "Adam learning rate (default: \(TrainingOptions().learningRate); --tune chooses it).")
  var learningRate: Float?
  @Option(name: .long, help: "Dropout probability on h_n (default: \(TrainingOptions().dropout); --tune chooses it).")
  var dropout: Float?
  @Option(name: .long, help: "Probability of replacing each training token by <unk> (default: \(TrainingOptions().wordDropout); --tune chooses it).")
  var wordDropout: Float?
  @Flag(name: .long, help: "Train once per setting of \(Self.tuningGridDescription) (\(TuningGrid.standard.trials(from: TrainingOptions()).count) runs), each to early stopping, and write the one with the best dev accuracy.")
  var tune = false
  @Option(name: .long, help: ArgumentHelp("Keep a moving average of the weights with this decay per step (e.g. 0.999, about the last 1,000 steps); dev evaluation, early stopping and the model written use it (0: off).", valueName: "decay"))
  var weightAverage: Float = TrainingOptions().weightAverage
  @Option(name: .long, help: "Clip the gradient's L2 norm to this (0: off).") var clipNorm = TrainingOptions().clipNorm
  @Option(name: .long, help: "Stop after this many epochs without a better dev accuracy.") var patience = TrainingOptions().patience
  @Option(name: .long, help: "Random seed.") var seed: UInt64 = 0
  @OptionGroup var threadOptions: ThreadOptions

  func validate() throws {
    if minCount < 1 { throw ValidationError("--min-count must be at least 1.") }
    if maxVocabulary < 3 { throw ValidationError("--max-vocabulary must be at least 3.") }
    if embeddingSize < 1 || hiddenSize < 1 { throw ValidationError("--embedding-size and --hidden-size must be positive.") }
    if epochs < 1 || batchSize < 1 || patience < 1 { throw ValidationError("--epochs, --batch-size and --patience must be positive.") }
    if let dropout, !(0..<1).contains(dropout) { throw ValidationError("--dropout must be in [0, 1).") }
    if layers < 1 { throw ValidationError("--layers must be at least 1.") }
    if !(0..<1).contains(layerDropout) { throw ValidationError("--layer-dropout must be in [0, 1).") }
    if layerDropout > 0, layers < 2 {
      throw ValidationError("--layer-dropout acts between stacked layers; add --layers 2 (or more), or leave it out.")
    }
    if let wordDropout, !(0..<1).contains(wordDropout) { throw ValidationError("--word-dropout must be in [0, 1).") }
    if let learningRate, !(learningRate > 0 && learningRate.isFinite) { throw ValidationError("--learning-rate must be a finite positive number.") }
    if tune, dropout != nil || learningRate != nil || wordDropout != nil {
      throw ValidationError("--tune chooses --dropout, --learning-rate and --word-dropout on dev; leave them out, or drop --tune to set them yourself.")
    }
    if !(0..<1).contains(weightAverage) {
      throw ValidationError("--weight-average is a decay in [0, 1), e.g. 0.999 (0 turns averaging off).")
    }
    if maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1.") }
    if !(clipNorm >= 0 && clipNorm.isFinite) { throw ValidationError("--clip-norm must be a finite number ≥ 0 (0 turns clipping off).") }
  }

  func run() throws {
    try runReportingErrors {
      let interrupt = InterruptFlag()
      let readerOptions = file.readerOptions(labels: .required, labelColumn: label.labelColumn)
      let trainSplit = try read(train, readerOptions)
      let devSplit = try read(dev, readerOptions)
      let testSplit = try test.map { try read($0, readerOptions) }
      let encoder = SequenceEncoder(training: trainSplit, tokenizer: tokenizerSettings, minCount: minCount, maxSize: maxVocabulary,
                                    maxTokens: maxTokens)
      guard encoder.labels.count >= 2 else {
        throw CommandError("\(train): the training data has \(encoder.labels.count) label(s) (\(encoder.labels.joined(separator: ", "))); a classifier needs at least two")
      }
      let trainData = try encoded(trainSplit, encoder), devData = try encoded(devSplit, encoder)
      let testData = try testSplit.map { try encoded($0, encoder) }
      guard !devData.isEmpty else { throw CommandError("\(dev): no usable rows to evaluate on") }

      var options = TrainingOptions()
      options.epochs = epochs
      options.batchSize = batchSize
      options.learningRate = learningRate ?? options.learningRate
      options.dropout = dropout ?? options.dropout
      options.wordDropout = wordDropout ?? options.wordDropout
      options.layerDropout = layerDropout
      options.weightAverage = weightAverage
      options.clipNorm = clipNorm
      options.patience = patience
      options.seed = seed
      options.threads = threadOptions.workerThreads
      let config = ModelConfig(vocabularySize: encoder.vocabulary.count, embeddingSize: embeddingSize, hiddenSize: hiddenSize,
                               classCount: encoder.labels.count, cell: cell, layers: layers, bidirectional: bidirectional)
      try MemoryBudget.check(training: config, batchSize: batchSize, maxTokens: maxTokens)
      var generator = SplitMix64(seed: seed)
      let initial = Classifier(randomlyInitialised: config, generator: &generator)
      Diagnostics.note("training on \(trainData.count) texts (\(encoder.labels.joined(separator: ", "))), encoder \(config.encoderDescription), vocabulary \(encoder.vocabulary.count), dev \(devData.count), \(options.threads) threads")

      // One run, or one per grid setting from the same initial weights. The model written is the best epoch of
      // all runs by dev accuracy (the earlier run on a tie), rewritten whenever a run beats it.
      let trials = tune ? TuningGrid.standard.trials(from: options) : [options]
      var best: (model: Classifier, options: TrainingOptions, epoch: Int, dev: ClassificationMetrics)?
      var tried: [TuningTrial] = []
      var interrupted = false
      for (index, trial) in trials.enumerated() where !interrupted {
        let progress = TrainingProgress(totalEpochs: epochs, trial: tune ? (index + 1, trials.count) : nil)
        let outcome = try Trainer(options: trial).train(
          initial, train: trainData, dev: devData, onEvent: progress.show,
          onImprovement: { model, summary in
            guard summary.dev.accuracy > best?.dev.accuracy ?? -1 else { return }
            best = (model, trial, summary.epoch, summary.dev)
            try write(model, encoder: encoder, options: trial, tuning: tune ? tried : nil, trainSHA: trainSplit.sha256,
                      metrics: metricsJSON(dev: summary.dev, test: nil))
          },
          shouldStop: { interrupt.isRaised })
        interrupted = outcome.interrupted
        if tune {
          tried.append(TuningTrial(trial, outcome: outcome))
          Diagnostics.note("trial \(index + 1)/\(trials.count) (\(Self.tunedSettings(trial))): best dev accuracy \(fixed(tried[index].devAccuracy)) at epoch \(outcome.bestEpoch)\(best?.options == trial ? ", the best so far (saved)" : "")")
        }
      }
      // The first epoch of a run always improves on nothing, so only an interrupt leaves no model.
      guard let best else { throw CommandError("interrupted; no epoch finished, nothing was written") }
      let trainer = Trainer(options: best.options)
      let testMetrics = testData.map { trainer.evaluate(best.model, on: $0) }
      let devMetrics = trainer.evaluate(best.model, on: devData)
      try write(best.model, encoder: encoder, options: best.options, tuning: tune ? tried : nil, trainSHA: trainSplit.sha256,
                metrics: metricsJSON(dev: devMetrics, test: testMetrics))
      if interrupted {
        throw CommandError("interrupted; the best model so far (\(tune ? Self.tunedSettings(best.options) + ", " : "")epoch \(best.epoch)) is in \(out)")
      }
      var summary = tune ? "tuned on dev: \(Self.tunedSettings(best.options)); " : ""
      summary += "best epoch \(best.epoch): dev accuracy \(fixed(devMetrics.accuracy)) macro-F1 \(fixed(devMetrics.macroF1)) balanced accuracy \(fixed(devMetrics.balancedAccuracy))"
      if let testMetrics {
        summary += "; test accuracy \(fixed(testMetrics.accuracy)) macro-F1 \(fixed(testMetrics.macroF1)) balanced accuracy \(fixed(testMetrics.balancedAccuracy))"
      }
      try PlainText.write(summary + "\nmodel written to \(out)\n")
    }
  }

  /// The tokenizer settings `--tokenizer` and `--mask-handles` describe (`Tokenizer.tweets` with `--mask-handles`).
  var tokenizerSettings: Tokenizer {
    Tokenizer(kind: tokenizer, maskMentions: maskHandles, maskURLs: maskHandles)
  }

  private func read(_ path: String, _ options: CorpusReaderOptions) throws -> LabelledSplit {
    let (split, rejected) = try LabelledSplit.read(path: path, options: options)
    for row in rejected { Diagnostics.warning("skipped \(path):\(row.line): \(row.problem)") }
    if !rejected.isEmpty { Diagnostics.warning("\(path): skipped \(rejected.count) malformed row(s)") }
    return split
  }

  private func encoded(_ split: LabelledSplit, _ encoder: SequenceEncoder) throws -> [LabelledSequence] {
    let (sequences, empty, truncated) = try encoder.encode(split)
    if empty > 0 { Diagnostics.warning("\(split.name): \(empty) row(s) have no token and were left out") }
    if truncated > 0 { Diagnostics.note("\(split.name): " + TokenLimit.note(cut: truncated, at: maxTokens)) }
    return sequences
  }

  /// Writes the model; `tuning` (the finished `--tune` trials) adds the `tuned` note to its config.
  private func write(_ model: Classifier, encoder: SequenceEncoder, options: TrainingOptions, tuning: [TuningTrial]?,
                     trainSHA: String, metrics: JSONValue) throws {
    let config = ModelConfigMetadata(config: model.config, training: .init(options: options, minCount: minCount,
                                                                          maxVocabulary: maxVocabulary, maxTokens: maxTokens,
                                                                          tuned: tuning.map(Self.tunedNote)))
    let textModel = TextModel(
      classifier: model, labels: encoder.labels, vocabulary: encoder.vocabulary, tokenizer: encoder.tokenizer,
      metadata: [TextModel.MetadataKey.config: config.metadataJSON(), TextModel.MetadataKey.metrics: metrics.serialized(),
                 TextModel.MetadataKey.trainSHA256: trainSHA],
      name: (out as NSString).lastPathComponent, path: out)
    try textModel.archive().write(to: URL(fileURLWithPath: out))
  }

  private func metricsJSON(dev: ClassificationMetrics, test: ClassificationMetrics?) -> JSONValue {
    func figures(_ m: ClassificationMetrics) -> JSONValue {
      .object([("accuracy", .double(m.accuracy)), ("macro_f1", .double(m.macroF1)),
               ("balanced_accuracy", .double(m.balancedAccuracy)), ("count", .int(m.count))])
    }
    return .object([("dev", figures(dev))] + (test.map { [("test", figures($0))] } ?? []))
  }

  private func fixed(_ value: Double) -> String { String(format: "%.4f", value) }
}

extension Tokenizer.Kind: ExpressibleByArgument {}
extension ModelConfig.Cell: ExpressibleByArgument {}
