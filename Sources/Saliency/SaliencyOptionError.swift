import LSTMCore

/// A method option outside its valid range, or a combination of options that has no meaning. Each message names
/// the command-line option and says what to pass instead.
public enum SaliencyOptionError: Error, Equatable, CustomStringConvertible {
  /// A quadrature rule needs at least `rule.minimumSteps` nodes.
  case tooFewSteps(rule: QuadratureRule, steps: Int)
  /// A path method's baseline must keep the length of the input, so `remove` is not a baseline.
  case removeIsNotABaseline
  /// The `unk` erasure on a model without an `<unk>` token.
  case erasureNeedsUnknownToken
  /// The `unk` baseline on a model without an `<unk>` token.
  case baselineNeedsUnknownToken
  /// Occlusion erases at least one token at a time.
  case windowTooSmall(Int)
  /// The completeness tolerance must be a positive finite number.
  case invalidTolerance(Double)
  /// A sampling method draws at least one sample.
  case tooFewSamples(Int)
  /// More quadrature steps than ``IntegratedGradients/maximumSteps``: the cost grows with the steps and the
  /// integral has long converged.
  case tooManySteps(Int, maximum: Int)
  /// More samples than the method's maximum: the cost grows with the samples and the noise no longer falls.
  case tooManySamples(Int, maximum: Int)
  /// SmoothGrad's σ must be finite and ≥ 0.
  case invalidNoise(Double)
  /// LRP's ε must be finite and ≥ 0.
  case invalidEpsilon(Double)
  /// Shapley values need a scalar value per coalition: probability, logit or log-odds.
  case measureIsNotACoalitionValue(PerturbationMeasure)
  /// Log-odds log p_k/(1 − p_k) are infinite for a model with one class (p_k = 1).
  case logOddsNeedTwoClasses
  /// The largest input Shapley evaluates exactly (2^T coalitions) is bounded.
  case exactLimitOutOfRange(Int)

  public var description: String {
    switch self {
    case .tooFewSteps(let rule, let steps):
      return "--steps \(steps) is too few for --rule \(rule.rawValue): it needs at least \(rule.minimumSteps) "
        + "(the default is 50)"
    case .removeIsNotABaseline:
      return "--baseline remove would change the length of the input, so there is no straight path to it; "
        + "use --baseline pad, unk or zero"
    case .erasureNeedsUnknownToken:
      return "this model has no <unk> token, so the 'unk' erasure is undefined; use --erasure pad, zero or remove"
    case .baselineNeedsUnknownToken:
      return "this model has no <unk> token, so the 'unk' baseline is undefined; use --baseline pad or zero"
    case .windowTooSmall(let window):
      return "--window \(window) erases no token: give at least 1 (the default is 1)"
    case .invalidTolerance(let value):
      return "--tolerance \(value) is not a positive number; give the largest acceptable |axiom_gap|, e.g. 1e-4, "
        + "or leave it out"
    case .tooFewSamples(let samples):
      return "--samples \(samples) is too few: give at least 1 (more samples lower the sampling noise)"
    case .tooManySteps(let steps, let maximum):
      return "--steps \(steps) is more than \(maximum): the cost grows with every step and the integral has long "
        + "converged; give at most \(maximum), or --tolerance to double the steps only while the gap needs it"
    case .tooManySamples(let samples, let maximum):
      return "--samples \(samples) is more than \(maximum): the cost grows with every sample while the sampling noise "
        + "falls only as 1/√samples; give at most \(maximum)"
    case .invalidNoise(let value):
      return "--noise \(value) is not a standard deviation: give a number ≥ 0 (0 turns the noise off), or leave it "
        + "out for 0.1 × the standard deviation of the sentence's embeddings"
    case .invalidEpsilon(let value):
      return "--epsilon \(value) is not a valid stabiliser: give a number ≥ 0 (the default is 0.001)"
    case .measureIsNotACoalitionValue(let measure):
      return "--measure \(measure.rawValue) gives no value for a coalition of words, so it has no Shapley values; "
        + "use --measure probability, logit or log-odds"
    case .logOddsNeedTwoClasses:
      return "--measure log-odds needs a model with at least two classes (with one, p = 1 and the log-odds are "
        + "infinite); use --measure probability or logit"
    case .exactLimitOutOfRange(let limit):
      return "an exact-Shapley limit of \(limit) tokens is outside 0…\(Shapley.largestExactLimit) "
        + "(exact values cost 2^T forward passes)"
    }
  }
}
