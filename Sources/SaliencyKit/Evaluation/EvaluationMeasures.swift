import Corpus
import LSTMCore
import Saliency

/// The per-text figures of an evaluation before aggregation: what the bootstrap resamples. They concatenate
/// exactly, so the parts of one corpus (`evaluate --part K/N`, one per Spark partition) put together in order
/// give the figures of one run over the whole corpus, and the same report.
public struct EvaluationMeasures: Sendable, Codable {
  /// A method under test: what the report says of it, and the seconds its maps took.
  public struct Method: Sendable, Codable, Equatable {
    public var id: String
    /// The sign of its maps (nil before any text).
    public var sign: SaliencySign?
    /// Its options in words (nil before any text).
    public var options: String?
    public var seconds: Double
  }

  /// Kendall τ-b of two methods per text (nil where undefined).
  public struct Pair: Sendable, Codable, Equatable {
    public var first: Int
    public var second: Int
    public var taus: [Double?]
  }

  public var methods: [Method]
  /// Per text. [texts]
  public var predicted: [Int]
  public var gold: [Int]
  var texts: [TextMeasures]
  public var agreement: [Pair]
  /// ρ per method, stage and text; nil without the sanity check. [methods][stages][texts]
  public var sanity: [[[Double?]]]?
  /// Per method (then random) and judged text; nil without a lexicon. [methods + 1][judged texts]
  public var plausibility: [[LexiconPlausibility]]?

  public var count: Int { predicted.count }

  /// The measures of no text (an empty part).
  init(methodIDs: [String], sanity: Bool, plausibility: Bool) {
    methods = methodIDs.map { Method(id: $0, sign: nil, options: nil, seconds: 0) }
    predicted = []
    gold = []
    texts = []
    agreement = FaithfulnessEvaluation.agreementPairs(methodIDs).map { Pair(first: $0.0, second: $0.1, taus: []) }
    self.sanity = sanity
      ? Array(repeating: Array(repeating: [], count: CascadingRandomization.Stage.allCases.count), count: methodIDs.count) : nil
    self.plausibility = plausibility ? Array(repeating: [], count: methodIDs.count + 1) : nil
  }

  init(_ measured: FaithfulnessEvaluation.Measurements, ids: [String], gold: [Int]) {
    methods = ids.indices.map { index in
      let first = measured.maps.maps[index].first
      return Method(id: ids[index], sign: first?.sign, options: first?.options.summary, seconds: measured.maps.seconds[index])
    }
    predicted = measured.predicted
    self.gold = gold
    texts = measured.texts
    agreement = measured.agreement.map { Pair(first: $0.first, second: $0.second, taus: $0.taus) }
    sanity = measured.sanity
    plausibility = measured.plausibility
  }

  /// Appends the texts of `other` (the next part of the corpus) after these; the methods' seconds add up.
  /// - Throws: `AnalysisError.incompatible` when the methods, the sanity check or the lexicon differ.
  public mutating func append(_ other: EvaluationMeasures) throws {
    guard other.methods.map(\.id) == methods.map(\.id), other.agreement.count == agreement.count,
          (other.sanity == nil) == (sanity == nil), (other.plausibility == nil) == (plausibility == nil),
          other.sanity?.count == sanity?.count, other.plausibility?.count == plausibility?.count
    else { throw AnalysisError.incompatible("the evaluations have different methods, sanity checks or lexicons") }
    for index in methods.indices {
      methods[index].sign = methods[index].sign ?? other.methods[index].sign
      methods[index].options = methods[index].options ?? other.methods[index].options
      methods[index].seconds += other.methods[index].seconds
    }
    predicted += other.predicted
    gold += other.gold
    texts += other.texts
    for index in agreement.indices { agreement[index].taus += other.agreement[index].taus }
    if let theirs = other.sanity, sanity != nil {
      for method in theirs.indices {
        for stage in theirs[method].indices { sanity?[method][stage] += theirs[method][stage] }
      }
    }
    if let theirs = other.plausibility, plausibility != nil {
      for method in theirs.indices { plausibility?[method] += theirs[method] }
    }
  }
}
