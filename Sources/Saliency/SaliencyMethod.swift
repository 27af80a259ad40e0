import LSTMCore

/// One attribution method: the single owner of its id, its options and their defaults, their validation, its cost
/// and how it scores each token of a sequence. Adding a method is one file and one line in `SaliencyMethods.all`.
///
/// Methods never run their own LSTM loop or gate math: they call `Classifier.forward` and
/// `Classifier.inputGradients` (the one forward and the one backward).
public protocol SaliencyMethod: Sendable {
  /// The method's options: a flat `Codable` struct whose stored properties carry the defaults. A property named
  /// like a shared option (`MethodOption`, e.g. `erasure`) is that option: the method reads it and `--method`
  /// validation knows so. Maps record the options as used (e.g. the steps integrated gradients ended with).
  associatedtype Options: MethodOptions

  /// The id `--method` and the JSON use, e.g. `occlusion`.
  static var id: SaliencyMethodID { get }
  /// What the method is, for the code that schedules it.
  static var traits: MethodTraits { get }
  /// The work of one text of `tokens` tokens, in forward-pass token steps (one LSTM step of one token = 1), for
  /// progress and up-front estimates; not a timing.
  static func cost(tokens: Int, options: Options) -> Double

  var options: Options { get }
  /// - Precondition: `options` passed `validate()` (`Options(_:)` checks it).
  init(options: Options)

  /// The scores of `tokens` for class `target`; by default the one-text batch of the next.
  /// - Precondition: `target` is in 0..<K.
  func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap
  /// The scores of many sequences, batched (`PerTextMethod` loops over the texts instead).
  func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap]
  /// The scores of many sequences given their forward trace (`Classifier.forward(sequences)`), so several methods on
  /// the same texts share one forward pass; methods that perturb or rescale the input ignore it (the default).
  func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap]
}

/// A method that scores one text at a time (each text runs its own perturbations): it implements
/// `saliency(of:target:in:)`, and a run of several texts loops over them.
public protocol PerTextMethod: SaliencyMethod {}

extension PerTextMethod {
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    precondition(sequences.count == targets.count, "one target per sequence")
    return try zip(sequences, targets).map { try saliency(of: $0, target: $1, in: model) }
  }
}

/// A method read off the texts' forward trace: it implements `saliency(of:targets:reusing:in:)`, which shares one
/// `Classifier.forward` with the other methods on the same texts, and runs that pass itself when called alone.
public protocol TraceReadingMethod: SaliencyMethod {}

extension TraceReadingMethod {
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    try saliency(of: sequences, targets: targets, reusing: model.forward(sequences), in: model)
  }
}

extension SaliencyMethod {
  public var id: SaliencyMethodID { Self.id }

  /// The method configured from the shared options given (nil: the method's default).
  /// - Throws: `SaliencyOptionError` when a value is out of range for this method.
  public init(_ parameters: MethodParameters) throws(SaliencyOptionError) {
    self.init(options: try Options(parameters))
  }

  /// `cost(tokens:options:)` of this method's options.
  public func estimatedCost(tokens: Int) -> Double { Self.cost(tokens: tokens, options: options) }

  /// Every option at its default.
  public static var defaultOptions: Options { Options() }

  /// The shared options the method reads: its options' properties named like one (optional ones included).
  public static var reads: [MethodOption] { OptionFields.keys(of: defaultOptions).compactMap { MethodOption(rawValue: $0) } }

  public func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap {
    try saliency(of: [tokens], targets: [target], in: model)[0]
  }

  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    try saliency(of: sequences, targets: targets, in: model)
  }
}

/// A method's options (see `SaliencyMethod.Options`).
public protocol MethodOptions: Codable, Sendable, Equatable {
  /// Every option at its default.
  init()
  /// - Throws: `SaliencyOptionError` naming the command-line option and what to pass instead.
  func validate() throws(SaliencyOptionError)
  /// - Throws: `SaliencyOptionError` when the options need something `model` lacks (an `<unk>` token).
  func check(for model: Classifier) throws(SaliencyOptionError)
  /// Where a map's colours saturate on an absolute scale (see `ColorSaturation`), or nil when the method has
  /// no model-independent unit.
  func colorSaturation(of map: SaliencyMap) -> ColorSaturation?
}

extension MethodOptions {
  public func validate() throws(SaliencyOptionError) {}
  public func check(for model: Classifier) throws(SaliencyOptionError) {}

