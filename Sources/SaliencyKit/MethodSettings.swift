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
  /// `--max-tokens`; nil means each method's default (none for trajectory and gradient methods, 2,000 for
  /// perturbation methods).
  public var maxTokens: Int?

  public init() {}

  /// The default token limit of perturbation methods, whose cost grows with T².
  public static let perturbationTokenLimit = 2_000

  /// Methods this build implements, in the order `all` lists them.
  public static let implemented: [SaliencyMethodID] = [.trajectory, .gradient, .gradInput, .occlusion]

  /// The limit that applies to a run of these methods.
  public var effectiveMaxTokens: Int? {
    if let maxTokens { return maxTokens }
    return methods.contains(where: \.isPerturbation) ? Self.perturbationTokenLimit : nil
  }

  /// One configured method per id.
  public func makeMethods() throws -> [any SaliencyMethod] {
    try methods.map { id -> any SaliencyMethod in
      switch id {
      case .trajectory: return Trajectory(normalize: normalize)
      case .gradient: return Gradient(of: of)
      case .gradInput: return GradientTimesInput(of: of)
      case .occlusion: return Occlusion(erasure: erasure, measure: measure, window: window)
      case .integratedGradients, .smoothgrad, .lrp, .shapley, .prefixPrediction:
        throw MethodSettingsError.notImplemented(id)
      }
    }
  }
}

extension SaliencyMethodID {
  /// Methods that run the model on perturbed copies of the input.
  public var isPerturbation: Bool { self == .occlusion || self == .shapley }
}

/// A method the contract names but this build cannot run.
public enum MethodSettingsError: Error, Equatable, CustomStringConvertible {
  case notImplemented(SaliencyMethodID)

  public var description: String {
    switch self {
    case .notImplemented(let id):
      let available = MethodSettings.implemented.map(\.rawValue).joined(separator: ", ")
      return "method '\(id.rawValue)' is not available in this build; choose one of: \(available)"
    }
  }
}
