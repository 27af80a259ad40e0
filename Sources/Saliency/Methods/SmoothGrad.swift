import LSTMCore

/// SmoothGrad (Smilkov et al. 2017): the mean of a gradient method's per-token score over noisy copies of the
/// embedded input, ẽ^(s) = e + σ·z^(s) with z^(s) ~ N(0, 1) per entry [T, E], s = 1…S:
///
///     base gradient:    score_t = (1/S) Σ_s ‖∂F/∂e_t(ẽ^(s))‖₂                        (unsigned)
///     base grad-input:  score_t = (1/S) Σ_s Σ_d ∂F/∂e_{t,d}(ẽ^(s)) · ẽ^(s)_{t,d}     (supports target if > 0)
///
/// Grad-input multiplies by the *noisy* input, as Captum's NoiseTunnel does around InputXGradient.
/// σ is `noise`, or 0.1 × the standard deviation of the sentence's T·E embedding values (population
/// formula) when nil; the map's `noise` option records the σ used. Noise of sample s comes from the s-th
/// `split()` of `SplitMix64(seed:)`, drawn row by row, so a seed fixes the scores, and a sentence gets the same
/// scores alone or in a batch. All samples of a sentence run as one packed batch (see `GradientSweep`).
public struct SmoothGrad: SaliencyMethod {
  /// The method averaged under noise (`--base`).
  public enum Base: String, Sendable, CaseIterable, Codable {
    /// ‖∂F/∂e_t‖₂.
    case gradient
    /// Σ_d ∂F/∂e_{t,d} · e_{t,d}.
    case gradInput = "grad-input"
  }

  public let id = SaliencyMethodID.smoothgrad
  public let base: Base
  /// S, the number of noisy copies.
  public let samples: Int
  /// σ; nil means `defaultNoiseFraction` × the standard deviation of the sentence's embedding values.
  public let noise: Double?
  public let seed: UInt64
  public let of: ExplainedOutput

  /// The default σ as a fraction of the standard deviation of e.
  public static let defaultNoiseFraction = 0.1
  /// The most noise samples (`--samples`): each is a forward and backward pass.
  public static let maximumSamples = 10_000

  /// - Throws: `SaliencyOptionError` for fewer than one sample or a negative or non-finite σ.
  public init(base: Base = .gradient, samples: Int = 25, noise: Double? = nil, seed: UInt64 = 0,
              of: ExplainedOutput = .logit) throws(SaliencyOptionError) {
    guard samples >= 1 else { throw .tooFewSamples(samples) }
    guard samples <= Self.maximumSamples else { throw .tooManySamples(samples, maximum: Self.maximumSamples) }
    if let noise, !(noise >= 0 && noise.isFinite) { throw .invalidNoise(noise) }
    self.base = base
    self.samples = samples
    self.noise = noise
    self.seed = seed
    self.of = of
  }

  public func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap {
    try saliency(of: [tokens], targets: [target], in: model)[0]
  }

  /// The noisy copies of all sentences share packed passes.
  /// - Complexity: `samples` forward and input-only backward passes per sentence.
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    precondition(sequences.count == targets.count, "one target per sequence")
    let e = model.config.embeddingSize
    let inputs = try sequences.map { try model.embed([$0]).inputs }
    let sigmas = inputs.map { noise ?? Self.defaultNoiseFraction * Self.standardDeviation($0) }
    var generators: [SplitMix64] = []
    var root = SplitMix64(seed: seed)
    for _ in 0..<samples { generators.append(root.split()) }
    // One copy per (sentence, sample) of every non-empty sentence.
    var copies: [(sentence: Int, sample: Int)] = []
    for (s, x) in inputs.enumerated() where !x.isEmpty { copies += (0..<samples).map { (sentence: s, sample: $0) } }
    var sums = inputs.map { [Double](repeating: 0, count: $0.count / e) }
    GradientSweep(model: model, output: of).run(
      lengths: copies.map { inputs[$0.sentence].count / e },
      targets: copies.map { targets[$0.sentence] },
      input: { copy in
        let (s, sample) = copies[copy]
        var generator = generators[sample]
        let sigma = Float(sigmas[s])
        return inputs[s].map { $0 + sigma * generator.nextGaussian() }
      },
      visit: { copy, noisy, gradient in
        let s = copies[copy].sentence
        for step in sums[s].indices {
          let range = (step * e)..<((step + 1) * e)
          switch base {
          case .gradient:
            sums[s][step] += range.reduce(0.0) { $0 + Double(gradient[$1]) * Double(gradient[$1]) }.squareRoot()
          case .gradInput:
            sums[s][step] += range.reduce(0.0) { $0 + Double(gradient[$1]) * Double(noisy[$1]) }
          }
        }
      })
    return sequences.indices.map { s in
      SaliencyMap(
        method: id, target: targets[s], sign: base == .gradient ? .unsigned : .supportsTarget,
        options: [("base", .string(base.rawValue)), ("samples", .int(samples)), ("noise", .double(sigmas[s])),
                  ("seed", .seed(seed)), ("of", .string(of.rawValue))],
        scores: sums[s].map { $0 / Double(samples) }, axiomGap: nil)
    }
  }

  /// The population standard deviation of all values (0 for none).
  private static func standardDeviation(_ values: [Float]) -> Double {
    guard !values.isEmpty else { return 0 }
    let count = Double(values.count)
    let mean = values.reduce(0.0) { $0 + Double($1) } / count
    return (values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count).squareRoot()
  }
}
