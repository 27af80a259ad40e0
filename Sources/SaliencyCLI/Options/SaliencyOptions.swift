import Foundation
import ArgumentParser
import LSTMCore
import Saliency
import SaliencyKit

/// Which methods explain, and their options (see the method table of the interface contract).
struct SaliencyOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Methods, comma-separated, or all: \(MethodSettings.implemented.map(\.rawValue).joined(separator: ", ")).", valueName: "method"))
  var method: String = SaliencyMethodID.trajectory.rawValue

  @Option(name: .long, help: "Explain this class label instead of the predicted one.")
  var target: String?

  @Flag(name: .long, help: "trajectory: divide scores by ‖h_n‖ so they sum to 1.")
  var normalize = false

  @Option(name: .long, help: "Gradient methods differentiate the target's logit or probability.")
  var of: ExplainedOutput?

  @Option(name: .long, help: "Perturbation methods: how a token is erased (remove, pad, unk, zero).")
  var erasure: Erasure?

  @Option(name: .long, help: "Perturbation methods: probability, logit or hidden-distance.")
  var measure: PerturbationMeasure?

  @Option(name: .long, help: "occlusion: erase this many consecutive tokens at a time.")
  var window: Int?

  @Option(name: .long, help: "Truncate longer inputs to this many tokens (default: none for trajectory and gradient methods, 2000 for perturbation methods).")
  var maxTokens: Int?

  @Option(name: .long, help: "Seed for sampling methods.")
  var seed: UInt64 = 0

  @Option(name: .long, help: "Worker threads (default: all cores).")
  var threads: Int?

  /// The method ids, with `all` expanded.
  func methodIDs() throws -> [SaliencyMethodID] {
    var ids: [SaliencyMethodID] = []
    for name in method.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if name == "all" {
        ids.append(contentsOf: MethodSettings.implemented)
      } else if let id = SaliencyMethodID(rawValue: name) {
        guard MethodSettings.implemented.contains(id) else {
          throw ValidationError("Method '\(name)' is not available in this build yet; choose from \(MethodSettings.implemented.map(\.rawValue).joined(separator: ", ")).")
        }
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
    let perturbation = ids.contains(where: \.isPerturbation)
    if !perturbation, erasure != nil || measure != nil || window != nil {
      throw ValidationError("--erasure, --measure and --window apply to occlusion (or shapley); add --method occlusion or drop them.")
    }
    if normalize, !ids.contains(.trajectory) {
      throw ValidationError("--normalize applies to the trajectory method; add --method trajectory or drop it.")
    }
    if of != nil, !ids.contains(where: { $0 == .gradient || $0 == .gradInput }) {
      throw ValidationError("--of applies to gradient methods (gradient, grad-input); add one or drop --of.")
    }
  }

  /// The settings that build the methods.
  func settings() throws -> MethodSettings {
    var settings = MethodSettings()
    settings.methods = try methodIDs()
    settings.normalize = normalize
    if let of { settings.of = of }
    if let erasure { settings.erasure = erasure }
    if let measure { settings.measure = measure }
    if let window { settings.window = window }
    settings.maxTokens = maxTokens
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
