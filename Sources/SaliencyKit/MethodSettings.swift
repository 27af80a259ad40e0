import LSTMCore
import Saliency

/// The options of every method, as the command line gives them, and the methods they make.
public struct MethodSettings: Sendable, Equatable {
  public var methods: [SaliencyMethodID] = [.trajectory]
  public var normalize = false
  public var of = ExplainedOutput.logit
  public var erasure = Erasure.pad
  public var measure = PerturbationMeasure.probability
  public var window = 1
  public var baseline = Erasure.pad
  public var steps = 50
  public var rule = QuadratureRule.gaussLegendre
  public var tolerance: Double?
  public var base = SmoothGrad.Base.gradient
  /// `--samples`; nil means each method's default (SmoothGrad 25, Shapley 200).
  public var samples: Int?
  public var noise: Double?
  public var seed: UInt64 = 0
  public var epsilon = 0.001
  /// `--max-tokens`; nil means the default of the methods chosen (``effectiveMaxTokens``).
  public var maxTokens: Int?

  public init() {}

  /// The default token limit of perturbation methods, whose cost grows with T².
  public static let perturbationTokenLimit = 2_000
  /// The default token limit of every other method and of `score`: their memory grows with T (a forward
  /// trace of about 6H floats per token, and as much again for a backward pass), so one 10 MB line must not
  /// be run whole. 10,000 tokens of a model with H = 256 take about 130 MB.
  public static let tokenLimit = 10_000

  /// Every method, in the order `all` lists them.
  public static let implemented: [SaliencyMethodID] = [
    .trajectory, .gradient, .gradInput, .integratedGradients, .smoothgrad, .occlusion, .lrp, .shapley, .prefixPrediction,
  ]

  /// The limit that applies to a run of these methods.
  public var effectiveMaxTokens: Int {
    if let maxTokens { return maxTokens }
    return methods.contains(where: \.isPerturbation) ? Self.perturbationTokenLimit : Self.tokenLimit
  }

  /// One configured method per id.
  /// - Throws: `SaliencyOptionError` when an option is out of range for its method.
  public func makeMethods() throws(SaliencyOptionError) -> [any SaliencyMethod] {
    var made: [any SaliencyMethod] = []
    for id in methods {
      switch id {
      case .trajectory: made.append(Trajectory(normalize: normalize))
      case .gradient: made.append(Gradient(of: of))
      case .gradInput: made.append(GradientTimesInput(of: of))
      case .integratedGradients:
        made.append(try IntegratedGradients(baseline: baseline, steps: steps, rule: rule, of: of, tolerance: tolerance))
      case .smoothgrad: made.append(try SmoothGrad(base: base, samples: samples ?? 25, noise: noise, seed: seed, of: of))
      case .occlusion: made.append(Occlusion(erasure: erasure, measure: measure, window: window))
      case .lrp: made.append(try LRP(epsilon: epsilon))
      case .shapley:
        made.append(try Shapley(erasure: erasure, measure: measure == .hiddenDistance ? .probability : measure,
                                samples: samples ?? 200, seed: seed))
      case .prefixPrediction: made.append(PrefixPrediction())
      }
    }
    return made
  }
}

extension SaliencyMethodID {
  /// Methods that run the model on perturbed copies of the input.
  public var isPerturbation: Bool { self == .occlusion || self == .shapley }
  /// Methods that draw random numbers (`--seed`, `--samples`).
  public var isSampling: Bool { self == .smoothgrad || self == .shapley }
  /// Methods that differentiate the output (`--of`).
  public var isGradient: Bool { self == .gradient || self == .gradInput || self == .integratedGradients || self == .smoothgrad }
}
