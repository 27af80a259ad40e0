import Foundation
import Reports
import Saliency

/// What `evaluate --part K/N` writes (`evaluation-part.json`): the per-text measures of one slice of consecutive
/// records of a corpus, with everything the report needs. `saliency merge` appends the parts in K order and
/// aggregates them as one run over the whole corpus would: same texts in the same order, same per-text seeds
/// (each part knows the index of its first text), so the same bootstrap draws and the same report.
public struct EvaluationPart: Sendable, Codable {
  public static let fileName = "evaluation-part.json"
  public static let currentFormatVersion = 1

  /// The settings that must agree between parts, and that the report shows.
  public struct Settings: Sendable, Codable, Equatable {
    public var corpus: String
    /// The candidate models' names (`ModelSelection.models`), which the measures' per-text model indexes.
    public var models: [String]
    public var labels: [String]
    public var seed: UInt64
    public var erasure: String
    public var percentages: [Int]
    public var deletionSteps: Int
    public var randomSeeds: Int
    public var bootstrapResamples: Int
    public var sanity: Bool
    public var plausibilityTopK: Int
    public var maxTokens: Int
    public var limit: Int?
    /// The lexicon's file name (plausibility), if any, and its entry count as each candidate model reads it.
    public var lexiconName: String?
    public var lexiconEntries: [Int]
    public var generator: String

    public init(corpus: String, models: [String], labels: [String], seed: UInt64, erasure: String, percentages: [Int],
                deletionSteps: Int, randomSeeds: Int, bootstrapResamples: Int, sanity: Bool, plausibilityTopK: Int,
                maxTokens: Int, limit: Int?, lexiconName: String?, lexiconEntries: [Int], generator: String) {
      self.corpus = corpus
      self.models = models
      self.labels = labels
      self.seed = seed
      self.erasure = erasure
      self.percentages = percentages
      self.deletionSteps = deletionSteps
      self.randomSeeds = randomSeeds
      self.bootstrapResamples = bootstrapResamples
      self.sanity = sanity
      self.plausibilityTopK = plausibilityTopK
      self.maxTokens = maxTokens
      self.limit = limit
      self.lexiconName = lexiconName
      self.lexiconEntries = lexiconEntries
      self.generator = generator
    }
  }

  public struct Rejection: Sendable, Codable, Equatable {
    public var line: Int
    public var kind: String
    public var reason: String
    public var raw: String
  }

  public var formatVersion = EvaluationPart.currentFormatVersion
  public var part: Shard
  public var settings: Settings
  /// Texts cut at the token limit.
  public var truncated: Int
  public var rejected: [Rejection]
  public var measures: EvaluationMeasures

  public init(part: Shard, settings: Settings, truncated: Int, rejected: [AnalysisRejection], measures: EvaluationMeasures) {
    self.part = part
    self.settings = settings
    self.truncated = truncated
    self.rejected = rejected.map { Rejection(line: $0.line, kind: $0.kind.rawValue, reason: $0.reason, raw: $0.raw) }
    self.measures = measures
  }

  public func encoded() throws -> Data {
    try StateJSON.encoded(self)
  }

