import Foundation
import LSTMCore

/// What a perturbation method measures of the model's output (`--measure`).
public enum PerturbationMeasure: String, Sendable, CaseIterable, Codable {
  /// p_k.
  case probability
  /// logits_k.
  case logit
  /// log p_k/(1 − p_k), the log-odds of the target: z_k − log Σ_{j≠k} exp z_j (see `logOdds(logits:target:)`);
  /// for K = 2 it is the logit difference z_k − z_other. A monotone function of p_k, so it ranks a text's tokens
  /// exactly as `probability` does, but it does not flatten confident predictions: erasing a word that moves
  /// p from 0.999 to 0.96 scores +0.04 in probability and +3.7 in log-odds.
  case logOdds = "log-odds"
  /// h_T itself: the score is ‖h_T − h_T(perturbed)‖₂ (unsigned, class-independent).
  case hiddenDistance = "hidden-distance"

  /// The target's log-odds from the logits z, without forming p_k (which rounds to 1 in Float32 beyond
  /// z_k − z_other ≈ 17, where log(1 − p_k) would be −∞):
  ///
  ///     log p_k − log(1 − p_k) = z_k − log Σ_{j≠k} exp z_j = z_k − m − log Σ_{j≠k} exp(z_j − m),  m = max_{j≠k} z_j
  ///
  /// - Precondition: at least two logits (with one class, p_k = 1 and the log-odds are infinite).
  public static func logOdds(logits: [Float], target: Int) -> Double {
    precondition(logits.count >= 2 && logits.indices.contains(target), "log-odds need a target among at least two classes")
    let others = logits.indices.filter { $0 != target }.map { Double(logits[$0]) }
    let m = others.max() ?? 0
    return Double(logits[target]) - m - log(others.reduce(0) { $0 + exp($1 - m) })
  }

  /// F of one output for the measures that are a number of the target class (all but `hiddenDistance`).
  func value(logits: [Float], probabilities: [Float], target: Int) -> Double {
    switch self {
    case .probability: return Double(probabilities[target])
    case .logit: return Double(logits[target])
    case .logOdds: return Self.logOdds(logits: logits, target: target)
    case .hiddenDistance: preconditionFailure("hidden-distance is a distance between states, not a value of one output")
    }
  }

  /// - Throws: `SaliencyOptionError.logOddsNeedTwoClasses` for log-odds on a one-class model.
  func check(classCount: Int) throws(SaliencyOptionError) {
    if self == .logOdds, classCount < 2 { throw .logOddsNeedTwoClasses }
  }
}

/// Leave-one-out occlusion: score_t = F(x) − F(x with token t erased), F = p_k, z_k or log p_k/(1 − p_k) of the
/// target k (`measure`); positive means erasing the token lowers the target's probability (or logit, or
/// log-odds), so the token supports it. With `--window w`, each window of w tokens is
/// erased at once and a token's score is the mean over the windows that cover it.
/// All perturbations of a sentence run through the model as one packed batch.
public struct Occlusion: PerTextMethod {
  public static let id = SaliencyMethodID(rawValue: "occlusion")
  public static let traits: MethodTraits = [.perturbation]

  public struct Options: MethodOptions {
    /// How a token is erased (`--erasure`).
    public var erasure = Erasure.pad
    /// F (`--measure`).
    public var measure = PerturbationMeasure.probability
    /// Tokens erased at once (`--window`), ≥ 1.
    public var window = 1

    public init() {}

    public func validate() throws(SaliencyOptionError) {
      guard window >= 1 else { throw .windowTooSmall(window) }
    }

    public func check(for model: Classifier) throws(SaliencyOptionError) {
      try erasure.check(for: model)
      try measure.check(classCount: model.config.classCount)
    }

    public func colorSaturation(of map: SaliencyMap) -> ColorSaturation? { measure.colorSaturation }
  }

  public let options: Options
  public init(options: Options) { self.options = options }

  /// Each erased position reruns the suffix after it, from the saved prefix state: T(T + 1)/2 steps.
  public static func cost(tokens: Int, options: Options) -> Double { Double(tokens) * Double(tokens + 1) / 2 }

  /// Each perturbation starts from the original text's LSTM state just before its window, so only the suffix
  /// runs again (about T²/2 token steps for a text of T tokens instead of T²), and reuses the text's input
  /// projection, so each of those steps costs only the recurrent product.
  /// - Throws: `SaliencyOptionError` for log-odds on a one-class model or `unk` on a model without `<unk>`.
  public func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap {
    try options.check(for: model)
    let (erasure, measure, window) = (options.erasure, options.measure, options.window)
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
    let drops: [Double]
    if measure == .hiddenDistance {
      drops = windowStarts.indices.map { index in
        zip(original.finalHidden, outputs.finalHidden[index])
          .reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }.squareRoot()
      }
    } else {
      let base = measure.value(logits: Array(original.logits), probabilities: Array(original.probabilities), target: target)
      drops = windowStarts.indices.map { index in
        base - measure.value(logits: outputs.logits[index], probabilities: outputs.probabilities[index], target: target)
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
      options: options, scores: scores, axiomGap: nil)
  }
}
