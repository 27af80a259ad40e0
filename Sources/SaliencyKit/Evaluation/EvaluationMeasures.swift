import Corpus
import LSTMCore
import Saliency

/// The per-text figures of an evaluation before aggregation: what the bootstrap resamples. Every array over
/// texts is in the evaluation's text order, and every text carries the candidate model that read it, so the
/// measures of several models interleave into text order, and the parts of one corpus (`evaluate --part K/N`,
/// one per Spark partition) append in order: either way they give the figures of one run over the whole corpus,
/// and the same report (`PooledEvaluation.document`).
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
  /// The predicted and the gold class of each text. [texts]
  public var predicted: [Int]
  public var gold: [Int]
  /// The index of the model that read each text among the candidates (`ModelSelection.models`). [texts]
  public var models: [Int]
  /// Each text's 1-based line in the corpus, and whether most of its tokens are unknown to its model. [texts]
  public var lines: [Int]
  public var mostlyUnknown: [Bool]
  var texts: [TextMeasures]
  public var agreement: [Pair]
  /// ρ per method, stage and text; nil without the sanity check. [methods][stages][texts]
  public var sanity: [[[Double?]]]?
  /// Per method (then random) and text, nil where a text is not judged; nil without a lexicon. [methods + 1][texts]
  public var plausibility: [[LexiconPlausibility?]]?

  public var count: Int { predicted.count }

  /// The measures of no text (an empty part).
  init(methodIDs: [String], sanity: Bool, plausibility: Bool) {
    methods = methodIDs.map { Method(id: $0, sign: nil, options: nil, seconds: 0) }
    predicted = []
    gold = []
    models = []
    lines = []
    mostlyUnknown = []
    texts = []
    agreement = FaithfulnessEvaluation.agreementPairs(methodIDs).map { Pair(first: $0.0, second: $0.1, taus: []) }
    self.sanity = sanity
      ? Array(repeating: Array(repeating: [], count: CascadingRandomization.Stage.allCases.count), count: methodIDs.count) : nil
    self.plausibility = plausibility ? Array(repeating: [], count: methodIDs.count + 1) : nil
  }

  /// The measures of `texts`, taken by `FaithfulnessEvaluation.measure`.
  init(_ measured: FaithfulnessEvaluation.Measurements, ids: [String], texts: [EvaluationText]) {
    methods = ids.indices.map { index in
      let first = measured.maps.maps[index].first
      return Method(id: ids[index], sign: first?.sign, options: first?.options.summary, seconds: measured.maps.seconds[index])
    }
    predicted = measured.predicted
    gold = texts.map(\.gold)
    models = texts.map(\.model)
    lines = texts.map(\.line)
    mostlyUnknown = texts.map(\.input.isMostlyUnknown)
    self.texts = measured.texts
    agreement = measured.agreement.map { Pair(first: $0.first, second: $0.second, taus: $0.taus) }
    sanity = measured.sanity
    plausibility = measured.plausibility
  }

  /// The measures of texts read by several models, each model's measured apart: `indices` places each part's
  /// texts in the evaluation (every index once). The methods' seconds add up.
  /// - Throws: `AnalysisError.incompatible` when the parts measured different methods (see `append`).
  static func interleaving(_ parts: [(indices: [Int], measures: EvaluationMeasures)]) throws -> EvaluationMeasures {
    guard var all = parts.first?.measures else { throw AnalysisError.incompatible("no measures to interleave") }
    for part in parts.dropFirst() { try all.append(part.measures) }
    let indices = parts.flatMap(\.indices)
    return all.subset(indices.indices.sorted { indices[$0] < indices[$1] })
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
    models += other.models
    lines += other.lines
    mostlyUnknown += other.mostlyUnknown
    texts += other.texts
    for index in agreement.indices { agreement[index].taus += other.agreement[index].taus }
    if let theirs = other.sanity, sanity != nil {
      for method in theirs.indices {
        for stage in theirs[method].indices { sanity?[method][stage] += theirs[method][stage] }
      }
    }
    if let theirs = other.plausibility, plausibility != nil {
      for ranking in theirs.indices { plausibility?[ranking] += theirs[ranking] }
    }
  }

  /// The texts at `positions`, in that order; the methods' seconds are those of all texts.
  func subset(_ positions: [Int]) -> EvaluationMeasures {
    var subset = self
    func pick<T>(_ values: [T]) -> [T] { positions.map { values[$0] } }
    subset.predicted = pick(predicted)
    subset.gold = pick(gold)
    subset.models = pick(models)
    subset.lines = pick(lines)
    subset.mostlyUnknown = pick(mostlyUnknown)
    subset.texts = pick(texts)
    subset.agreement = agreement.map { Pair(first: $0.first, second: $0.second, taus: pick($0.taus)) }
    subset.sanity = sanity?.map { $0.map(pick) }
    subset.plausibility = plausibility?.map(pick)
    return subset
  }

  /// The candidate models that read at least one text, in candidate order.
  public var readingModels: [Int] { Set(models).sorted() }

  /// The positions of the texts `model` read, in text order.
  func positions(of model: Int) -> [Int] { models.indices.filter { models[$0] == model } }
}
