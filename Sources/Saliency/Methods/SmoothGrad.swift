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

  public static let id = SaliencyMethodID(rawValue: "smoothgrad")
  public static let traits: MethodTraits = []

  public struct Options: MethodOptions {
    /// The method averaged under noise (`--base`).
    public var base = Base.gradient
    /// S, the number of noisy copies (`--samples`).
    public var samples = 25
    /// σ (`--noise`); nil means `defaultNoiseFraction` × the standard deviation of the sentence's embedding
    /// values. A map records the σ it used.
    public var noise: Double?
    public var seed: UInt64 = 0
    /// F, the output differentiated (`--of`).
    public var of = ExplainedOutput.logit

    public init() {}

    /// - Throws: for fewer than one or more than `maximumSamples` samples, or a negative or non-finite σ.
    public func validate() throws(SaliencyOptionError) {
      guard samples >= 1 else { throw .tooFewSamples(samples) }
      guard samples <= SmoothGrad.maximumSamples else { throw .tooManySamples(samples, maximum: SmoothGrad.maximumSamples) }
      if let noise, !(noise >= 0 && noise.isFinite) { throw .invalidNoise(noise) }
    }

    /// Averaged grad-input is a share of F; averaged ‖∂F/∂e_t‖ has no model-independent unit.
    public func colorSaturation(of map: SaliencyMap) -> ColorSaturation? { base == .gradInput ? of.colorSaturation : nil }
  }

  public let options: Options
  public init(options: Options) { self.options = options }

  /// The default σ as a fraction of the standard deviation of e.
  public static let defaultNoiseFraction = 0.1
  /// The most noise samples (`--samples`): each is a forward and backward pass.
  public static let maximumSamples = 10_000

  /// A forward and a backward pass per noisy copy.
  public static func cost(tokens: Int, options: Options) -> Double { 2 * Double(tokens) * Double(options.samples) }

  /// The noisy copies of all sentences share packed passes.
  /// - Complexity: `samples` forward and input-only backward passes per sentence.
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    precondition(sequences.count == targets.count, "one target per sequence")
    let (base, samples, noise, seed, of) = (options.base, options.samples, options.noise, options.seed, options.of)
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
      var used = options
      used.noise = sigmas[s]
      return SaliencyMap(
        method: id, target: targets[s], sign: base == .gradient ? .unsigned : .supportsTarget, options: used,
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
