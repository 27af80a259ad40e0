import Corpus
import Foundation
import Reports
import Saliency
import Testing
@testable import SaliencyKit

/// `EvaluationMeasures`: texts measured model by model interleave into text order, and a corpus measured in parts
/// (`evaluate --part K/N`) appends into the measures of one run, figure for figure; the report of either is the
/// report of one run.
@Suite("Evaluation measures: per model and in parts, as one run")
struct EvaluationMeasuresTests {
  /// Two candidates that are the same one-word model under two names, texts alternating between them.
  static func setup() throws -> (PooledEvaluation, [EvaluationText]) {
    let model = try OneWordModel.model()
    let second = TextModel(classifier: model.classifier, labels: model.labels, vocabulary: model.vocabulary,
                           tokenizer: model.tokenizer, name: "one-word-copy")
    let selection = ModelSelection(rule: .byScript, models: [model, second])
    var settings = EvaluationTests.settings([Occlusion.id, GradientTimesInput.id])
    settings.threads = 1
    let lexicon = try Lexicon(bytes: Array("good\t2\nok\t-1\n".utf8), displayName: "tiny.tsv", tokenizer: model.tokenizer)
    let evaluation = try PooledEvaluation(selection: selection, settings: settings, lexicons: [lexicon, lexicon])
    var texts = try OneWordModel.texts(model)
    for index in texts.indices { texts[index].model = index % 2 }
    return (evaluation, texts)
  }

  /// The measures without the methods' seconds (wall-clock timings), as JSON.
  static func figures(_ measures: EvaluationMeasures) throws -> Data {
    var measures = measures
    for index in measures.methods.indices { measures.methods[index].seconds = 0 }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(measures)
  }

  @Test("texts read by two models give one model's per-text figures, in text order, each text with its model")
  func interleaved() throws {
    let (evaluation, texts) = try Self.setup()
    let pooled = try evaluation.measures(texts)
    #expect(pooled.models == texts.map(\.model))
    #expect(pooled.lines == texts.map(\.line))
    var alone = texts
    for index in alone.indices { alone[index].model = 0 }
    var single = try evaluation.measures(alone)
    single.models = pooled.models
    #expect(try Self.figures(pooled) == Self.figures(single))
    #expect(pooled.plausibility?.last?.contains { $0 != nil } == true)
  }

  @Test("parts measured apart with their text offsets append to the whole run's measures and report")
  func parts() throws {
    let (evaluation, texts) = try Self.setup()
    let whole = try evaluation.measures(texts)
    var appended = try evaluation.measures(Array(texts[0..<3]), textOffset: 0)
    try appended.append(evaluation.measures([], textOffset: 3))
    try appended.append(evaluation.measures(Array(texts[3...]), textOffset: 3))
    #expect(try Self.figures(appended) == Self.figures(whole))
    let shifted = try evaluation.measures(Array(texts[3...]), textOffset: 0)
    #expect(try Self.figures(shifted) != Self.figures(whole.subset(Array(3..<texts.count))),
            "a part's random orders follow the texts' indices in the whole corpus")

    func report(_ measures: EvaluationMeasures) -> EvaluationDocument {
      var document = PooledEvaluation.document(
        measures, settings: evaluation.evaluations[0].settings, models: ["one-word", "one-word-copy"],
        labels: ["negative", "positive"], lexicons: evaluation.lexicons, corpus: "c", notes: [], generator: "test")
      for index in document.methods.indices { document.methods[index].sequencesPerSecond = nil }
      return document
    }
    let document = report(appended)
    #expect(document == report(whole))
    #expect(document.modelName == "one-word + one-word-copy")
    #expect(document.models.map(\.texts) == [4, 4])
    #expect(document.plausibility?.lexicon == "tiny.tsv")
  }

  @Test("measures of different methods do not append")
  func incompatible() throws {
    let (evaluation, texts) = try Self.setup()
    var measures = try evaluation.measures(Array(texts[0..<2]))
    var other = try evaluation.measures(Array(texts[2..<4]))
    other.methods.removeLast()
    #expect(throws: AnalysisError.self) { try measures.append(other) }
  }
}
