import Corpus
import Reports
import Saliency

/// `saliency evaluate` over texts that several models read (`ModelSelection.byScript`: each text its script's
/// default): each model measures its own texts (`FaithfulnessEvaluation.measures`), the per-text figures are
/// interleaved in text order and aggregated once over all texts (every figure is per text, in probability or
/// accuracy units, so texts of both models pool), and each model's figures are aggregated again for the
/// breakdown. With one model it is `FaithfulnessEvaluation.run`, number for number (`document` of `measures`).
///
/// The measures carry everything the report needs, so a corpus measured in parts (`evaluate --part K/N`, one per
/// Spark partition) and merged (`saliency merge`) gives the report of one run: both go through `document`.
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

  /// The lexicon's name and entry count for each candidate model (each counts the entries its tokenizer reads);
  /// empty without a lexicon.
  public var lexicons: [(name: String, count: Int)] {
    evaluations.compactMap { evaluation in evaluation.lexicon.map { ($0.name, $0.count) } }
  }

  /// The per-text measures of `texts` (each with at least one token, `model` indexing `selection.models`) in
  /// text order, each model measuring its own texts; `document` turns them into the report. Phases (see
  /// `FaithfulnessEvaluation.run`) repeat for each model that reads texts.
  /// - Parameter textOffset: the index of `texts[0]` in the whole evaluation (a part's first text, with
  ///   `evaluate --part K/N`); a text's index seeds its random orders.
  public func measures(_ texts: [EvaluationText], textOffset: Int = 0,
                       onPhase: (FaithfulnessEvaluation.Phase, Double) -> Void = { _, _ in },
                       onStep: @escaping @Sendable (Double) -> Void = { _ in }) throws -> EvaluationMeasures {
    let groups = selection.models.indices.map { model in texts.indices.filter { texts[$0].model == model } }
    let reading = groups.indices.filter { !groups[$0].isEmpty }
    guard !reading.isEmpty else { return try evaluations[0].measures([], indices: []) }
    return try EvaluationMeasures.interleaving(reading.map { model in
      let indices = groups[model]
      let measured = try evaluations[model].measures(indices.map { texts[$0] }, indices: indices.map { textOffset + $0 },
                                                     onPhase: onPhase, onStep: onStep)
      return (indices, measured)
    })
  }

  /// The report of `measured` (every text of the evaluation, in text order): the figures over all texts, named
  /// after the models that read them (`default-en + default-zh`), and one breakdown line per such model.
  /// - Parameters:
  ///   - models: the candidate models' names, which `measured.models` indexes.
  ///   - lexicons: per candidate model, the lexicon's name and entry count; empty without a lexicon.
  public static func document(_ measured: EvaluationMeasures, settings: EvaluationSettings, models: [String],
                              labels: [String], lexicons: [(name: String, count: Int)], corpus: String, notes: [String],
                              generator: String) -> EvaluationDocument {
    let reading = measured.readingModels
    let lexicon = { (model: Int) in lexicons.indices.contains(model) ? lexicons[model] : nil }
    var document = EvaluationAggregation(settings: settings, modelName: reading.map { models[$0] }.joined(separator: " + "),
                                         labels: labels)
      .document(measured, corpus: corpus, notes: notes, lexicon: lexicon(reading.first ?? 0), generator: generator)
    guard reading.count > 1 else {
      document.models = [breakdown(document, mostlyUnknown: measured.mostlyUnknown.count { $0 })]
      return document
    }
    document.models = reading.map { model in
      let own = measured.subset(measured.positions(of: model))
      let ownDocument = EvaluationAggregation(settings: settings, modelName: models[model], labels: labels)
        .document(own, corpus: corpus, notes: [], lexicon: lexicon(model), generator: generator)
      return breakdown(ownDocument, mostlyUnknown: own.mostlyUnknown.count { $0 })
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

  /// The report's notes, as `evaluate` and `merge` of its parts write them: what the reading of the corpus left
  /// out or cut, texts mostly unknown to their model (`measured.lines`), and texts read by several models.
  public static func notes(limit: Int?, truncated: Int, maxTokens: Int, rejected: Int,
                           measured: EvaluationMeasures) -> [String] {
    var notes: [String] = []
    if let limit { notes.append("only the first \(limit) texts were evaluated (--limit)") }
    if truncated > 0 { notes.append(TokenLimit.note(cut: truncated, at: maxTokens)) }
    if rejected > 0 { notes.append("\(rejected) row(s) were rejected (rejected.tsv)") }
    let mostlyUnknown = measured.lines.indices.filter { measured.mostlyUnknown[$0] }
    if let first = mostlyUnknown.first {
      notes.append("\(mostlyUnknown.count) text(s) have mostly tokens their model does not know (first at line "
        + "\(measured.lines[first])); they are probably read by the wrong model (--model)")
    }
    if measured.readingModels.count > 1 {
      notes.append("each text was read by the default model of its script (a Han character: default-zh, else "
        + "default-en); figures are over all texts, per model under \"models\"")
    }
    return notes
  }
}
