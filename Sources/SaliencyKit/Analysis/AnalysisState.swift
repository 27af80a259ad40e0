/// Everything `analyze` accumulates over a corpus, in a form that merges exactly: integer counts, `ExactSum`s
/// and bounded heaps under total orders. `merge` is associative and commutative, so chunks, worker threads
/// and shards (`--shard K/N`, `saliency merge`) all reach the same state, bit for bit, as one pass over the
/// rows (given the same per-row results).
public struct AnalysisState: Sendable {
  /// The model's labels. [K]
  public let labels: [String]
  /// The method ids, in `--method` order. [M]
  public let methods: [String]
  /// Each method's sign and options in words, from the first explanation seen (nil before any). [M]
  public private(set) var signs: [String?]
  public private(set) var options: [String?]
  public var counts = AnalysisCounts()
  public private(set) var confusion: ConfusionCounts
  public private(set) var calibration = CalibrationBins()
  public private(set) var lengths = LengthAccuracy()
  /// One tally per candidate model (`ModelSelection.models`), with that model's word tables.
  public private(set) var models: [ModelTally]
  public private(set) var agreement: AgreementTally
  public private(set) var confidentErrors: BoundedHeap<AnalysisExample>
  public private(set) var unsureCorrect: BoundedHeap<AnalysisExample>

  /// - Parameter examplesKept: how many confident errors and unsure correct answers to keep (each).
  /// - Parameter modelCount: how many candidate models may read the rows.
  public init(labels: [String], methods: [String], examplesKept: Int, modelCount: Int = 1) {
    self.labels = labels
    self.methods = methods
    signs = Array(repeating: nil, count: methods.count)
    options = Array(repeating: nil, count: methods.count)
    confusion = ConfusionCounts(classCount: labels.count)
    models = Array(repeating: ModelTally(classCount: labels.count, methodCount: methods.count), count: max(1, modelCount))
    agreement = AgreementTally(methodCount: methods.count)
    confidentErrors = BoundedHeap(capacity: examplesKept, ranksBefore: AnalysisExample.ranksAsConfidentError)
    unsureCorrect = BoundedHeap(capacity: examplesKept, ranksBefore: AnalysisExample.ranksAsUnsureCorrect)
  }

  public var examplesKept: Int { confidentErrors.capacity }

  /// Adds one explained text.
  /// - Parameters:
  ///   - row: 0-based row index in the whole corpus; `line`: its 1-based line; `model`: the index of the model
  ///     that read it; `gold`: the gold class.
  ///   - pairwiseTau: the methods' τ-b (`KendallCorrelation.pairwiseTauB` of the maps' scores), which the
  ///     caller also puts in the example's JSON line.
  ///   - makeExample: builds the report example; called only when a heap would keep it.
  public mutating func add(row: Int, line: Int, model: Int, gold: Int, explanation: TextExplanation,
                           pairwiseTau: [[Double?]], makeExample: () -> AnalysisExample) {
    let predicted = explanation.predicted
    let correct = predicted == gold
    let confidence = explanation.probabilities[predicted]
    counts.analysed += 1
    counts.tokens += explanation.input.tokens.count
    counts.unknownTokens += explanation.input.unknownCount
    if explanation.input.truncated { counts.truncated += 1 }
    if explanation.input.isMostlyUnknown { counts.addMostlyUnknown(line: line) }
    confusion.add(gold: gold, predicted: predicted)
    calibration.add(confidence: confidence, correct: correct)
    lengths.add(length: explanation.input.originalTokenCount, correct: correct)
    for (index, map) in explanation.maps.enumerated() where signs[index] == nil {
      signs[index] = map.sign.rawValue
      options[index] = map.options.summary
    }
    models[model].add(gold: gold, explanation: explanation, confidence: confidence)
    agreement.add(pairwiseTau: pairwiseTau)
    let probe = AnalysisExample.probe(row: row, predicted: predicted, probabilities: explanation.probabilities)
    if correct ? unsureCorrect.wouldKeep(probe) : confidentErrors.wouldKeep(probe) {
      let example = makeExample()
      if correct { unsureCorrect.offer(example) } else { confidentErrors.offer(example) }
    }
  }

