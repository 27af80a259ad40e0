import Foundation
import ArgumentParser
import LSTMCore
import Saliency
import SaliencyKit

/// What a command does with the method options beyond the methods themselves.
protocol DefaultMethods {
  /// The settings it runs when `--method` is not given (the options given on the command line override them).
  static var settings: MethodSettings { get }
  /// `--method` as help shows its default, e.g. `all`.
  static var methodsHelp: String { get }
  /// True when the command erases tokens itself (`evaluate`), so `--erasure` applies whatever the methods.
  static var erasesTokens: Bool { get }
  /// `--max-tokens` when not given; nil leaves it to the methods (``MethodSettings/effectiveMaxTokens``).
  static var maxTokens: Int? { get }
  /// Whether `--target` applies (`evaluate` follows each text's predicted class, so it is not offered there).
  static var explainsTargets: Bool { get }
}

extension DefaultMethods {
  static var maxTokens: Int? { nil }
  static var explainsTargets: Bool { true }
}

/// `explain`, `report` and `analyze` run the project's documented default (`DefaultExplanation`): occlusion in
/// log-odds.
enum DocumentedDefault: DefaultMethods {
  static let settings = DefaultExplanation.settings
  static let methodsHelp = settings.methods.map(\.rawValue).joined(separator: ",") + " with --measure " + settings.measure.rawValue
  static let erasesTokens = false
}

