import Foundation
import Testing
import LSTMCore
@testable import Saliency

@Suite("Integrated gradients")
struct IntegratedGradientsTests {
  let fixture: ReferenceFixture

  init() throws { fixture = try ReferenceFixture.load() }

  /// Runs `method` on every reference sequence and compares scores and axiom gaps with the given keys.
  func check(_ method: IntegratedGradients, key: String, deltaKey: String? = nil) throws {
    for sequence in fixture.sequences {
      let map = try method.saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model)
      ReferenceFixture.expectClose(map.scores, sequence.numbers(key), "\(key) L=\(sequence.tokens.count)")
      if let deltaKey {
        let delta = try #require(sequence.attributions[deltaKey] as? Double)
        ReferenceFixture.expectClose([map.axiomGap ?? .nan], [delta], "\(deltaKey) L=\(sequence.tokens.count)")
      }
    }
  }

  @Test("Gauss–Legendre with exact weights matches ig_logit_f64_weights")
  func gaussLegendreLogit() throws {
    try check(try IntegratedGradients(options: .init()), key: "ig_logit_f64_weights", deltaKey: "ig_logit_f64_weights_delta")
  }

  @Test("Gauss–Legendre matches Captum's ig_logit (float32-rounded weights)")
  func captumLogit() throws { try check(try IntegratedGradients(options: .init()), key: "ig_logit", deltaKey: "ig_logit_delta") }

  @Test("Gauss–Legendre of the probability matches ig_prob")
  func probability() throws {
    try check(try IntegratedGradients(.with { $0.of = .probability }), key: "ig_prob", deltaKey: "ig_prob_delta")
  }

  @Test("Captum's trapezoid variant matches ig_logit_riemann_trapezoid, gap included")
  func trapezoid() throws {
    try check(try IntegratedGradients(.with { $0.rule = .trapezoid }), key: "ig_logit_riemann_trapezoid",
              deltaKey: "ig_logit_riemann_trapezoid_delta")
  }

  @Test("the zero baseline equals the pad baseline (the <pad> row is zero)")
  func zeroBaseline() throws { try check(try IntegratedGradients(.with { $0.baseline = .zero }), key: "ig_logit_f64_weights") }

  @Test("Gauss–Legendre nodes and weights equal numpy's leggauss(50) mapped to [0, 1]")
  func gaussLegendreNodes() throws {
    let ig = try Self.referenceQuadrature()
    let (alphas, weights) = QuadratureRule.gaussLegendre.nodes(count: 50)
    #expect(zip(alphas, try #require(ig["alphas"] as? [Double])).allSatisfy { abs($0 - $1) <= 1e-14 })
    #expect(zip(weights, try #require(ig["weights"] as? [Double])).allSatisfy { abs($0 - $1) <= 1e-14 })
  }

  @Test("Gauss–Legendre with n nodes integrates α^m exactly for m ≤ 2n − 1", arguments: [1, 2, 3, 7, 50, 200, 1024])
  func gaussLegendreExactness(count: Int) {
    let (alphas, weights) = QuadratureRule.gaussLegendre.nodes(count: count)
    #expect(alphas == alphas.sorted() && alphas.allSatisfy { $0 > 0 && $0 < 1 })
    for power in 0...min(2 * count - 1, 30) {
      let integral = zip(alphas, weights).reduce(0.0) { $0 + $1.1 * pow($1.0, Double(power)) }
      #expect(abs(integral - 1 / Double(power + 1)) <= 1e-14, "n=\(count) α^\(power)")
    }
  }

  @Test("trapezoid nodes and weights are Captum's")
  func trapezoidNodes() throws {
    let ig = try Self.referenceQuadrature()
    let (alphas, weights) = QuadratureRule.trapezoid.nodes(count: 50)
    // The reference lists are float32 values.
    #expect(zip(alphas, try #require(ig["riemann_trapezoid_alphas"] as? [Double])).allSatisfy { abs($0 - $1) <= 1e-7 })
    let applied = try #require(ig["riemann_trapezoid_weights_as_applied_by_captum"] as? [Double])
    #expect(zip(weights, applied).allSatisfy { abs($0 - $1) <= 1e-8 })
  }

  @Test("the completeness gap shrinks as steps grow 8 → 16 → 50 for the non-Gauss rules",
        arguments: [QuadratureRule.riemannLeft, .riemannRight, .riemannMiddle, .trapezoid])
  func gapShrinks(rule: QuadratureRule) throws {
    for sequence in fixture.sequences {
      let gaps = try [8, 16, 50].map { steps in
        abs(try IntegratedGradients(.with { $0.steps = steps; $0.rule = rule })
          .saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model).axiomGap ?? .nan)
      }
      #expect(gaps[0] > gaps[1] && gaps[1] > gaps[2], "\(rule) L=\(sequence.tokens.count): \(gaps)")
    }
  }

  @Test("with a tolerance, the steps double until the gap is within it, and the map records them")
  func toleranceDoublesSteps() throws {
    let method = try IntegratedGradients(.with { $0.steps = 8; $0.rule = .riemannLeft; $0.tolerance = 1e-4 })
    let sequences = fixture.sequences.map(\.tokens), targets = fixture.sequences.map(\.predictedClass)
    for map in try method.saliency(of: sequences, targets: targets, in: fixture.model) {
      #expect(abs(map.axiomGap ?? .nan) <= 1e-4)
      let steps = try #require(map.options.fields.first { $0.key == "steps" }?.value)
      guard case .int(let used) = steps else { Issue.record("steps is not an integer"); continue }
      #expect(used > 8 && used <= IntegratedGradients.maximumSteps && (used & (used - 1)) == 0, "steps \(used)")
      #expect(map.options.fields.map(\.key) == ["baseline", "steps", "rule", "of", "tolerance"])
      #expect(map.notes.isEmpty)
    }
  }

  @Test("an unreachable tolerance stops at the cap and says so")
  func toleranceCap() throws {
    let tokens = fixture.sequences[0].tokens
    let map = try IntegratedGradients(.with { $0.steps = 300; $0.rule = .riemannLeft; $0.tolerance = 1e-12 })
      .saliency(of: tokens, target: fixture.sequences[0].predictedClass, in: fixture.model)
    #expect(map.options.fields.first { $0.key == "steps" }?.value == .int(IntegratedGradients.maximumSteps))
    #expect(map.notes.count == 1)
  }

  @Test("the unk baseline integrates from <unk> at every position, and completeness holds")
  func unkBaseline() throws {
    let model = fixture.model
    let withUnk = Classifier(config: model.config, parameters: model.parameters,
                             specialIds: SpecialTokenIds(pad: 0, unk: 1))
    let sequence = fixture.sequences[2], target = sequence.predictedClass
    let map = try IntegratedGradients(.with { $0.baseline = .unk }).saliency(of: sequence.tokens, target: target, in: withUnk)
    func logit(_ ids: [Int]) throws -> Double { Double(try model.forward([ids]).logits(ofSequence: 0)[target]) }
    let unkLogit = try logit(Array(repeating: 1, count: sequence.tokens.count))
    let inputLogit = try logit(sequence.tokens)
    #expect(abs(map.scores.reduce(0, +) - (inputLogit - unkLogit)) <= 1e-5)
    #expect(abs(map.axiomGap ?? .nan) <= 1e-5)
  }

  @Test("batched sentences give the one-by-one results")
  func batchedEqualsOneByOne() throws {
    for method in [try IntegratedGradients(options: .init()), try IntegratedGradients(.with { $0.rule = .riemannMiddle; $0.of = .probability })] {
      try fixture.expectBatchedMatchesOneByOne(method, absolute: 1e-6)
    }
  }

  @Test("one-token and empty inputs")
  func tinyInputs() throws {
    let one = try IntegratedGradients(options: .init()).saliency(of: [42], target: 1, in: fixture.model)
    #expect(one.scores.count == 1 && one.scores.allSatisfy(\.isFinite))
    let none = try IntegratedGradients(options: .init()).saliency(of: [], target: 1, in: fixture.model)
    #expect(none.scores.isEmpty && none.axiomGap == 0)
  }

  @Test("invalid options are errors that say what to do")
  func validation() throws {
    #expect(throws: SaliencyOptionError.removeIsNotABaseline) { try IntegratedGradients(.with { $0.baseline = .remove }) }
    #expect(throws: SaliencyOptionError.tooFewSteps(rule: .gaussLegendre, steps: 0)) { try IntegratedGradients(.with { $0.steps = 0 }) }
    #expect(throws: SaliencyOptionError.tooFewSteps(rule: .trapezoid, steps: 1)) {
      try IntegratedGradients(.with { $0.steps = 1; $0.rule = .trapezoid })
    }
    for tolerance in [0, -1e-3, .nan, .infinity] {
      #expect(throws: SaliencyOptionError.self) { try IntegratedGradients(.with { $0.tolerance = tolerance }) }
    }
    #expect(throws: SaliencyOptionError.baselineNeedsUnknownToken) {
      try IntegratedGradients(.with { $0.baseline = .unk }).saliency(of: [3, 4], target: 0, in: fixture.model)
    }
    #expect(SaliencyOptionError.removeIsNotABaseline.description.contains("--baseline pad"))
  }

  /// The top-level `ig` object of attributions.json (quadrature nodes and weights).
  static func referenceQuadrature() throws -> [String: Any] {
    let data = try Data(contentsOf: ReferenceFixture.folder.appendingPathComponent("attributions.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(root["ig"] as? [String: Any])
  }
}