  /// Reads `DIR/evaluation-part.json`.
  /// - Throws: `AnalysisError.incompatible` naming the file when it is missing, unreadable or of another version.
  public static func read(directory: URL) throws -> EvaluationPart {
    let url = directory.appendingPathComponent(fileName)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw AnalysisError.incompatible("\(url.path): no such file")
    }
    let decoder = StateJSON.decoder
    let part: EvaluationPart
    do {
      part = try decoder.decode(EvaluationPart.self, from: data)
    } catch {
      throw AnalysisError.incompatible("\(url.path): not a valid evaluation part (\(error))")
    }
    guard part.formatVersion == currentFormatVersion else {
      throw AnalysisError.incompatible("\(url.path): evaluation part format \(part.formatVersion) is not supported by this version")
    }
    return part
  }

  /// The parts of one evaluation (every K of N once, any order) as one: measures appended in K order, truncation
  /// counts added, rejections in line order.
  /// - Throws: `AnalysisError.incompatible` for missing, repeated or foreign parts; `.emptyCorpus` /
  ///   `.nothingAnalysed` when no part holds a text, as `evaluate` does.
  public static func merge(_ parts: [(name: String, part: EvaluationPart)]) throws
    -> (settings: Settings, measures: EvaluationMeasures, truncated: Int, rejected: [AnalysisRejection]) {
    guard let first = parts.first else { throw AnalysisError.incompatible("give at least one evaluation part to merge") }
    let count = first.part.part.count
    var byIndex: [Int: (name: String, part: EvaluationPart)] = [:]
    for entry in parts {
      guard entry.part.part.count == count else {
        throw AnalysisError.incompatible("\(entry.name) is part \(entry.part.part.text), \(first.name) part \(first.part.part.text)")
      }
      guard entry.part.settings == first.part.settings else {
        throw AnalysisError.incompatible("\(entry.name) and \(first.name) are not parts of one evaluation (different settings)")
      }
      if let other = byIndex[entry.part.part.index] {
        throw AnalysisError.incompatible("\(entry.name) and \(other.name) are both part \(entry.part.part.text); give each part once")
      }
      byIndex[entry.part.part.index] = entry
    }
    let missing = (0..<count).filter { byIndex[$0] == nil }
    guard missing.isEmpty else {
      let list = missing.map { "\($0)/\(count)" }.joined(separator: ", ")
      throw AnalysisError.incompatible("part\(missing.count == 1 ? "" : "s") \(list) missing; merge needs all \(count) parts")
    }
    let ordered = (0..<count).compactMap { byIndex[$0] }
    var measures = ordered[0].part.measures
    var truncated = 0
    var rejected: [AnalysisRejection] = []
    for (position, entry) in ordered.enumerated() {
      if position > 0 {
        do { try measures.append(entry.part.measures) } catch {
          throw AnalysisError.incompatible("\(entry.name) and \(ordered[0].name): \(error)")
        }
      }
      truncated += entry.part.truncated
      rejected += entry.part.rejected.map {
        AnalysisRejection(line: $0.line, kind: AnalysisRejection.Kind(rawValue: $0.kind) ?? .malformed, reason: $0.reason, raw: $0.raw)
      }
    }
    rejected.sort { $0.line < $1.line }
    if measures.count == 0 {
      if rejected.isEmpty { throw AnalysisError.emptyCorpus(file: first.part.settings.corpus) }
      throw AnalysisError.nothingAnalysed(file: first.part.settings.corpus, rejected: rejected.count)
    }
    return (first.part.settings, measures, truncated, rejected)
  }

  /// The report of the merged parts: the document `evaluate` writes over the whole corpus.
  public static func document(settings: Settings, measures: EvaluationMeasures, truncated: Int,
                              rejected: Int) -> EvaluationDocument {
    let notes = PooledEvaluation.notes(limit: settings.limit, truncated: truncated, maxTokens: settings.maxTokens,
                                       rejected: rejected, measured: measures)
    return PooledEvaluation.document(
      measures, settings: evaluationSettings(settings), models: settings.models, labels: settings.labels,
      lexicons: settings.lexiconName.map { name in settings.lexiconEntries.map { (name, $0) } } ?? [],
      corpus: settings.corpus, notes: notes, generator: settings.generator)
  }

  /// The evaluation settings the report reads (methods are in the measures).
  static func evaluationSettings(_ settings: Settings) -> EvaluationSettings {
    var evaluation = EvaluationSettings(methods: MethodSettings(methods: []))
    evaluation.erasure = Erasure(rawValue: settings.erasure) ?? .pad
    evaluation.seed = settings.seed
    evaluation.percentages = settings.percentages
    evaluation.deletionSteps = settings.deletionSteps
    evaluation.randomSeeds = settings.randomSeeds
    evaluation.bootstrapResamples = settings.bootstrapResamples
    evaluation.sanity = settings.sanity
    evaluation.plausibilityTopK = settings.plausibilityTopK
    return evaluation
  }
}
