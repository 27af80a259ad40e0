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
    #expect(try saturation(Occlusion(measure: .probability)) == .probability)
    #expect(try saturation(Occlusion(measure: .logit)) == .logit)
    #expect(try saturation(Shapley(measure: .logit)) == .logit)
    #expect(try saturation(Occlusion(measure: .logOdds)) == .logOdds)
    #expect(try saturation(PrefixPrediction()) == .probability)
    #expect(try saturation(GradientTimesInput(of: .logit)) == .logit)
    #expect(try saturation(GradientTimesInput(of: .probability)) == .probability)
    #expect(try saturation(IntegratedGradients(steps: 8)) == .logit)
    #expect(try saturation(LRP()) == .logit)
    #expect(try saturation(SmoothGrad(base: .gradInput, samples: 2)) == .logit)
    #expect(ColorSaturation.probability.value == 0.5 && ColorSaturation.logit.value == 2)
  }

  @Test("methods without a model-independent unit have no saturation")
  func noUnit() throws {
    #expect(try saturation(Gradient()) == nil)
    #expect(try saturation(SmoothGrad(base: .gradient, samples: 2)) == nil)
    #expect(try saturation(Occlusion(measure: .hiddenDistance)) == nil)
  }

  @Test("trajectory saturates at half of ‖h_n‖ (0.5 when normalised)")
  func trajectory() throws {
    let norm = fixture.sequences[2].numbers("h_n").reduce(0) { $0 + $1 * $1 }.squareRoot()
    let plain = try #require(try saturation(Trajectory()))
    #expect(abs(plain.value - 0.5 * norm) <= 1e-6)
    #expect(plain.unit == "= 0.5·‖h_n‖")
    #expect(try saturation(Trajectory(normalize: true)) == ColorSaturation(value: 0.5, unit: "of ‖h_n‖"))
  }
}
