import Corpus
import LSTMCore
import Reports
import Saliency
import SystemSupport

/// `saliency evaluate`: how faithful, how sane, how plausible and how costly each method's maps are on a model's
/// own labelled texts, every figure against a random ranking and with a bootstrap 95% interval.
///
/// Phases: predict every text; compute each method's maps (timed: the cost measure), plus maps for the gold class
/// of wrong predictions; run the erasure measures of every text (ERASER comprehensiveness and sufficiency, word
/// deletion) for every method and `randomSeeds` random orders; Kendall τ between methods; lexicon plausibility;
/// cascading randomisation. Deterministic for a given seed and thread count.
public struct FaithfulnessEvaluation: Sendable {
  /// A phase of the run, for progress reports.
  public enum Phase: String, Sendable {
    case predicting = "predicting"
    case explaining = "explaining"
    case erasing = "erasing tokens"
    case sanity = "randomising the model"
  }

  public let model: TextModel
  public let settings: EvaluationSettings
  public let lexicon: Lexicon?
  let methods: [any SaliencyMethod]

  /// Evaluates the methods `settings.methods` names.
  /// - Throws: `SaliencyOptionError` when a method's options are out of range.
  public init(model: TextModel, settings: EvaluationSettings, lexicon: Lexicon?) throws {
    self.init(model: model, methods: try settings.methods.makeMethods(), settings: settings, lexicon: lexicon)
  }

  /// Evaluates given methods (any `SaliencyMethod`, e.g. one of a library user's own).
  public init(model: TextModel, methods: [any SaliencyMethod], settings: EvaluationSettings, lexicon: Lexicon?) {
    self.model = model
    self.methods = methods
    self.settings = settings
    self.lexicon = lexicon
  }

  /// The per-text figures before aggregation.
  struct Measurements {
    var predicted: [Int]
    var maps: MethodMaps
    var texts: [TextMeasures]
    /// τ per method pair and text (nil where undefined). [pairs][texts]
    var agreement: [(first: Int, second: Int, taus: [Double?])]
    /// ρ per method, stage and text; nil when the sanity check is off. [methods][stages][texts]
    var sanity: [[[Double?]]]?
    /// (agreeing, covered) shares per method (then random) and text, nil where a text is not judged.
    /// [methods + 1][texts]
    var plausibility: [[LexiconPlausibility?]]?
  }

  /// Evaluates `texts` (all with at least one token).
  /// - Parameters:
  ///   - onPhase: called as each phase starts, with its amount of work (in the units of `onStep`).
  ///   - onStep: called, from any worker thread, with the amount of work just done; explaining counts each text
  ///     by `SaliencyMethod.estimatedCost(tokens:)`, so that progress and time left follow the real work.
  public func run(_ texts: [EvaluationText], corpus: String, notes: [String], generator: String,
                  onPhase: (Phase, Double) -> Void = { _, _ in },
                  onStep: @escaping @Sendable (Double) -> Void = { _ in }) throws -> EvaluationDocument {
    try EvaluationAggregation(settings: settings, modelName: model.name, labels: model.labels)
      .document(measures(texts, indices: Array(texts.indices), onPhase: onPhase, onStep: onStep), corpus: corpus,
                notes: notes, lexicon: lexicon.map { ($0.name, $0.count) }, generator: generator)
  }

  /// The per-text measures of `texts` (all read by this model), before aggregation. Products are row-stable
  /// (`Gemm.withRowStableProducts`), so a text's figures never depend on the texts beside it: the texts of a
  /// corpus measured model by model, or in parts (`evaluate --part K/N`), give the figures of one run over all.
  /// - Parameter indices: each text's index in the whole evaluation, which seeds its random orders. [texts]
  public func measures(_ texts: [EvaluationText], indices: [Int], onPhase: (Phase, Double) -> Void = { _, _ in },
                       onStep: @escaping @Sendable (Double) -> Void = { _ in }) throws -> EvaluationMeasures {
    let ids = methods.map(\.id.rawValue)
    guard !texts.isEmpty else {
      return EvaluationMeasures(methodIDs: ids, sanity: settings.sanity, plausibility: lexicon != nil)
    }
    let measured = try Gemm.withRowStableProducts {
      try measure(texts, indices: indices, onPhase: onPhase, onStep: onStep)
    }
    return EvaluationMeasures(measured, ids: ids, texts: texts)
  }

