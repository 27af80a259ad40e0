import Foundation
import Testing
import LSTMCore
@testable import Saliency

@Suite("Saliency axioms")
struct AxiomTests {
  let fixture: ReferenceFixture

  init() throws { fixture = try ReferenceFixture.load() }

  @Test("trajectory scores sum to ‖h_T‖ (and to 1 when normalised)")
  func trajectoryTelescopes() throws {
    for sequence in fixture.sequences {
      let map = try Trajectory(options: .init()).saliency(of: sequence.tokens, target: 0, in: fixture.model)
      let norm = sequence.numbers("h_n").reduce(0) { $0 + $1 * $1 }.squareRoot()
      #expect(abs(map.scores.reduce(0, +) - norm) <= 1e-6)
      #expect(abs(map.axiomGap ?? 1) <= 1e-9)
      let normalised = try Trajectory(.with { $0.normalize = true }).saliency(of: sequence.tokens, target: 0, in: fixture.model)
      #expect(abs(normalised.scores.reduce(0, +) - 1) <= 1e-9)
      #expect(map.sign == .classIndependent)
    }
  }

  @Test("trajectory ignores the target class")
  func trajectoryIsClassIndependent() throws {
    let tokens = fixture.sequences[2].tokens
    let a = try Trajectory(options: .init()).saliency(of: tokens, target: 0, in: fixture.model)
    let b = try Trajectory(options: .init()).saliency(of: tokens, target: 2, in: fixture.model)
    #expect(a.scores == b.scores)
  }

  @Test("occlusion equals the probability drop computed by hand, for every erasure")
  func occlusionIsTheDrop() throws {
    let model = fixture.model
    let tokens = fixture.sequences[1].tokens, target = fixture.sequences[1].predictedClass
    let base = Double(try model.forward([tokens]).probabilities(ofSequence: 0)[target])
    let withUnk = Classifier(config: model.config, parameters: model.parameters, specialIds: SpecialTokenIds(pad: 0, unk: 1))
    for erasure in Erasure.allCases {
      let map = try Occlusion(.with { $0.erasure = erasure }).saliency(of: tokens, target: target, in: withUnk)
      for position in tokens.indices {
        var erased = tokens
        switch erasure {
        case .remove: erased.remove(at: position)
        case .pad, .zero: erased[position] = 0
        case .unk: erased[position] = 1
        }
        let drop = base - Double(try model.forward([erased]).probabilities(ofSequence: 0)[target])
        #expect(abs(map.scores[position] - drop) <= 1e-6, "\(erasure) position \(position)")
      }
    }
  }

  @Test("occlusion in log-odds equals the drop of log p/(1 − p) computed by hand from the probabilities")
  func occlusionLogOddsIsTheDrop() throws {
    let model = fixture.model  // K = 3, so log(1 − p_k) is log Σ_{j≠k} p_j, not a single other logit
    #expect(model.config.classCount == 3)
    func logOdds(_ ids: [Int], _ target: Int) throws -> Double {
      let p = Double(try model.forward([ids]).probabilities(ofSequence: 0)[target])
      return log(p / (1 - p))
    }
    for sequence in fixture.sequences {
      let tokens = sequence.tokens, target = sequence.predictedClass
      let map = try Occlusion(.with { $0.measure = .logOdds }).saliency(of: tokens, target: target, in: model)
      #expect(map.options.fields.first { $0.key == "measure" }?.value == .string("log-odds"))
      let base = try logOdds(tokens, target)
      for position in tokens.indices {
        var erased = tokens
        erased[position] = 0
        let drop = base - (try logOdds(erased, target))
        #expect(abs(map.scores[position] - drop) <= 1e-4 + 1e-4 * abs(drop), "position \(position)")
      }
    }
  }

  @Test("log-odds rank a text's tokens exactly as the probability does (a monotone function of p)")
  func logOddsRankLikeProbability() throws {
    for sequence in fixture.sequences {
      let tokens = sequence.tokens, target = sequence.predictedClass
      let inProbability = try Occlusion(.with { $0.measure = .probability }).saliency(of: tokens, target: target, in: fixture.model)
      let inLogOdds = try Occlusion(.with { $0.measure = .logOdds }).saliency(of: tokens, target: target, in: fixture.model)
      for i in tokens.indices {
        for j in tokens.indices where inProbability.scores[i] < inProbability.scores[j] - 1e-6 {
          #expect(inLogOdds.scores[i] < inLogOdds.scores[j], "positions \(i), \(j)")
        }
      }
    }
  }

