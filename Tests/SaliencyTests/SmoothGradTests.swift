import Testing
import LSTMCore
@testable import Saliency

@Suite("SmoothGrad")
struct SmoothGradTests {
  let fixture: ReferenceFixture

  init() throws { fixture = try ReferenceFixture.load() }

  @Test("without noise it equals its base method", arguments: [ExplainedOutput.logit, .probability])
  func zeroNoiseIsTheBase(of output: ExplainedOutput) throws {
    let pairs: [(SmoothGrad, any SaliencyMethod)] = [
      (try SmoothGrad(.with { $0.base = .gradient; $0.samples = 5; $0.noise = 0; $0.of = output }), try Gradient(.with { $0.of = output })),
      (try SmoothGrad(.with { $0.base = .gradInput; $0.samples = 5; $0.noise = 0; $0.of = output }), try GradientTimesInput(.with { $0.of = output })),
    ]
    for (smooth, base) in pairs {
      for sequence in fixture.sequences {
        let a = try smooth.saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model)
        let b = try base.saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model)
        #expect(a.sign == b.sign)
        for (x, y) in zip(a.scores, b.scores) { #expect(abs(x - y) <= 1e-7 + 1e-5 * abs(y), "\(smooth.options.base) \(output)") }
      }
    }
  }

  @Test("the same seed gives the same scores; another seed other scores")
  func deterministic() throws {
    let sequence = fixture.sequences[3]
    let run = { (seed: UInt64) in
      try SmoothGrad(.with { $0.base = .gradInput; $0.seed = seed }).saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model)
    }
    #expect(try run(7) == run(7))
    #expect(try run(7).scores != run(8).scores)
  }

  @Test("the spread over seeds shrinks as the number of samples grows")
  func converges() throws {
    let sequence = fixture.sequences[2]
    func spread(samples: Int) throws -> Double {
      let runs = try (0..<8).map { seed in
        try SmoothGrad(.with { $0.base = .gradient; $0.samples = samples; $0.noise = 0.5; $0.seed = UInt64(seed) })
          .saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model).scores
      }
      // Mean over tokens of the variance over seeds.
      return sequence.tokens.indices.reduce(0.0) { total, t in
        let values = runs.map { $0[t] }
        let mean = values.reduce(0, +) / Double(values.count)
        return total + values.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
      } / Double(sequence.tokens.count)
    }
    let few = try spread(samples: 4), many = try spread(samples: 64)
    // The variance of a mean of S samples falls like 1/S: 16× here; ask for 4×. (The gradient norm is the
    // better-behaved base: grad-input at large σ has heavy tails, so 8 seeds estimate its variance poorly.)
    #expect(many < few / 4, "variance \(few) at 4 samples, \(many) at 64")
  }

  @Test("the default σ is 0.1 × the standard deviation of the sentence's embedding values, recorded in options")
  func defaultNoise() throws {
    let sequence = fixture.sequences[1]
    let values = sequence.numbers("embeddings")
    let mean = values.reduce(0, +) / Double(values.count)
    let std = (values.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    let map = try SmoothGrad(options: .init()).saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model)
    guard case .double(let sigma)? = map.options.fields.first(where: { $0.key == "noise" })?.value else {
      Issue.record("noise is not recorded as a number")
      return
    }
    #expect(abs(sigma - 0.1 * std) <= 1e-7 * std)
    #expect(map.options.fields.map(\.key) == ["base", "samples", "noise", "seed", "of"])
    #expect(map.sign == .unsigned && map.axiomGap == nil)
  }

  @Test("batched sentences give the one-by-one results")
  func batchedEqualsOneByOne() throws {
    try fixture.expectBatchedMatchesOneByOne(
      try SmoothGrad(.with { $0.base = .gradInput; $0.samples = 10; $0.seed = 3; $0.of = .probability }))
  }

  @Test("one-token and empty inputs")
  func tinyInputs() throws {
    #expect(try SmoothGrad(options: .init()).saliency(of: [42], target: 1, in: fixture.model).scores.allSatisfy(\.isFinite))
    #expect(try SmoothGrad(options: .init()).saliency(of: [], target: 1, in: fixture.model).scores.isEmpty)
  }

  @Test("invalid options are errors that say what to do")
  func validation() {
    #expect(throws: SaliencyOptionError.tooFewSamples(0)) { try SmoothGrad(.with { $0.samples = 0 }) }
    #expect(throws: SaliencyOptionError.invalidNoise(-0.1)) { try SmoothGrad(.with { $0.noise = -0.1 }) }
    #expect(throws: SaliencyOptionError.self) { try SmoothGrad(.with { $0.noise = .infinity }) }
    #expect(SaliencyOptionError.invalidNoise(-0.1).description.contains("≥ 0"))
  }
}
