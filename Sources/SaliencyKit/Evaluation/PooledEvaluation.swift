import Corpus
import Reports
import Saliency

/// `saliency evaluate` over texts that several models read (`ModelSelection.byScript`: each text its script's
/// default): each model measures its own texts (`FaithfulnessEvaluation.measure`), the per-text figures are pooled
/// in text order and aggregated once over all texts (every figure is per text, in probability or accuracy
/// units, so texts of both models pool), and each model's figures are aggregated again for the breakdown.
/// With one model it is `FaithfulnessEvaluation.run`, number for number.
public struct PooledEvaluation: Sendable {
  public let selection: ModelSelection
  /// One per candidate model.
  let evaluations: [FaithfulnessEvaluation]

  /// - Parameter lexicons: one per candidate model (each read with that model's tokenizer), or empty for none.
  /// - Throws: `SaliencyOptionError` when a method's options are out of range.
  public init(selection: ModelSelection, settings: EvaluationSettings, lexicons: [Lexicon?]) throws {
    self.selection = selection
    evaluations = try selection.models.indices.map { index in
      try FaithfulnessEvaluation(model: selection.models[index], settings: settings,
                                 lexicon: lexicons.indices.contains(index) ? lexicons[index] : nil)
    }
  }

  /// Evaluates `texts` (each with at least one token, `model` indexing `selection.models`); see
  /// `FaithfulnessEvaluation.run`. Phases repeat for each model that reads texts.
  public func run(_ texts: [EvaluationText], corpus: String, notes: [String], generator: String,
                  onPhase: (FaithfulnessEvaluation.Phase, Double) -> Void = { _, _ in },
                  onStep: @escaping @Sendable (Double) -> Void = { _ in }) throws -> EvaluationDocument {
    let groups = selection.models.indices.map { model in texts.indices.filter { texts[$0].model == model } }
    let mostlyUnknown = { (indices: [Int]) in indices.count { texts[$0].input.isMostlyUnknown } }
    let reading = groups.indices.filter { !groups[$0].isEmpty }
    guard reading.count > 1 else {
      var document = try evaluations[reading.first ?? 0].run(texts, corpus: corpus, notes: notes, generator: generator,
                                                             onPhase: onPhase, onStep: onStep)
      document.models = [Self.breakdown(document, mostlyUnknown: mostlyUnknown(Array(texts.indices)))]
      return document
    }
    var parts: [(model: Int, indices: [Int], measured: FaithfulnessEvaluation.Measurements)] = []
    for model in reading {
      let indices = groups[model]
      let measured = try evaluations[model].measure(indices.map { texts[$0] }, indices: indices, onPhase: onPhase,
                                                    onStep: onStep)
      parts.append((model, indices, measured))
    }
    let first = evaluations[reading[0]]
    let names = parts.map { selection.models[$0.model].name }.joined(separator: " + ")
    let aggregation = EvaluationAggregation(settings: first.settings, methods: first.methods, modelName: names,
                                            labels: selection.labels)
    var document = aggregation.document(
      Self.pooled(parts.map { ($0.indices, $0.measured) }, count: texts.count), texts: texts, corpus: corpus,
      notes: notes, lexicon: first.lexicon, generator: generator)
    document.models = parts.map { part in
      let own = evaluations[part.model].aggregation.document(
        part.measured, texts: part.indices.map { texts[$0] }, corpus: corpus, notes: [],
        lexicon: evaluations[part.model].lexicon, generator: generator)
      return Self.breakdown(own, mostlyUnknown: mostlyUnknown(part.indices))
    }
    return document
  }

  /// A model's line of the breakdown, read off the document of its own texts.
  static func breakdown(_ document: EvaluationDocument, mostlyUnknown: Int) -> EvaluationDocument.ModelBreakdown {
    EvaluationDocument.ModelBreakdown(
      name: document.modelName, texts: document.texts, correct: document.correct, mostlyUnknown: mostlyUnknown,
      methods: document.methods.map {
        .init(id: $0.id, comprehensivenessAOPC: $0.comprehensivenessAOPC, sufficiencyAOPC: $0.sufficiencyAOPC)
      })
  }

  /// The parts' per-text figures in text order (`indices` places each part's texts among `count`); lexicon
  /// judgements, which skip texts, follow the parts' order.
  static func pooled(_ parts: [(indices: [Int], measured: FaithfulnessEvaluation.Measurements)],
                     count: Int) -> FaithfulnessEvaluation.Measurements {
    func scatter<T>(_ values: (FaithfulnessEvaluation.Measurements) -> [T]) -> [T] {
      var slots = [T?](repeating: nil, count: count)
      for part in parts {
        for (position, value) in zip(part.indices, values(part.measured)) { slots[position] = value }
      }
      return slots.compactMap { $0 }
    }
    let first = parts[0].measured
    let methodCount = first.maps.maps.count
    let maps = MethodMaps(
      maps: (0..<methodCount).map { method in scatter { $0.maps.maps[method] } },
      seconds: (0..<methodCount).map { method in parts.reduce(0) { $0 + $1.measured.maps.seconds[method] } })
    let agreement = first.agreement.indices.map { pair in
      (first: first.agreement[pair].first, second: first.agreement[pair].second,
       taus: scatter { $0.agreement[pair].taus })
    }
    let sanity = first.sanity.map { rhos in
      rhos.indices.map { method in rhos[method].indices.map { stage in scatter { $0.sanity?[method][stage] ?? [] } } }
    }
    let plausibility = first.plausibility.map { shares in
      shares.indices.map { ranking in parts.flatMap { $0.measured.plausibility?[ranking] ?? [] } }
    }
    return FaithfulnessEvaluation.Measurements(
      predicted: scatter(\.predicted), maps: maps, texts: scatter(\.texts), agreement: agreement, sanity: sanity,
      plausibility: plausibility)
  }
}