  @Test("log-odds from logits: z_k − z_other for two classes, finite where p rounds to 1, logsumexp beyond")
  func logOddsFromLogits() {
    #expect(PerturbationMeasure.logOdds(logits: [2.5, -1], target: 0) == 3.5)
    #expect(PerturbationMeasure.logOdds(logits: [2.5, -1], target: 1) == -3.5)
    #expect(PerturbationMeasure.logOdds(logits: [40, 0], target: 0) == 40)  // Float32 p_0 = 1: log(p/(1 − p)) = ∞
    // K = 3 by hand: log(e^1 / (e^0 + e^2)) = 1 − log(1 + e²) = −1.126928011
    #expect(abs(PerturbationMeasure.logOdds(logits: [1, 0, 2], target: 0) - (1 - log(1 + exp(2.0)))) <= 1e-12)
    #expect(abs(PerturbationMeasure.logOdds(logits: [1, 0, 2], target: 0) - -1.126928011) <= 1e-9)
  }

  @Test("log-odds on a one-class model is an error that says what to use")
  func logOddsNeedTwoClasses() throws {
    let config = ModelConfig(vocabularySize: 4, embeddingSize: 2, hiddenSize: 2, classCount: 1)
    let model = Classifier(config: config, parameters: [Float](repeating: 0.1, count: ParameterLayout(config).totalCount),
                           specialIds: SpecialTokenIds(pad: 0, unk: nil))
    #expect(throws: SaliencyOptionError.logOddsNeedTwoClasses) {
      try Occlusion(.with { $0.measure = .logOdds }).saliency(of: [2, 3], target: 0, in: model)
    }
    #expect(try Occlusion(.with { $0.measure = .probability }).saliency(of: [2, 3], target: 0, in: model).scores.count == 2)
    #expect("\(SaliencyOptionError.logOddsNeedTwoClasses)".contains("--measure probability or logit"))
  }

  @Test("occlusion with a window averages the drops of the windows covering a token")
  func occlusionWindow() throws {
    let model = fixture.model
    let tokens = fixture.sequences[0].tokens  // L = 3: windows {0,1}, {1,2}
    let target = fixture.sequences[0].predictedClass
    let base = Double(try model.forward([tokens]).probabilities(ofSequence: 0)[target])
    func drop(_ erased: Set<Int>) throws -> Double {
      let ids = tokens.indices.map { erased.contains($0) ? 0 : tokens[$0] }
      return base - Double(try model.forward([ids]).probabilities(ofSequence: 0)[target])
    }
    let first = try drop([0, 1]), second = try drop([1, 2])
    let map = try Occlusion(.with { $0.window = 2 }).saliency(of: tokens, target: target, in: model)
    ReferenceFixture.expectClose(map.scores, [first, (first + second) / 2, second], "window 2")
  }

  @Test("the unk erasure on a model without <unk> is an error that says what to do")
  func unkWithoutUnk() throws {
    #expect(throws: SaliencyOptionError.erasureNeedsUnknownToken) {
      try Occlusion(.with { $0.erasure = .unk }).saliency(of: [3, 4], target: 0, in: fixture.model)
    }
  }

  @Test("gradient equals centred finite differences of the target logit")
  func gradientIsFiniteDifference() throws {
    let model = fixture.model
    let tokens = fixture.sequences[1].tokens, target = fixture.sequences[1].predictedClass
    let (batch, inputs) = try model.embed([tokens])
    let map = try GradientTimesInput(.with { $0.of = .logit }).saliency(of: tokens, target: target, in: model)
    // Σ_t grad·input along the direction of the inputs = d/dα F(α·e) at α = 1.
    func logit(_ scale: Float) -> Double {
      Double(model.forward(batch: batch, inputs: inputs.map { $0 * scale }).logits(ofSequence: 0)[target])
    }
    let numeric = (logit(1.001) - logit(0.999)) / 0.002
    #expect(abs(map.scores.reduce(0, +) - numeric) <= 1e-3 * max(1, abs(numeric)))
  }

  @Test("one-token and empty-after-removal inputs work")
  func tinyInputs() throws {
    let model = fixture.model
    for method in [Trajectory(options: .init()), Gradient(options: .init()), GradientTimesInput(options: .init()), try Occlusion(.with { $0.erasure = .remove })] as [any SaliencyMethod] {
      let map = try method.saliency(of: [42], target: 1, in: model)
      #expect(map.scores.count == 1)
      #expect(map.scores.allSatisfy { $0.isFinite })
    }
  }
}
