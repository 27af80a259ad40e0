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

  /// - Throws: `SaliencyOptionError.erasureNeedsUnknownToken` for `unk` on a model without `<unk>`.
  func check(for model: Classifier) throws(SaliencyOptionError) {
    if self == .unk, model.specialIds.unk == nil { throw .erasureNeedsUnknownToken }
  }

  /// The embedding that takes an erased token's place [E], or nil for `remove`.
  func replacement(in model: Classifier) throws -> [Float]? {
    let e = model.config.embeddingSize
    let table = model.tensor(.embedding)
    func row(_ id: Int) -> [Float] { Array(table[(table.startIndex + id * e)..<(table.startIndex + (id + 1) * e)]) }
    switch self {
    case .remove: return nil
    case .pad: return row(model.specialIds.pad)
    case .unk:
      guard let unk = model.specialIds.unk else { throw SaliencyOptionError.erasureNeedsUnknownToken }
      return row(unk)
    case .zero: return [Float](repeating: 0, count: e)
    }
  }

  /// `rows` [T, width] with the rows in `erased` replaced by `replacement` [width], or dropped when it is nil.
  static func rows(_ rows: ArraySlice<Float>, width: Int, erasing erased: Set<Int>, replacement: [Float]?) -> [Float] {
    let count = rows.count / width
    var result: [Float] = []
    result.reserveCapacity(rows.count)
    for position in 0..<count {
      if !erased.contains(position) {
        let start = rows.startIndex + position * width
        result.append(contentsOf: rows[start..<(start + width)])
      } else if let replacement {
        result.append(contentsOf: replacement)
      }
    }
    return result
  }

  /// The embedded input of `tokens` with the positions in `erased` erased. Returns X [T′, E] with T′ = T, or
  /// fewer for `remove`.
  func embedded(_ tokens: [Int], erasing erased: Set<Int>, in model: Classifier) throws -> [Float] {
    let inputs = try model.embed([tokens]).inputs
    return Self.rows(inputs[...], width: model.config.embeddingSize, erasing: erased, replacement: try replacement(in: model))
  }
}
