import Corpus
import LSTMCore
import Reports
import Saliency
import Testing
@testable import SaliencyKit

/// A model whose prediction depends on one word only: `good` (and nothing else) writes into the cell, so a text
/// is positive exactly when it holds `good`. E = 2, H = 1.
enum OneWordModel {
  static let tokens = ["<pad>", "<unk>", "good", "the", "movie", "was", "ok", "plot"]

  static func model() throws -> TextModel {
    let vocabulary = try Vocabulary(tokens: tokens)
    let config = ModelConfig(vocabularySize: tokens.count, embeddingSize: 2, hiddenSize: 1, classCount: 2)
    var classifier = Classifier(config: config, parameters: [Float](repeating: 0, count: ParameterLayout(config).totalCount))
    var parameters = classifier.parameters
    func set(_ name: ParameterLayout.Name, _ values: [Float]) {
      parameters.replaceSubrange(classifier.layout[name].range, with: values)
    }
    // Embeddings: <pad> 0, `good` on the first axis, every other word on the second (which the LSTM ignores).
    set(.embedding, [0, 0] + [0, 1] + [1, 0] + Array(repeating: [Float(0), 1], count: tokens.count - 3).flatMap { $0 })
    // Gates i, f, g, o: i, f and o saturated open; g = tanh(3·e₀), so only `good` moves the cell.
    set(.inputWeights, [0, 0, 0, 0, 3, 0, 0, 0])
    set(.inputBias, [10, 10, 0, 10])
    set(.outputWeights, [-5, 5])
    set(.outputBias, [2, -2])
    classifier.parameters = parameters
    return TextModel(classifier: classifier, labels: ["negative", "positive"], vocabulary: vocabulary,
                     tokenizer: Tokenizer(), name: "one-word")
  }

  /// Positive texts hold `good` somewhere; negative ones don't.
  static let corpus: [(text: String, label: Int)] = [
    ("the movie was good", 1), ("good movie", 1), ("the plot was ok", 0), ("the movie was ok", 0),
    ("good plot the movie was ok", 1), ("ok", 0), ("the good movie", 1), ("movie plot", 0),
  ]

  static func texts(_ model: TextModel) throws -> [EvaluationText] {
    try corpus.enumerated().map { index, row in
      EvaluationText(line: index + 2, gold: row.label, input: try model.encode(text: row.text, maxTokens: nil))
    }
  }
}

/// A "method" that ignores the model and returns seeded noise.
struct NoiseMethod: PerTextMethod {
  static let id = Gradient.id
  static let traits: MethodTraits = []
  struct Options: MethodOptions {
    func colorSaturation(of map: SaliencyMap) -> ColorSaturation? { nil }
  }
  let options = Options()
  init(options: Options) {}
  static func cost(tokens: Int, options: Options) -> Double { Double(tokens) }

  func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap {
    var generator = SplitMix64(seed: UInt64(tokens.reduce(7) { $0 &* 31 &+ $1 }))
    return SaliencyMap(method: id, target: target, sign: .supportsTarget, options: options,
                       scores: tokens.map { _ in Double(generator.nextGaussian()) }, axiomGap: nil)
  }
}

@Suite("Faithfulness and sanity evaluation")
struct EvaluationTests {
  static func settings(_ methods: [SaliencyMethodID]) -> EvaluationSettings {
    var settings = EvaluationSettings(methods: MethodSettings(methods: methods, parameters: .with { $0.samples = 50 }))
    settings.bootstrapResamples = 200
    settings.threads = 2
    return settings
  }

  static let faithful: [SaliencyMethodID] = [
    Trajectory.id, GradientTimesInput.id, IntegratedGradients.id, Occlusion.id, LRP.id, Shapley.id, PrefixPrediction.id,
  ]