  /// The defaults overridden by the shared options given that these options have, then validated.
  /// - Throws: `SaliencyOptionError` from `validate()`.
  public init(_ parameters: MethodParameters) throws(SaliencyOptionError) {
    // The given values after the defaults: decoding keeps the last value of a key and reads only its own keys.
    let fields = OptionFields.encode(Self()) + parameters.fields
    do {
      self = try OptionFields.decode(Self.self, from: fields)
    } catch {
      preconditionFailure("\(Self.self) does not decode its own fields: \(error)")
    }
    try validate()
  }

  /// The options as ordered (key, value) pairs, for JSON and legends.
  public var fields: [OptionFields.Field] { OptionFields.encode(self) }

  /// `key=value, …` in declaration order, as legends and summaries show a map's options.
  public var summary: String { fields.map { "\($0.key)=\($0.value.text)" }.joined(separator: ", ") }

  func isEqual(to other: any MethodOptions) -> Bool { (other as? Self) == self }
}

/// A method's id as `--method` spells it (`occlusion`, `grad-input`, …); each method declares its own.
public struct SaliencyMethodID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// What a method is, for the code that schedules it.
public struct MethodTraits: OptionSet, Sendable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Runs the model on perturbed copies of the input: its cost grows with T², so runs that include it cut texts
  /// shorter by default.
  public static let perturbation = MethodTraits(rawValue: 1 << 0)
}

/// Every method, and what follows from the list.
public enum SaliencyMethods {
  /// Every method, in the order `--method all` runs them.
  public static let all: [any SaliencyMethod.Type] = [
    Trajectory.self, Gradient.self, GradientTimesInput.self, IntegratedGradients.self, SmoothGrad.self,
    Occlusion.self, LRP.self, Shapley.self, PrefixPrediction.self, EmbeddingNorm.self,
  ]

  /// The ids of `all`, in order.
  public static var ids: [SaliencyMethodID] { all.map { $0.id } }

  /// The method with this id, or nil.
  public static func named(_ id: SaliencyMethodID) -> (any SaliencyMethod.Type)? { all.first { $0.id == id } }
}

/// The shared command-line options that configure methods (`--erasure pad`, …). A method reads the ones its
/// options have a property for.
public enum MethodOption: String, CaseIterable, Sendable {
  case normalize, of, erasure, measure, window, baseline, steps, rule, tolerance, base, samples, noise, seed, epsilon

  /// The command-line flag, e.g. `--erasure`.
  public var flag: String { "--" + rawValue }

  /// The methods that read this option, in `SaliencyMethods.all` order.
  public var readers: [SaliencyMethodID] { SaliencyMethods.all.filter { $0.reads.contains(self) }.map { $0.id } }

  /// What the option sets, for help (the methods that read it are prefixed by the command line).
  public var meaning: String {
    switch self {
    case .normalize: "divide scores by ‖h_n‖ so they sum to 1"
    case .of: "differentiate the target's logit or probability"
    case .erasure: "how a token is erased"
    case .measure: "what is measured of the output: probability, logit, log-odds (shapley: not hidden-distance)"
    case .window: "erase this many consecutive tokens at a time"
    case .baseline: "the input the path starts from"
    case .steps: "path steps"
    case .rule: "the quadrature rule along the path"
    case .tolerance: "double the steps until |axiom gap| is below this"
    case .base: "the method averaged under noise"
    case .samples: "noise samples or sampled permutations"
    case .noise: "noise standard deviation (default 0.1 × the std of the text's embeddings)"
    case .seed: "seed of the random numbers"
    case .epsilon: "the epsilon stabiliser"
    }
  }
}

/// The shared options as given (nil: not given, so each method applies its own default). Typed: every value
/// was parsed and stays typed until a renderer writes it.
public struct MethodParameters: Sendable, Equatable, Codable {
  public var normalize: Bool?
  public var of: ExplainedOutput?
  public var erasure: Erasure?
  public var measure: PerturbationMeasure?
  public var window: Int?
  public var baseline: Erasure?
  public var steps: Int?
  public var rule: QuadratureRule?
  public var tolerance: Double?
  public var base: SmoothGrad.Base?
  public var samples: Int?
  public var noise: Double?
  public var seed: UInt64?
  public var epsilon: Double?

  public init() {}

  /// Parameters set in place, e.g. `Occlusion(.with { $0.measure = .logit })`.
  public static func with(_ set: (inout MethodParameters) -> Void) -> MethodParameters {
    var parameters = MethodParameters()
    set(&parameters)
    return parameters
  }

  /// The options given, as (key, value) pairs in declaration order.
  public var fields: [OptionFields.Field] { OptionFields.encode(self) }
  /// The options given.
  public var given: [MethodOption] { fields.compactMap { MethodOption(rawValue: $0.key) } }
}
