import Foundation

/// Softmax, cross-entropy and the output gradients that training and explanation start from.
public enum Softmax {
  /// Row-wise softmax of [B, K] logits, computed stably (max subtracted) in Double.
  public static func probabilities(logits: [Float], classCount k: Int) -> [Float] {
    var result = [Float](repeating: 0, count: logits.count)
    for row in stride(from: 0, to: logits.count, by: k) {
      let slice = logits[row..<(row + k)]
      let maximum = Double(slice.max() ?? 0)
      let exps = slice.map { exp(Double($0) - maximum) }
      let total = exps.reduce(0, +)
      for (offset, value) in exps.enumerated() { result[row + offset] = Float(value / total) }
    }
    return result
  }

  /// Mean cross-entropy −(1/B)·Σ_b log p[b, y_b].
  public static func crossEntropy(probabilities: [Float], labels: [Int], classCount k: Int) -> Double {
    guard !labels.isEmpty else { return 0 }
    var total = 0.0
    for (b, label) in labels.enumerated() { total -= log(max(Double(probabilities[b * k + label]), 1e-30)) }
    return total / Double(labels.count)
  }

  /// ∂(mean cross-entropy)/∂logits = (p − onehot(y)) / B. [B, K]
  public static func crossEntropyGradient(probabilities: [Float], labels: [Int], classCount k: Int) -> [Float] {
    var gradient = probabilities
    let scale = 1 / Float(max(1, labels.count))
    for (b, label) in labels.enumerated() {
      gradient[b * k + label] -= 1
      for klass in 0..<k { gradient[b * k + klass] *= scale }
    }
    return gradient
  }
}

/// The scalar output F of one sequence that gradient-based explanations differentiate.
public enum ExplainedOutput: String, Sendable, CaseIterable, Codable {
  /// F = logits_k.
  case logit
  /// F = p_k = softmax(logits)_k.
  case probability

  /// F for class k of each sequence. [B]
  public func values(trace: ForwardTrace, targets: [Int]) -> [Double] {
    let k = trace.config.classCount
    let source = self == .logit ? trace.logits : trace.probabilities
    return targets.enumerated().map { b, target in Double(source[b * k + target]) }
  }

  /// ∂F/∂logits for each sequence with its own target class k: onehot(k) for a logit, p_k·(onehot(k) − p)
  /// for a probability. [B, K]
  public func logitGradient(trace: ForwardTrace, targets: [Int]) -> [Float] {
    let k = trace.config.classCount
    var gradient = [Float](repeating: 0, count: targets.count * k)
    for (b, target) in targets.enumerated() {
      switch self {
      case .logit:
        gradient[b * k + target] = 1
      case .probability:
        let pk = trace.probabilities[b * k + target]
        for klass in 0..<k {
          let p = trace.probabilities[b * k + klass]
          gradient[b * k + klass] = pk * ((klass == target ? 1 : 0) - p)
        }
      }
    }
    return gradient
  }
}