  /// Moves every kept example's row index by `offset`: a part of consecutive rows (`analyze --part K/N`) counts
  /// its rows from 0, and the merge shifts them by the well-formed rows of the parts before it, so the
  /// tie-breaker of every ranking is the whole corpus's row index.
  public mutating func shiftRows(by offset: Int) {
    guard offset != 0 else { return }
    var errors = BoundedHeap(capacity: examplesKept, ranksBefore: AnalysisExample.ranksAsConfidentError)
    var unsure = BoundedHeap(capacity: examplesKept, ranksBefore: AnalysisExample.ranksAsUnsureCorrect)
    for var example in confidentErrors.sorted {
      example.row += offset
      errors.offer(example)
    }
    for var example in unsureCorrect.sorted {
      example.row += offset
      unsure.offer(example)
    }
    confidentErrors = errors
    unsureCorrect = unsure
  }

  /// Adds another state of the same labels, methods and candidate models.
  /// - Throws: `AnalysisError.incompatible` when labels, methods, heap sizes or model counts differ.
  public mutating func merge(_ other: AnalysisState) throws {
    guard other.labels == labels, other.methods == methods, other.examplesKept == examplesKept,
          other.models.count == models.count else {
      throw AnalysisError.incompatible("the analyses have different labels, methods, models or --examples")
    }
    for index in methods.indices {
      signs[index] = signs[index] ?? other.signs[index]
      options[index] = options[index] ?? other.options[index]
    }
    for index in models.indices { models[index].merge(other.models[index]) }
    counts.merge(other.counts)
    confusion.merge(other.confusion)
    calibration.merge(other.calibration)
    lengths.merge(other.lengths)
    agreement.merge(other.agreement)
    confidentErrors.merge(other.confidentErrors)
    unsureCorrect.merge(other.unsureCorrect)
  }
}

// MARK: - Codable (state.json)

extension AnalysisState: Codable {
  private enum CodingKeys: String, CodingKey {
    case labels, methods, signs, options, counts, confusion, calibration, lengths, models, agreement
    case examplesKept = "examples_kept", confidentErrors = "confident_errors", unsureCorrect = "unsure_correct"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let labels = try container.decode([String].self, forKey: .labels)
    let methods = try container.decode([String].self, forKey: .methods)
    let models = try container.decode([ModelTally].self, forKey: .models)
    self.init(labels: labels, methods: methods, examplesKept: try container.decode(Int.self, forKey: .examplesKept),
              modelCount: models.count)
    self.models = models
    signs = try container.decode([String?].self, forKey: .signs)
    options = try container.decode([String?].self, forKey: .options)
    counts = try container.decode(AnalysisCounts.self, forKey: .counts)
    confusion = try container.decode(ConfusionCounts.self, forKey: .confusion)
    calibration = try container.decode(CalibrationBins.self, forKey: .calibration)
    lengths = try container.decode(LengthAccuracy.self, forKey: .lengths)
    agreement = try container.decode(AgreementTally.self, forKey: .agreement)
    for example in try container.decode([AnalysisExample].self, forKey: .confidentErrors) { confidentErrors.offer(example) }
    for example in try container.decode([AnalysisExample].self, forKey: .unsureCorrect) { unsureCorrect.offer(example) }
    let k = labels.count
    guard signs.count == methods.count, options.count == methods.count, !models.isEmpty,
          models.allSatisfy({ $0.words.count == methods.count && $0.confusion.classCount == k }),
          confusion.classCount == k, confusion.counts.allSatisfy({ $0.count == k }),
          calibration.bins.count == CalibrationBins.defaultBinCount,
          lengths.buckets.count == LengthAccuracy.upperBounds.count + 1,
          agreement.pairs.count == AgreementTally(methodCount: methods.count).pairs.count
    else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the shapes do not fit the labels and methods"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(labels, forKey: .labels)
    try container.encode(methods, forKey: .methods)
    try container.encode(signs, forKey: .signs)
    try container.encode(options, forKey: .options)
    try container.encode(examplesKept, forKey: .examplesKept)
    try container.encode(counts, forKey: .counts)
    try container.encode(confusion, forKey: .confusion)
    try container.encode(calibration, forKey: .calibration)
    try container.encode(lengths, forKey: .lengths)
    try container.encode(models, forKey: .models)
    try container.encode(agreement, forKey: .agreement)
    try container.encode(confidentErrors.sorted, forKey: .confidentErrors)
    try container.encode(unsureCorrect.sorted, forKey: .unsureCorrect)
  }
}
