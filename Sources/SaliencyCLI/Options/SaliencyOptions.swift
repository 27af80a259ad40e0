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
  /// Shared method options the command reads itself (`evaluate` erases tokens and draws random numbers), so
  /// they apply whatever the methods.
  static var ownOptions: [MethodOption] { get }
  /// `--max-tokens` when not given; nil leaves it to the methods (``MethodSettings/effectiveMaxTokens``).
  static var maxTokens: Int? { get }
  /// Whether `--target` applies (`evaluate` follows each text's predicted class, so it is not offered there).
  static var explainsTargets: Bool { get }
}

extension DefaultMethods {
  static var ownOptions: [MethodOption] { [] }
  static var maxTokens: Int? { nil }
  static var explainsTargets: Bool { true }
}

/// `explain`, `report` and `analyze` run the project's documented default (`DefaultExplanation`): occlusion in
/// log-odds.
enum DocumentedDefault: DefaultMethods {
  static let settings = DefaultExplanation.settings
  static let methodsHelp = settings.methods.map(\.rawValue).joined(separator: ",")
    + settings.parameters.fields.map { " with --\($0.key) \($0.value.text)" }.joined()
}

/// Which methods explain, and the shared options that configure them. Each option is declared here once; which
/// methods read it, its default and its range belong to the methods (`SaliencyMethod.Options`), and the help,
/// the "applies only to" checks and the recorded options are derived from them.
struct SaliencyOptions<Default: DefaultMethods>: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Methods, comma-separated, or all: \(SaliencyMethods.ids.map(\.rawValue).joined(separator: ", ")) (default: \(Default.methodsHelp)).", valueName: "method"))
  var method: String?

  @Option(name: .long, help: Default.explainsTargets ? "Explain this class label instead of the predicted one." : .private)
  var target: String?

  @Flag(name: .long, help: Self.help(.normalize)) var normalize = false
  @Option(name: .long, help: Self.help(.of)) var of: ExplainedOutput?
  @Option(name: .long, help: Self.help(.erasure)) var erasure: Erasure?
  @Option(name: .long, help: Self.help(.measure)) var measure: PerturbationMeasure?
  @Option(name: .long, help: Self.help(.window)) var window: Int?
  @Option(name: .long, help: Self.help(.baseline)) var baseline: Baseline?
  @Option(name: .long, help: Self.help(.steps)) var steps: Int?
  @Option(name: .long, help: Self.help(.rule)) var rule: QuadratureRule?
  @Option(name: .long, help: Self.help(.tolerance)) var tolerance: Double?
  @Option(name: .long, help: Self.help(.base)) var base: SmoothGrad.Base?
  @Option(name: .long, help: Self.help(.samples)) var samples: Int?
  @Option(name: .long, help: Self.help(.noise)) var noise: Double?
  @Option(name: .long, help: Self.help(.seed)) var seed: UInt64?
  @Option(name: .long, help: Self.help(.epsilon)) var epsilon: Double?

  @Option(name: .long, help: "Truncate longer inputs to this many tokens (default: \(Default.maxTokens.map { "\($0) for every method" } ?? "\(TokenLimit.short) with occlusion or shapley, else \(TokenLimit.long)")); truncated texts are marked \"truncated\": true.")
  var maxTokens: Int?

  @OptionGroup var threadOptions: ThreadOptions

  /// `readers: meaning (default …)`, e.g. `occlusion, shapley: how a token is erased (default pad)`, or with each
  /// method's default when they differ (`default 25 for smoothgrad, 200 for shapley`).
  private static func help(_ option: MethodOption) -> ArgumentHelp {
    let readers = option.readers
    let defaults = readers.map { id in
      (id, SaliencyMethods.named(id)?.defaultOptions.fields.first { $0.key == option.rawValue }?.value.text)
    }
    let shown: String
    if option == .normalize || defaults.allSatisfy({ $0.1 == nil }) {
      shown = ""
    } else if Set(defaults.map(\.1)).count == 1, let value = defaults[0].1 {
      shown = " (default \(value))"
    } else {
      shown = " (default " + defaults.map { "\($0.1 ?? "none") for \($0.0.rawValue)" }.joined(separator: ", ") + ")"
    }
    let own = Default.ownOptions.contains(option) ? "; evaluate reads it too" : ""
    return ArgumentHelp("\(readers.map(\.rawValue).joined(separator: ", ")): \(option.meaning)\(shown)\(own).")
  }

  /// The shared options given.
  var parameters: MethodParameters {
    .with {
      $0.normalize = normalize ? true : nil
      $0.of = of
      $0.erasure = erasure
      $0.measure = measure
      $0.window = window
      $0.baseline = baseline?.erasure
      $0.steps = steps
      $0.rule = rule
      $0.tolerance = tolerance
      $0.base = base
      $0.samples = samples
      $0.noise = noise
      $0.seed = seed
      $0.epsilon = epsilon
    }
  }

  /// The method ids, with `all` expanded; the default's without `--method`.
  func methodIDs() throws -> [SaliencyMethodID] {
    guard let method else { return Default.settings.methods }
    var ids: [SaliencyMethodID] = []
    for name in method.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if name == "all" {
        ids.append(contentsOf: SaliencyMethods.ids)
      } else if let type = SaliencyMethods.named(SaliencyMethodID(rawValue: name)) {
        ids.append(type.id)
      } else {
        throw ValidationError("Unknown method '\(name)'; choose from \(SaliencyMethods.ids.map(\.rawValue).joined(separator: ", ")), or all.")
      }
    }
    var seen = Set<SaliencyMethodID>()
    return ids.filter { seen.insert($0).inserted }
  }

  /// An option given without any method that reads it is a usage error that names the methods to add; a value
  /// out of a method's range is one too, with the method's message.
  func validate() throws {
    let ids = try methodIDs()
    if ids.isEmpty { throw ValidationError("--method needs at least one method id.") }
    if let maxTokens, maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1.") }
    for option in parameters.given where !Default.ownOptions.contains(option) {
      let readers = option.readers
      guard !ids.contains(where: readers.contains) else { continue }
      throw ValidationError("\(option.flag) applies only to \(readers.map(\.rawValue).joined(separator: " or ")), which "
        + "--method does not include; add one of them or drop the option.")
    }
    do {
      _ = try settings().makeMethods()
    } catch let error as SaliencyOptionError {
      throw ValidationError("\(error)")
    }
  }

  /// The settings that build the methods: without `--method` the command's default settings, else the methods
  /// named; then every option given.
  func settings() throws -> MethodSettings {
    let methods = try methodIDs()
    var settings = method == nil ? Default.settings : MethodSettings(methods: methods)
    settings.methods = methods
    settings.parameters = Self.merged(settings.parameters, parameters)
    settings.maxTokens = maxTokens ?? Default.maxTokens
    return settings
  }

  /// `base` with every option given in `given` put over it.
  private static func merged(_ base: MethodParameters, _ given: MethodParameters) -> MethodParameters {
    var fields = base.fields
    for field in given.fields {
      if let index = fields.firstIndex(where: { $0.key == field.key }) { fields[index] = field } else { fields.append(field) }
    }
    guard let merged = try? OptionFields.decode(MethodParameters.self, from: fields) else {
      preconditionFailure("method parameters decode their own fields")
    }
    return merged
  }

  /// The target choice for a model: `--target` must be one of its labels.
  func targetChoice(for model: TextModel) throws -> TargetChoice {
    guard let target else { return .predicted }
    guard let index = model.labelIndex(target) else {
      throw CommandError("--target \(target) is not a label of model \(model.name); its labels are \(model.labels.joined(separator: ", "))")
    }
    return .fixed(index)
  }

  var workerThreads: Int { threadOptions.workerThreads }
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
  static let maxTokens: Int? = TokenLimit.short
}
