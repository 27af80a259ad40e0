import Testing
import LSTMCore
@testable import Saliency

/// Every method against the float64 PyTorch + Captum reference.
@Suite("Methods match the PyTorch/Captum reference")
struct ReferenceParityTests {
  let fixture: ReferenceFixture

  init() throws { fixture = try ReferenceFixture.load() }

  func check(_ method: some SaliencyMethod, key: String, lengths: Set<Int>? = nil) throws {
    for sequence in fixture.sequences where lengths?.contains(sequence.tokens.count) ?? true {
      let map = try method.saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model)
      ReferenceFixture.expectClose(map.scores, sequence.numbers(key), "\(key) L=\(sequence.tokens.count)")
    }
  }

  @Test func trajectory() throws { try check(Trajectory(options: .init()), key: "trajectory") }
  @Test func gradientOfLogit() throws { try check(try Gradient(.with { $0.of = .logit }), key: "saliency_l2_logit") }
  @Test func gradientOfProbability() throws { try check(try Gradient(.with { $0.of = .probability }), key: "saliency_l2_prob") }
  @Test func gradInputOfLogit() throws { try check(try GradientTimesInput(.with { $0.of = .logit }), key: "grad_x_input_logit") }
  @Test func gradInputOfProbability() throws { try check(try GradientTimesInput(.with { $0.of = .probability }), key: "grad_x_input_prob") }
  @Test func occlusionProbability() throws { try check(try Occlusion(.with { $0.erasure = .pad; $0.measure = .probability }), key: "occlusion_prob") }
  @Test func occlusionLogit() throws { try check(try Occlusion(.with { $0.erasure = .pad; $0.measure = .logit }), key: "occlusion_logit") }
  @Test func occlusionZeroEqualsPad() throws { try check(try Occlusion(.with { $0.erasure = .zero; $0.measure = .probability }), key: "occlusion_prob") }
  @Test func occlusionHiddenDistance() throws {
    try check(try Occlusion(.with { $0.erasure = .pad; $0.measure = .hiddenDistance }), key: "occlusion_hidden_distance")
  }

  @Test("batched methods give the one-by-one results")
  func batchedEqualsOneByOne() throws {
    let sequences = fixture.sequences.map(\.tokens), targets = fixture.sequences.map(\.predictedClass)
    let methods: [any SaliencyMethod] = [Trajectory(options: .init()), Gradient(options: .init()), try GradientTimesInput(.with { $0.of = .probability }), Occlusion(options: .init())]
    for method in methods {
      let batched = try method.saliency(of: sequences, targets: targets, in: fixture.model)
      for (index, tokens) in sequences.enumerated() {
        let single = try method.saliency(of: tokens, target: targets[index], in: fixture.model)
        for (a, b) in zip(batched[index].scores, single.scores) {
          #expect(abs(a - b) <= 1e-6 + 1e-5 * abs(b), "\(method.id) L=\(tokens.count)")
        }
      }
    }
  }
}
