import Testing
@testable import Saliency

/// Step and sample counts are bounded (before: `--steps 1000000` and `--samples 1000000` ran unbounded).
@Suite("Step and sample counts have a ceiling")
struct OptionLimitTests {
  @Test("integrated gradients: at most maximumSteps, the same ceiling as doubling for --tolerance")
  func steps() throws {
    #expect(throws: SaliencyOptionError.tooManySteps(1_000_000, maximum: IntegratedGradients.maximumSteps)) {
      try IntegratedGradients(.with { $0.steps = 1_000_000 })
    }
    #expect(throws: Never.self) { try IntegratedGradients(.with { $0.steps = IntegratedGradients.maximumSteps }) }
    #expect(SaliencyOptionError.tooManySteps(2000, maximum: 1024).description.hasPrefix("--steps 2000 is more than 1024"))
  }

  @Test("smoothgrad and shapley: at most their maximumSamples")
  func samples() throws {
    #expect(throws: SaliencyOptionError.tooManySamples(SmoothGrad.maximumSamples + 1, maximum: SmoothGrad.maximumSamples)) {
      try SmoothGrad(.with { $0.samples = SmoothGrad.maximumSamples + 1 })
    }
    #expect(throws: SaliencyOptionError.tooManySamples(1_000_000, maximum: Shapley.maximumSamples)) {
      try Shapley(.with { $0.samples = 1_000_000 })
    }
    #expect(throws: Never.self) { try Shapley(.with { $0.samples = Shapley.maximumSamples }) }
  }
}