  @Test("Every faithful method ranks the one word that matters first")
  func faithfulMethodsRankTheWordFirst() throws {
    let model = try OneWordModel.model()
    let texts = try OneWordModel.texts(model)
    let methods = try Self.settings(Self.faithful).methods.makeMethods()
    for method in methods {
      for text in texts where text.gold == 1 {
        let map = try method.saliency(of: text.input.ids, target: 1, in: model.classifier)
        let top = TokenOrder.mostImportantFirst(map.scores, sign: map.sign)[0]
        #expect(text.input.tokens[top].norm == "good", "\(method.id.rawValue) on '\(text.input.text ?? "")': \(map.scores)")
      }
    }
  }

  @Test("Faithful methods beat the random ranking on comprehensiveness and sufficiency")
  func faithfulMethodsBeatRandom() throws {
    let model = try OneWordModel.model()
    let document = try FaithfulnessEvaluation(model: model, settings: Self.settings([Occlusion.id, Trajectory.id]), lexicon: nil)
      .run(try OneWordModel.texts(model), corpus: "one-word.tsv", notes: [], generator: "test")
    #expect(document.texts == 8)
    #expect(document.correct == 8)
    #expect(document.methods.map(\.id) == ["occlusion", "trajectory", "random"])
    let random = try #require(document.methods.last)
    for result in document.methods.dropLast() {
      #expect(result.comprehensivenessAOPC.mean > random.comprehensivenessAOPC.mean + 0.1, "\(result.id)")
      #expect(result.sufficiencyAOPC.mean < random.sufficiencyAOPC.mean, "\(result.id)")
      // Deleting the top word flips every positive text (half of them) and no negative one.
      #expect(abs(result.deletionOfCorrect[1].mean - 0.5) < 1e-12, "\(result.id)")
      #expect(result.deletionOfCorrect[0].mean == 1)
      #expect(result.comprehensivenessAOPC.lower <= result.comprehensivenessAOPC.mean)
      #expect(result.comprehensivenessAOPC.mean <= result.comprehensivenessAOPC.upper)
    }
    #expect(random.deletionOfCorrect[1].mean > 0.5)
    #expect(document.methods.allSatisfy { $0.deletionOfWrong.isEmpty })
    let tau = try #require(document.agreement.first)
    #expect(tau.first == "occlusion" && tau.second == "trajectory")
  }

