import LSTMCore

/// How a perturbation method erases a token, and how a path method builds its baseline (`--erasure`,
/// `--baseline`).
public enum Erasure: String, Sendable, CaseIterable, Codable {
  /// Drop the position: the sequence gets shorter.
  case remove
  /// Token id 0, `<pad>`, whose embedding row is zero and frozen; the LSTM still steps over it.
  case pad
  /// Token id 1, `<unk>`.
  case unk
  /// A zero embedding vector at that step (equal to `pad` when the `<pad>` row is zero).
  case zero

  /// The embedded input of `tokens` with the positions in `erased` erased. Returns X [T′, E] with T′ = T, or
  /// fewer for `remove`.
  func embedded(_ tokens: [Int], erasing erased: Set<Int>, in model: Classifier) throws -> [Float] {
    let e = model.config.embeddingSize
    let kept: [Int]
    switch self {
    case .remove: kept = tokens.indices.filter { !erased.contains($0) }.map { tokens[$0] }
    case .pad: kept = tokens.indices.map { erased.contains($0) ? model.specialIds.pad : tokens[$0] }
    case .unk:
      guard let unk = model.specialIds.unk else { throw SaliencyError.modelHasNoUnknownToken }
      kept = tokens.indices.map { erased.contains($0) ? unk : tokens[$0] }
    case .zero: kept = tokens
    }
    var inputs = try model.embed([kept]).inputs
    if self == .zero {
      for position in erased { inputs.replaceSubrange((position * e)..<((position + 1) * e), with: repeatElement(0, count: e)) }
    }
    return inputs
  }
}