/// Which methods explain, and their options (see the method table of the interface contract).
struct SaliencyOptions<Default: DefaultMethods>: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Methods, comma-separated, or all: \(MethodSettings.implemented.map(\.rawValue).joined(separator: ", ")) (default: \(Default.methodsHelp)).", valueName: "method"))
  var method: String?

  @Option(name: .long, help: Default.explainsTargets ? "Explain this class label instead of the predicted one." : .private)
  var target: String?

  @Flag(name: .long, help: "trajectory: divide scores by ‖h_n‖ so they sum to 1.")
  var normalize = false

  @Option(name: .long, help: "Gradient methods differentiate the target's logit or probability.")
  var of: ExplainedOutput?

  @Option(name: .long, help: "Perturbation methods: how a token is erased.")
  var erasure: Erasure?

  @Option(name: .long, help: "Perturbation methods: probability (the default with --method), logit, log-odds or hidden-distance.")
  var measure: PerturbationMeasure?

  @Option(name: .long, help: "occlusion: erase this many consecutive tokens at a time.")
  var window: Int?

  @Option(name: .long, help: "integrated-gradients: the baseline the path starts from.")
  var baseline: Baseline?

  @Option(name: .long, help: "integrated-gradients: path steps (default 50).")
  var steps: Int?

  @Option(name: .long, help: "integrated-gradients: the quadrature rule along the path.")
  var rule: QuadratureRule?

  @Option(name: .long, help: "integrated-gradients: double the steps until |axiom gap| is below this.")
  var tolerance: Double?

  @Option(name: .long, help: "smoothgrad: the method averaged under noise.")
  var base: SmoothGrad.Base?

  @Option(name: .long, help: "smoothgrad: noise samples (25); shapley: permutations when sampling (200).")
  var samples: Int?

  @Option(name: .long, help: "smoothgrad: noise standard deviation (default 0.1 × the std of the embeddings).")
  var noise: Double?

  @Option(name: .long, help: "lrp: the epsilon stabiliser (0.001).")
  var epsilon: Double?

  @Option(name: .long, help: "Truncate longer inputs to this many tokens (default: \(Default.maxTokens.map { "\($0) for every method" } ?? "\(MethodSettings.perturbationTokenLimit) with occlusion or shapley, else \(MethodSettings.tokenLimit)")); truncated texts are marked \"truncated\": true.")
  var maxTokens: Int?

  @Option(name: .long, help: "Seed for sampling methods.")
  var seed: UInt64 = 0

  @Option(name: .long, help: "Worker threads (default: all cores).")
  var threads: Int?

  /// The method ids, with `all` expanded; the default's without `--method`.
  func methodIDs() throws -> [SaliencyMethodID] {
    guard let method else { return Default.settings.methods }
    var ids: [SaliencyMethodID] = []
    for name in method.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if name == "all" {
        ids.append(contentsOf: MethodSettings.implemented)
      } else if let id = SaliencyMethodID(rawValue: name) {
        ids.append(id)
      } else {
        throw ValidationError("Unknown method '\(name)'; choose from \(SaliencyMethodID.allCases.map(\.rawValue).joined(separator: ", ")), or all.")
      }
    }
    var seen = Set<SaliencyMethodID>()
    return ids.filter { seen.insert($0).inserted }
  }

  func validate() throws {
    let ids = try methodIDs()
    if ids.isEmpty { throw ValidationError("--method needs at least one method id.") }
    if let window, window < 1 { throw ValidationError("--window must be at least 1.") }
    if let maxTokens, maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1.") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
    try require(measure == nil && (erasure == nil || Default.erasesTokens), by: ids, anyOf: [.occlusion, .shapley],
                options: "--erasure and --measure")
    try require(window == nil, by: ids, anyOf: [.occlusion], options: "--window")
    try require(!normalize, by: ids, anyOf: [.trajectory], options: "--normalize")
    try require(of == nil, by: ids, anyOf: [.gradient, .gradInput, .integratedGradients, .smoothgrad], options: "--of")
    try require(baseline == nil && steps == nil && rule == nil && tolerance == nil, by: ids, anyOf: [.integratedGradients],
                options: "--baseline, --steps, --rule and --tolerance")
    try require(base == nil && noise == nil, by: ids, anyOf: [.smoothgrad], options: "--base and --noise")
    try require(samples == nil, by: ids, anyOf: [.smoothgrad, .shapley], options: "--samples")
    try require(epsilon == nil, by: ids, anyOf: [.lrp], options: "--epsilon")
    if measure == .hiddenDistance, ids.contains(.shapley) {
      throw ValidationError("--measure hidden-distance is not a coalition value; use probability, logit or log-odds with shapley.")
    }
    do {
      _ = try settings().makeMethods()
    } catch let error as SaliencyOptionError {
      throw ValidationError("\(error)")
    }
  }

  /// An option given without any method that reads it is a usage error that names the methods to add.
  private func require(_ absent: Bool, by ids: [SaliencyMethodID], anyOf readers: [SaliencyMethodID], options: String) throws {
    guard !absent, !ids.contains(where: readers.contains) else { return }
    let names = readers.map(\.rawValue).joined(separator: " or ")
    throw ValidationError("\(options) apply only to \(names), which --method does not include; add one of them or drop the option.")
  }

  /// The settings that build the methods: without `--method` the command's default settings, else
  /// `MethodSettings`' defaults; then every option given.
  func settings() throws -> MethodSettings {
    var settings = method == nil ? Default.settings : MethodSettings()
    settings.methods = try methodIDs()
    settings.normalize = normalize
    if let of { settings.of = of }
    if let erasure { settings.erasure = erasure }
    if let measure { settings.measure = measure }
    if let window { settings.window = window }
    if let baseline { settings.baseline = baseline.erasure }
    if let steps { settings.steps = steps }
    if let rule { settings.rule = rule }
    settings.tolerance = tolerance
    if let base { settings.base = base }
    settings.samples = samples
    settings.noise = noise
    settings.seed = seed
    if let epsilon { settings.epsilon = epsilon }
    settings.maxTokens = maxTokens ?? Default.maxTokens
    return settings
  }

  /// The target choice for a model: `--target` must be one of its labels.
  func targetChoice(for model: TextModel) throws -> TargetChoice {
    guard let target else { return .predicted }
    guard let index = model.labelIndex(target) else {
      throw CommandError("--target \(target) is not a label of model \(model.name); its labels are \(model.labels.joined(separator: ", "))")
    }
    return .fixed(index)
  }

  var workerThreads: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}

extension ExplainedOutput: ExpressibleByArgument {}
extension Erasure: ExpressibleByArgument {}
extension PerturbationMeasure: ExpressibleByArgument {}
extension QuadratureRule: ExpressibleByArgument {}
extension SmoothGrad.Base: ExpressibleByArgument {}

/// `--baseline`: an erasure that keeps the input's length (a path needs two inputs of one shape, so `remove` is
/// not offered).
enum Baseline: String, ExpressibleByArgument, CaseIterable {
  case pad, unk, zero

  var erasure: Erasure {
    switch self {
    case .pad: .pad
    case .unk: .unk
    case .zero: .zero
    }
  }
}

/// `analyze` runs the documented default and cuts every text at 2,000 tokens whatever the methods, so one
/// runaway row cannot take gigabytes of state.
enum AnalyzeDefaults: DefaultMethods {
  static let settings = DocumentedDefault.settings
  static let methodsHelp = DocumentedDefault.methodsHelp
  static let erasesTokens = false
  static let maxTokens: Int? = 2_000
}
