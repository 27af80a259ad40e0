import LSTMCore

/// One attribution method: a struct holding its options that scores each token of a sequence.
///
/// Methods never run their own LSTM loop or gate math: they call `Classifier.forward` and
/// `Classifier.inputGradients` (the one forward and the one backward).
public protocol SaliencyMethod: Sendable {
  var id: SaliencyMethodID { get }
  /// The scores of `tokens` for class `target`.
  /// - Precondition: `target` is in 0..<K.
  func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap
  /// The scores of many sequences; the default loops over `saliency(of:target:in:)`, fast methods batch.
  func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap]
  /// The scores of many sequences given their forward trace (`Classifier.forward(sequences)`), so several methods on
  /// the same texts share one forward pass; methods that perturb or rescale the input ignore it (the default).
  func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap]
}

extension SaliencyMethod {
  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    precondition(sequences.count == targets.count, "one target per sequence")
    return try zip(sequences, targets).map { try saliency(of: $0, target: $1, in: model) }
  }

  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    try saliency(of: sequences, targets: targets, in: model)
  }
}

/// Errors a saliency method reports for inputs it cannot handle.
public enum SaliencyError: Error, Equatable, CustomStringConvertible {
  case modelHasNoUnknownToken

  public var description: String {
    switch self {
    case .modelHasNoUnknownToken:
      return "this model has no <unk> token, so the 'unk' erasure is undefined; use --erasure pad, zero or remove"
    }
  }
}
