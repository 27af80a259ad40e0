import LSTMCore
import Saliency

/// The methods a run explains with, and the shared options given for them (each method applies its own defaults
/// to the rest).
public struct MethodSettings: Sendable, Equatable {
  public var methods: [SaliencyMethodID]
  public var parameters: MethodParameters
  /// `--max-tokens`; nil means the default of the methods chosen (``effectiveMaxTokens``).
  public var maxTokens: Int?

  public init(methods: [SaliencyMethodID], parameters: MethodParameters = MethodParameters(), maxTokens: Int? = nil) {
    self.methods = methods
    self.parameters = parameters
    self.maxTokens = maxTokens
  }

  /// The method types, in the order given.
  /// - Precondition: every id is in `SaliencyMethods.all` (the command line checks the names it parses).
  public var methodTypes: [any SaliencyMethod.Type] {
    methods.map { id in
      guard let type = SaliencyMethods.named(id) else { preconditionFailure("no method \(id)") }
      return type
    }
  }

  /// The limit that applies to a run of these methods.
  public var effectiveMaxTokens: Int {
    if let maxTokens { return maxTokens }
    return methodTypes.contains { $0.traits.contains(.perturbation) }
      ? TokenLimit.short : TokenLimit.long
  }

  /// One configured method per id.
  /// - Throws: `SaliencyOptionError` when an option is out of range for its method.
  public func makeMethods() throws(SaliencyOptionError) -> [any SaliencyMethod] {
    var made: [any SaliencyMethod] = []
    for type in methodTypes { made.append(try type.init(parameters)) }
    return made
  }

  /// - Throws: `SaliencyOptionError` when a method's options need something `model` lacks (an `<unk>` token).
  public func check(for model: Classifier) throws(SaliencyOptionError) {
    for method in try makeMethods() { try method.options.check(for: model) }
  }
}
