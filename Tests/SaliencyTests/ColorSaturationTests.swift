import Foundation
import Testing
import LSTMCore
@testable import Saliency

/// The absolute colour scale of each method and measure (`ColorSaturation`), read off real maps.
@Suite("Colour saturation per method and measure")
struct ColorSaturationTests {
  let fixture: ReferenceFixture

  init() throws { fixture = try ReferenceFixture.load() }

  var tokens: [Int] { fixture.sequences[2].tokens }

  func saturation(_ method: some SaliencyMethod) throws -> ColorSaturation? {
    try method.saliency(of: tokens, target: 0, in: fixture.model).colorSaturation
  }

  @Test("probability measures saturate at ±0.5, logit measures at ±2")
  func probabilityAndLogit() throws {
    #expect(try saturation(try Occlusion(.with { $0.measure = .probability })) == .probability)
    #expect(try saturation(try Occlusion(.with { $0.measure = .logit })) == .logit)
    #expect(try saturation(try Shapley(.with { $0.measure = .logit })) == .logit)
    #expect(try saturation(try Occlusion(.with { $0.measure = .logOdds })) == .logOdds)
    #expect(try saturation(PrefixPrediction(options: .init())) == .probability)
    #expect(try saturation(try GradientTimesInput(.with { $0.of = .logit })) == .logit)
    #expect(try saturation(try GradientTimesInput(.with { $0.of = .probability })) == .probability)
    #expect(try saturation(try IntegratedGradients(.with { $0.steps = 8 })) == .logit)
    #expect(try saturation(LRP(options: .init())) == .logit)
    #expect(try saturation(try SmoothGrad(.with { $0.base = .gradInput; $0.samples = 2 })) == .logit)
    #expect(ColorSaturation.probability.value == 0.5 && ColorSaturation.logit.value == 2)
  }

  @Test("methods without a model-independent unit have no saturation")
  func noUnit() throws {
    #expect(try saturation(Gradient(options: .init())) == nil)
    #expect(try saturation(try SmoothGrad(.with { $0.base = .gradient; $0.samples = 2 })) == nil)
    #expect(try saturation(try Occlusion(.with { $0.measure = .hiddenDistance })) == nil)
  }

  @Test("trajectory saturates at half of ‖h_n‖ (0.5 when normalised)")
  func trajectory() throws {
    let norm = fixture.sequences[2].numbers("h_n").reduce(0) { $0 + $1 * $1 }.squareRoot()
    let plain = try #require(try saturation(Trajectory(options: .init())))
    #expect(abs(plain.value - 0.5 * norm) <= 1e-6)
    #expect(plain.unit == "= 0.5·‖h_n‖")
    #expect(try saturation(try Trajectory(.with { $0.normalize = true })) == ColorSaturation(value: 0.5, unit: "of ‖h_n‖"))
  }
}
