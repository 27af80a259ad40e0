import Testing
import LSTMCore
@testable import Saliency

@Suite("LRP-ε")
struct LRPTests {
  let fixture: ReferenceFixture

  init() throws { fixture = try ReferenceFixture.load() }

  /// The fixture model with `lstm.bias_ih_l0`, `lstm.bias_hh_l0` and `fc.bias` set to zero.
  var biasFreeModel: Classifier {
    let model = fixture.model
    var parameters = model.parameters
    for name in [ParameterLayout.Name.inputBias, .recurrentBias, .outputBias] {
      for index in model.layout[name].range { parameters[index] = 0 }
    }
    return Classifier(config: model.config, parameters: parameters, specialIds: model.specialIds)
  }

  func check(model: Classifier, key: String) throws {
    let method = try LRP(options: .init())
    for sequence in fixture.sequences {
      let map = try method.saliency(of: sequence.tokens, target: sequence.predictedClass, in: model)
      ReferenceFixture.expectClose(map.scores, sequence.numbers(key), "\(key) L=\(sequence.tokens.count)")
      let trace = try model.forward([sequence.tokens])
      let relevance = method.embeddingRelevance(in: trace, sequence: 0, target: sequence.predictedClass, model: model)
      ReferenceFixture.expectClose(relevance.flatMap { $0 }, sequence.numbers("\(key)_embedding_relevance"),
                                   "\(key)_embedding_relevance L=\(sequence.tokens.count)")
      // The gap is the reference's conservation residual (what the biases and ε absorb).
      let check = try #require(sequence.fields["\(key)_check"] as? [String: Any])
      let residual = try #require(check["conservation_residual"] as? Double)
      ReferenceFixture.expectClose([map.axiomGap ?? .nan], [residual], "\(key) residual L=\(sequence.tokens.count)")
    }
  }

  @Test("matches lrp_eps (token and embedding relevance, residual)")
  func withBiases() throws { try check(model: fixture.model, key: "lrp_eps") }

  @Test("matches lrp_eps_nobias on the bias-free copy, still for the original class")
  func withoutBiases() throws { try check(model: biasFreeModel, key: "lrp_eps_nobias") }

  @Test("with ε = 0 and no biases, relevance is conserved: Σ scores = logit_k")
  func conservation() throws {
    let model = biasFreeModel
    for sequence in fixture.sequences {
      let map = try LRP(.with { $0.epsilon = 0 }).saliency(of: sequence.tokens, target: sequence.predictedClass, in: model)
      let logit = Double(try model.forward([sequence.tokens]).logits(ofSequence: 0)[sequence.predictedClass])
      #expect(abs(map.scores.reduce(0, +) - logit) <= 1e-6 * abs(logit), "L=\(sequence.tokens.count)")
      #expect(abs(map.axiomGap ?? .nan) <= 1e-6 * abs(logit))
    }
  }

  @Test("the gap is Σ scores − logit_k")
  func gapDefinition() throws {
    let sequence = fixture.sequences[4]
    let map = try LRP(options: .init()).saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model)
    let logit = Double(try fixture.model.forward([sequence.tokens]).logits(ofSequence: 0)[sequence.predictedClass])
    #expect(map.axiomGap == map.scores.reduce(0, +) - logit)
    #expect(map.options.fields.map(\.key) == ["epsilon"] && map.sign == .supportsTarget)
  }

  @Test("batched sentences give the one-by-one results")
  func batchedEqualsOneByOne() throws {
    try fixture.expectBatchedMatchesOneByOne(try LRP(options: .init()))
  }

  @Test("one-token and empty inputs")
  func tinyInputs() throws {
    #expect(try LRP(options: .init()).saliency(of: [42], target: 1, in: fixture.model).scores.allSatisfy(\.isFinite))
    #expect(try LRP(options: .init()).saliency(of: [], target: 1, in: fixture.model).scores.isEmpty)
  }

  @Test("a negative ε is an error that says what to do")
  func validation() {
    #expect(throws: SaliencyOptionError.invalidEpsilon(-1)) { try LRP(.with { $0.epsilon = -1 }) }
    #expect(throws: SaliencyOptionError.self) { try LRP(.with { $0.epsilon = .nan }) }
  }
}
