import Saliency

/// One analysed text as the report shows it among the most confident errors or least confident correct
/// answers: prediction, gold label and every method's scores. Kept in bounded heaps, so the corpus size
/// does not matter; stored in `state.json` so `saliency merge` can rebuild the report.
public struct AnalysisExample: Sendable, Equatable, Codable {
  public struct Token: Sendable, Equatable, Codable {
    public var text: String
    /// Half-open offsets in Unicode scalars of `AnalysisExample.text`.
    public var start: Int
    public var end: Int
    /// True when the model read the token as `<unk>`.
    public var unknown: Bool
  }

  public struct Explanation: Sendable, Equatable, Codable {
    /// Method id, e.g. `grad-input`.
    public var method: String
    /// Index of the target class.
    public var target: Int
    /// `supports-target`, `unsigned` or `class-independent`.
    public var sign: String
    /// The method's options in words, e.g. `of=logit`.
    public var options: String
    /// One per token. [T]
    public var scores: [Double]
    public var axiomGap: Double?
    /// Where the heatmap's colour saturates (`SaliencyMap.colorSaturation`); nil for methods without an
    /// absolute unit, and in states written before it was recorded (they then colour per text).
    public var saturation: ColorSaturation?
  }

  /// 0-based index of the row in the whole corpus (before sharding): the tie-breaker of every ranking.
  public var row: Int
  /// 1-based line of the file where the row starts.
  public var line: Int
  /// The name of the model that read the row.
  public var model: String
  public var gold: Int
  public var predicted: Int
  /// [K]
  public var probabilities: [Double]
  /// The text up to the end of its last explained token.
  public var text: String
  public var tokens: [Token]
  public var truncated: Bool
  public var notes: [String]
  public var explanations: [Explanation]

  /// The probability of the predicted class (NaN counts as −∞ in rankings).
  public var confidence: Double { probabilities.indices.contains(predicted) ? probabilities[predicted] : .nan }

  private var rankingConfidence: Double { confidence.isNaN ? -.infinity : confidence }

  /// Wrong answers, most confident first; ties by row.
  @Sendable public static func ranksAsConfidentError(_ a: AnalysisExample, _ b: AnalysisExample) -> Bool {
    a.rankingConfidence != b.rankingConfidence ? a.rankingConfidence > b.rankingConfidence : a.row < b.row
  }

  /// Right answers, least confident first; ties by row.
  @Sendable public static func ranksAsUnsureCorrect(_ a: AnalysisExample, _ b: AnalysisExample) -> Bool {
    a.rankingConfidence != b.rankingConfidence ? a.rankingConfidence < b.rankingConfidence : a.row < b.row
  }

  /// A stand-in with only what rankings read, to ask a heap whether building the full example is worthwhile.
  static func probe(row: Int, predicted: Int, probabilities: [Double]) -> AnalysisExample {
    AnalysisExample(row: row, line: 0, model: "", gold: 0, predicted: predicted, probabilities: probabilities, text: "", tokens: [],
                    truncated: false, notes: [], explanations: [])
  }
}

/// Counts of what happened to the rows of a corpus (or of one shard). Every record of the file is either
/// analysed, rejected (and listed), or left to another shard: nothing is dropped silently.
public struct AnalysisCounts: Sendable, Equatable, Codable {
  /// Well-formed records of this shard (analysed, or rejected for their label or for having no token).
  public var rows = 0
  public var analysed = 0
  /// Records the reader could not parse (with `--skip-bad-rows`), of this shard.
  public var rejectedMalformed = 0
  /// Records whose text has no token.
  public var rejectedNoTokens = 0
  /// Records whose label is not one of the model's (with `--skip-bad-rows`).
  public var rejectedUnknownLabel = 0
  /// Analysed texts cut at `--max-tokens`.
  public var truncated = 0
  /// Tokens explained (after truncation).
  public var tokens = 0
  /// Of those, tokens the model maps to `<unk>`.
  public var unknownTokens = 0
  /// Analysed texts more than `EncodedText.unknownShareWarning` of whose tokens their model does not know, and
  /// the first line of one (nil when there is none).
  public var mostlyUnknown = 0
  public var firstMostlyUnknownLine: Int?

  public init() {}

  public var rejected: Int { rejectedMalformed + rejectedNoTokens + rejectedUnknownLabel }

  mutating func addMostlyUnknown(line: Int) {
    mostlyUnknown += 1
    firstMostlyUnknownLine = min(firstMostlyUnknownLine ?? line, line)
  }

  public mutating func merge(_ other: AnalysisCounts) {
    rows += other.rows
    analysed += other.analysed
    rejectedMalformed += other.rejectedMalformed
    rejectedNoTokens += other.rejectedNoTokens
    rejectedUnknownLabel += other.rejectedUnknownLabel
    truncated += other.truncated
    tokens += other.tokens
    unknownTokens += other.unknownTokens
    mostlyUnknown += other.mostlyUnknown
    if let line = other.firstMostlyUnknownLine { firstMostlyUnknownLine = min(firstMostlyUnknownLine ?? line, line) }
  }
}
