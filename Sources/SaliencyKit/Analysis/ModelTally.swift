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

  /// One stored word cell.
  private struct StoredCell: Codable {
    var klass: Int
    var token: Int
    var cell: WordStatistics.Cell
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let confusion = try container.decode(ConfusionCounts.self, forKey: .confusion)
    let storedWords = try container.decode([[StoredCell]].self, forKey: .words)
    self.init(classCount: confusion.classCount, methodCount: storedWords.count)
    self.confusion = confusion
    analysed = try container.decode(Int.self, forKey: .analysed)
    tokens = try container.decode(Int.self, forKey: .tokens)
    unknownTokens = try container.decode(Int.self, forKey: .unknownTokens)
    mostlyUnknown = try container.decode(Int.self, forKey: .mostlyUnknown)
    calibration = try container.decode(CalibrationBins.self, forKey: .calibration)
    words = storedWords.map { cells in WordStatistics(cells: cells.map { (.init(klass: $0.klass, token: $0.token), $0.cell) }) }
    let k = confusion.classCount
    guard confusion.counts.allSatisfy({ $0.count == k }), calibration.bins.count == CalibrationBins.defaultBinCount,
          storedWords.allSatisfy({ $0.allSatisfy { (0..<k).contains($0.klass) } })
    else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a model's tallies do not fit its labels"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(analysed, forKey: .analysed)
    try container.encode(tokens, forKey: .tokens)
    try container.encode(unknownTokens, forKey: .unknownTokens)
    try container.encode(mostlyUnknown, forKey: .mostlyUnknown)
    try container.encode(confusion, forKey: .confusion)
    try container.encode(calibration, forKey: .calibration)
    try container.encode(words.map { $0.sortedCells.map { StoredCell(klass: $0.key.klass, token: $0.key.token, cell: $0.cell) } },
                         forKey: .words)
  }
}
