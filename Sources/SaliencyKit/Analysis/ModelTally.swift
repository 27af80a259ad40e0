/// What one candidate model of an analysis (`ModelSelection.models`) read: its rows' metrics, calibration and
/// word tables. Word tables are per model, since token ids index one model's vocabulary. Merges exactly, like
/// `AnalysisState`.
public struct ModelTally: Sendable, Equatable {
  /// Rows this model explained.
  public var analysed = 0
  /// Their tokens (after truncation), and of those the tokens the model reads as `<unk>`.
  public var tokens = 0
  public var unknownTokens = 0
  /// Rows more than `EncodedText.unknownShareWarning` of whose tokens are unknown to this model.
  public var mostlyUnknown = 0
  public private(set) var confusion: ConfusionCounts
  public private(set) var calibration = CalibrationBins()
  /// One table per method. [M]
  public private(set) var words: [WordStatistics]

  public init(classCount: Int, methodCount: Int) {
    confusion = ConfusionCounts(classCount: classCount)
    words = Array(repeating: WordStatistics(), count: methodCount)
  }

  /// Adds one explained text (the per-model part of `AnalysisState.add`).
  mutating func add(gold: Int, explanation: TextExplanation, confidence: Double) {
    let input = explanation.input
    analysed += 1
    tokens += input.tokens.count
    unknownTokens += input.unknownCount
    if input.isMostlyUnknown { mostlyUnknown += 1 }
    confusion.add(gold: gold, predicted: explanation.predicted)
    calibration.add(confidence: confidence, correct: explanation.predicted == gold)
    let ids = input.ids
    for (index, map) in explanation.maps.enumerated() {
      words[index].add(tokens: ids, scores: map.scores, target: map.target)
    }
  }

  mutating func merge(_ other: ModelTally) {
    analysed += other.analysed
    tokens += other.tokens
    unknownTokens += other.unknownTokens
    mostlyUnknown += other.mostlyUnknown
    confusion.merge(other.confusion)
    calibration.merge(other.calibration)
    for index in words.indices { words[index].merge(other.words[index]) }
  }
}

// MARK: - Codable (state.json)

extension ModelTally: Codable {
  private enum CodingKeys: String, CodingKey {
    case analysed, tokens, unknownTokens = "unknown_tokens", mostlyUnknown = "mostly_unknown", confusion, calibration, words
  }

  /// One method's word table, stored column by column: cell i is (klass[i], token[i]) → (count[i], positive[i],
  /// signed[i], magnitude[i]), in key order. Arrays of numbers decode several times faster than an object per
  /// cell, and a merge decodes every part's tables.
  private struct StoredTable: Codable {
    var klass: [Int] = [], token: [Int] = [], count: [Int] = [], positive: [Int] = []
    var signed: [ExactSum] = [], magnitude: [ExactSum] = []

    init(_ table: WordStatistics) {
      for (key, cell) in table.sortedCells {
        klass.append(key.klass)
        token.append(key.token)
        count.append(cell.count)
        positive.append(cell.positive)
        signed.append(cell.signed)
        magnitude.append(cell.magnitude)
      }
    }

    /// The table, or nil when the columns differ in length or a class is not one of `classCount`.
    func statistics(classCount: Int) -> WordStatistics? {
      let n = klass.count
      guard [token.count, count.count, positive.count, signed.count, magnitude.count].allSatisfy({ $0 == n }),
            klass.allSatisfy({ (0..<classCount).contains($0) }) else { return nil }
      return WordStatistics(cells: (0..<n).map { i in
        (.init(klass: klass[i], token: token[i]),
         WordStatistics.Cell(count: count[i], positive: positive[i], signed: signed[i], magnitude: magnitude[i]))
      })
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let confusion = try container.decode(ConfusionCounts.self, forKey: .confusion)
    let storedWords = try container.decode([StoredTable].self, forKey: .words)
    self.init(classCount: confusion.classCount, methodCount: storedWords.count)
    self.confusion = confusion
    analysed = try container.decode(Int.self, forKey: .analysed)
    tokens = try container.decode(Int.self, forKey: .tokens)
    unknownTokens = try container.decode(Int.self, forKey: .unknownTokens)
    mostlyUnknown = try container.decode(Int.self, forKey: .mostlyUnknown)
    calibration = try container.decode(CalibrationBins.self, forKey: .calibration)
    let k = confusion.classCount
    let tables = storedWords.compactMap { $0.statistics(classCount: k) }
    guard confusion.counts.allSatisfy({ $0.count == k }), calibration.bins.count == CalibrationBins.defaultBinCount,
          tables.count == storedWords.count
    else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a model's tallies do not fit its labels"))
    }
    words = tables
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(analysed, forKey: .analysed)
    try container.encode(tokens, forKey: .tokens)
    try container.encode(unknownTokens, forKey: .unknownTokens)
    try container.encode(mostlyUnknown, forKey: .mostlyUnknown)
    try container.encode(confusion, forKey: .confusion)
    try container.encode(calibration, forKey: .calibration)
    try container.encode(words.map(StoredTable.init), forKey: .words)
  }
}