  /// The per-text figures of `texts`.
  /// - Parameter indices: each text's index in the whole evaluation, which seeds its random orders. [texts]
  func measure(_ texts: [EvaluationText], indices: [Int], onPhase: (Phase, Double) -> Void,
               onStep: @escaping @Sendable (Double) -> Void) throws -> Measurements {
    let classifier = model.classifier
    let sequences = texts.map(\.input.ids)
    onPhase(.predicting, 1)
    let predicted = try classifier.probabilities(of: sequences, threads: settings.threads).map { row in
      row.indices.max { row[$0] < row[$1] } ?? 0
    }
    onStep(1)
    let costs = methods.map { method in sequences.map { method.estimatedCost(tokens: $0.count) } }
    onPhase(.explaining, costs.joined().reduce(0, +))
    let maps = try MethodMaps(methods: methods, sequences: sequences, targets: predicted, model: classifier,
                              threads: settings.threads, onChunkDone: { method, texts in onStep(costs[method][texts].reduce(0, +)) })
    let wrong = texts.indices.filter { predicted[$0] != texts[$0].gold }
    let goldMaps = try MethodMaps(methods: methods, sequences: wrong.map { sequences[$0] },
                                  targets: wrong.map { texts[$0].gold }, model: classifier, threads: settings.threads)
    var goldMapsByText = [Int: [SaliencyMap]]()
    for (position, text) in wrong.enumerated() { goldMapsByText[text] = goldMaps.maps.map { $0[position] } }

    onPhase(.erasing, Double(texts.count))
    let experiment = ErasureExperiment(percentages: settings.percentages, deletionSteps: settings.deletionSteps,
                                       erasure: settings.erasure)
    let seed = settings.seed, randomSeeds = settings.randomSeeds, snapshot = goldMapsByText
    let measured = Parallel.map(count: texts.count, threads: settings.threads) { index -> Result<TextMeasures, any Error> in
      defer { onStep(1) }
      return Result {
        try TextMeasures(tokens: sequences[index], predicted: predicted[index], gold: texts[index].gold,
                         maps: maps.maps.map { $0[index] }, goldMaps: snapshot[index], experiment: experiment,
                         randomSeeds: randomSeeds, randomSeed: Self.textSeed(seed, indices[index]), model: classifier)
      }
    }
    var measures: [TextMeasures] = []
    measures.reserveCapacity(texts.count)
    for result in measured { measures.append(try result.get()) }

    var sanity: [[[Double?]]]?
    if settings.sanity {
      onPhase(.sanity, Double(CascadingRandomization.Stage.allCases.count) * costs.joined().reduce(0, +))
      sanity = try SanityCheck(methods: methods, original: maps.maps, sequences: sequences, targets: predicted,
                               threads: settings.threads)
        .rhos(model: classifier, seed: seed, onChunkDone: { method, texts in onStep(costs[method][texts].reduce(0, +)) })
    }
    return Measurements(predicted: predicted, maps: maps, texts: measures, agreement: agreement(maps.maps),
                        sanity: sanity, plausibility: plausibility(texts, indices: indices, maps: maps.maps, predicted: predicted))
  }

  /// Kendall τ-b of every pair of methods on every text; pairs with occlusion first.
  private func agreement(_ maps: [[SaliencyMap]]) -> [(first: Int, second: Int, taus: [Double?])] {
    Self.agreementPairs(methods.map(\.id.rawValue)).map { first, second in
      (first, second, zip(maps[first], maps[second]).map { KendallCorrelation.tauB($0.scores, $1.scores) })
    }
  }

  /// The pairs of methods compared by τ: occlusion's first, then the others in order.
  static func agreementPairs(_ ids: [String]) -> [(Int, Int)] {
    var pairs: [(Int, Int)] = []
    if let occlusion = ids.firstIndex(of: Occlusion.id.rawValue) {
      pairs += ids.indices.filter { $0 != occlusion }.map { (occlusion, $0) }
    }
    for first in ids.indices where ids[first] != Occlusion.id.rawValue {
      for second in (first + 1)..<ids.count where ids[second] != Occlusion.id.rawValue { pairs.append((first, second)) }
    }
    return pairs
  }

  /// Lexicon plausibility of each method's top-k tokens, then of random tokens, per text: nil for a text whose
  /// target class has no valence direction (then for every ranking), and for a ranking that judges no position;
  /// nil without a lexicon. [methods + 1][texts]
  private func plausibility(_ texts: [EvaluationText], indices: [Int], maps: [[SaliencyMap]],
                            predicted: [Int]) -> [[LexiconPlausibility?]]? {
    guard let lexicon else { return nil }
    var results = [[LexiconPlausibility?]](repeating: Array(repeating: nil, count: texts.count), count: methods.count + 1)
    for (index, text) in texts.enumerated() {
      let norms = text.input.tokens.map { $0.norm ?? $0.text }
      let label = model.labels[predicted[index]]
      guard let random = LexiconPlausibility.randomBaseline(
        norms: norms, k: settings.plausibilityTopK, target: label, lexicon: lexicon, seeds: settings.randomSeeds,
        baseSeed: settings.seed, textIndex: indices[index]) else { continue }
      for method in methods.indices {
        let map = maps[method][index]
        let order = TokenOrder.mostImportantFirst(map.scores, sign: map.sign)
        results[method][index] = LexiconPlausibility(norms: norms, order: order, k: settings.plausibilityTopK,
                                                     target: label, lexicon: lexicon)
      }
      results[methods.count][index] = random
    }
    return results
  }

  /// A per-text seed: the evaluation seed and the text's index mixed, so texts draw independent orders.
  static func textSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
    var generator = SplitMix64(seed: seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1)))
    return generator.next()
  }
}
