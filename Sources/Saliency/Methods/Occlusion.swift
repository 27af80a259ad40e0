import LSTMCore

/// What a perturbation method measures of the model's output (`--measure`).
public enum PerturbationMeasure: String, Sendable, CaseIterable, Codable {
  /// p_k.
  case probability
  /// logits_k.
  case logit
  /// h_T itself: the score is ‖h_T − h_T(perturbed)‖₂ (unsigned, class-independent).
  case hiddenDistance = "hidden-distance"
}

/// Leave-one-out occlusion: score_t = F(x) − F(x with token t erased); positive means erasing the token lowers
/// the target's probability (or logit), so the token supports it. With `--window w`, each window of w tokens is
/// erased at once and a token's score is the mean over the windows that cover it.
/// All perturbations of a sentence run through the model as one packed batch.
public struct Occlusion: SaliencyMethod {
  public let id = SaliencyMethodID.occlusion
  public var erasure: Erasure
  public var measure: PerturbationMeasure
  public var window: Int

  /// - Precondition: `window >= 1`.
  public init(erasure: Erasure = .pad, measure: PerturbationMeasure = .probability, window: Int = 1) {
    precondition(window >= 1, "the occlusion window covers at least one token")
    self.erasure = erasure
    self.measure = measure
    self.window = window
  }

  /// Each perturbation starts from the original text's LSTM state just before its window, so only the suffix
  /// runs again (about T²/2 token steps for a text of T tokens instead of T²), and reuses the text's input
  /// projection, so each of those steps costs only the recurrent product.
  public func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap {
    let length = tokens.count
    let width = min(window, max(1, length))
    let windowStarts = length == 0 ? [] : Array(0...(length - width))
    // The text and its perturbations share one input projection; an erased row is the projection of its replacement.
    let (batch, inputs) = try model.embed([tokens])
    let projection = model.inputProjection(of: inputs)
    let original = model.forward(batch: batch, projectedInputs: projection)
    let hidden = original.hiddenStates(ofSequence: 0), cells = original.cellStates(ofSequence: 0)
    let g4 = model.config.gateWidth
    let replacement = try erasure.replacement(in: model).map { model.inputProjection(of: $0) }
    let lengths = windowStarts.map { start in erasure == .remove ? length - start - width : length - start }
    let outputs = BatchedOutputs(
      lengths: lengths, kind: .projected, keepFinalHidden: measure == .hiddenDistance, model: model,
      fillRow: { index, step, row in
        // Perturbation `index` runs from its window's start: the window's rows replaced (or, for remove, skipped).
        let start = windowStarts[index]
        if let replacement {
          if step < width {
            replacement.withUnsafeBufferPointer { row.update(from: $0.baseAddress.unsafelyUnwrapped, count: g4) }
          } else {
            projection.withUnsafeBufferPointer { row.update(from: $0.baseAddress.unsafelyUnwrapped + (start + step) * g4, count: g4) }
          }
        } else {
          projection.withUnsafeBufferPointer { row.update(from: $0.baseAddress.unsafelyUnwrapped + (start + width + step) * g4, count: g4) }
        }
      },
      startState: { index in
        let start = windowStarts[index]
        return start == 0 ? nil : LSTMState(hidden: hidden[start - 1], cells: cells[start - 1])
      })
    let baseProbability = Double(original.probabilities[target]), baseLogit = Double(original.logits[target])
    let drops: [Double] = windowStarts.indices.map { index in
      switch measure {
      case .probability: return baseProbability - Double(outputs.probabilities[index][target])
      case .logit: return baseLogit - Double(outputs.logits[index][target])
      case .hiddenDistance:
        return zip(original.finalHidden, outputs.finalHidden[index])
          .reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }.squareRoot()
      }
    }
    var scores = [Double](repeating: 0, count: length)
    var covers = [Int](repeating: 0, count: length)
    for (index, start) in windowStarts.enumerated() {
      for position in start..<(start + width) {
        scores[position] += drops[index]
        covers[position] += 1
      }
    }
    for position in scores.indices where covers[position] > 0 { scores[position] /= Double(covers[position]) }
    return SaliencyMap(
      method: id, target: target, sign: measure == .hiddenDistance ? .unsigned : .supportsTarget,
      options: [("erasure", .string(erasure.rawValue)), ("measure", .string(measure.rawValue)), ("window", .int(window))],
      scores: scores, axiomGap: nil)
  }
}