  @Test("Comprehensiveness is the drop in the target's probability, computed by hand")
  func comprehensivenessByHand() throws {
    let model = try OneWordModel.model()
    let ids = try model.encode(text: "the movie was good", maxTokens: nil).ids
    let experiment = ErasureExperiment(percentages: [25, 50, 100], deletionSteps: 2, erasure: .pad)
    let outcome = try #require(try experiment.run(tokens: ids, target: 1, rankings: [[3, 0, 1, 2]],
                                                  deletionOrders: [[3, 0, 1, 2]], in: model.classifier).first)
    let probabilities = try model.classifier.probabilities(of: [ids, [ids[0], ids[1], ids[2], 0], [0, 0, 0, 0], [0, 0, 0, ids[3]]])
    let base = Double(probabilities[0][1])
    #expect(abs(outcome.comprehensiveness[0] - (base - Double(probabilities[1][1]))) < 1e-6)
    #expect(abs(outcome.comprehensiveness[2] - (base - Double(probabilities[2][1]))) < 1e-6)
    #expect(abs(outcome.sufficiency[0] - (base - Double(probabilities[3][1]))) < 1e-6)
    #expect(outcome.sufficiency[2] == 0)
    #expect(outcome.deletionPredictions == [0, 0])
  }

  @Test("A noise method fails the sanity check; trajectory ignores the output layer, as expected")
  func sanityCheck() throws {
    let model = try OneWordModel.model()
    let texts = try OneWordModel.texts(model)
    let methods: [any SaliencyMethod] = [NoiseMethod(options: .init()), Trajectory(options: .init()), Occlusion(options: .init())]
    let document = try FaithfulnessEvaluation(model: model, methods: methods, settings: Self.settings([]), lexicon: nil)
      .run(texts, corpus: "one-word.tsv", notes: [], generator: "test")
    let sanity = try #require(document.sanity)
    let noise = sanity[0], trajectory = sanity[1]
    #expect(!noise.passed)
    #expect(noise.stages.allSatisfy { $0.rho?.mean == 1 })
    #expect(trajectory.stages[0].unchangedExpected)
    #expect(trajectory.stages[0].rho?.mean == 1)
    #expect(!trajectory.stages[1].unchangedExpected)
    #expect(sanity[2].passed, "occlusion of an untrained model: \(sanity[2].stages.map { $0.rho?.mean ?? .nan })")
  }

  @Test("The same seed and threads give the same report")
  func deterministic() throws {
    let model = try OneWordModel.model()
    let texts = try OneWordModel.texts(model)
    let evaluation = try FaithfulnessEvaluation(model: model, settings: Self.settings([Shapley.id, SmoothGrad.id]), lexicon: nil)
    // Everything but the measured speed repeats.
    func run() throws -> EvaluationDocument {
      var document = try evaluation.run(texts, corpus: "c", notes: [], generator: "test")
      for index in document.methods.indices { document.methods[index].sequencesPerSecond = nil }
      return document
    }
    let first = try run(), second = try run()
    #expect(first == second)
    #expect(first.curvesCSV.hasPrefix("curve,method,x,mean,lower,upper,count\ncomprehensiveness,shapley,1,"))
  }

  @Test("Wrong predictions get deletion curves for the gold class")
  func wrongPredictions() throws {
    let model = try OneWordModel.model()
    var texts = try OneWordModel.texts(model)
    texts[0].gold = 0
    let document = try FaithfulnessEvaluation(model: model, settings: Self.settings([Occlusion.id]), lexicon: nil)
      .run(texts, corpus: "c", notes: [], generator: "test")
    #expect(document.correct == 7)
    let occlusion = document.methods[0]
    #expect(occlusion.deletionOfWrong.count == 6)
    #expect(occlusion.deletionOfWrong[0].mean == 0)
    // Deleting the word that most opposes the gold class (negative), `good`, makes the text negative.
    #expect(occlusion.deletionOfWrong[1].mean == 1)
  }

  @Test("Top-k% counts round up and keep at least one token")
  func topCounts() {
    #expect(ErasureExperiment.topCount(percent: 1, length: 10) == 1)
    #expect(ErasureExperiment.topCount(percent: 20, length: 10) == 2)
    #expect(ErasureExperiment.topCount(percent: 50, length: 7) == 4)
    #expect(ErasureExperiment.topCount(percent: 100, length: 3) == 3)
    #expect(ErasureExperiment.topCount(percent: 5, length: 0) == 0)
  }

  @Test("Token orders: signed, by magnitude, ties by position, random permutations")
  func tokenOrders() {
    let scores = [0.1, -0.9, 0.5, 0.5, .nan]
    #expect(TokenOrder.mostImportantFirst(scores, sign: .supportsTarget) == [2, 3, 0, 1, 4])
    #expect(TokenOrder.mostImportantFirst(scores, sign: .unsigned) == [1, 2, 3, 0, 4])
    #expect(TokenOrder.leastImportantFirst(scores, sign: .supportsTarget) == [4, 1, 0, 2, 3])
    var generator = SplitMix64(seed: 3)
    let order = generator.permutation(count: 20)
    #expect(order.sorted() == Array(0..<20))
    #expect(order != Array(0..<20))
  }

  @Test("Cascading randomisation replaces one more layer per stage")
  func cascadingStages() throws {
    let model = try OneWordModel.model().classifier
    let stages = CascadingRandomization.models(from: model, seed: 1)
    #expect(stages.map(\.stage) == [.outputLayer, .lstm, .embedding])
    func same(_ other: Classifier, _ name: ParameterLayout.Name) -> Bool { other.tensor(name) == model.tensor(name) }
    #expect(!same(stages[0].model, .outputWeights) && same(stages[0].model, .inputWeights) && same(stages[0].model, .embedding))
    #expect(!same(stages[1].model, .outputWeights) && !same(stages[1].model, .inputWeights) && same(stages[1].model, .embedding))
    #expect(!same(stages[2].model, .embedding))
    #expect(stages[2].model.tensor(.embedding).prefix(2).allSatisfy { $0 == 0 }, "the <pad> row stays zero")
  }
}
