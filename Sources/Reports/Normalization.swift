/// How raw scores are divided before they are mapped to colours.
///
/// The renderers state the choice in their legends, so a reader knows whether two heatmaps can be compared
/// and what a saturated colour means.
public enum Normalization: Sendable, Equatable {
  /// Divide by the largest |score| of the explanation being drawn: every map uses the full range, so a map
  /// of ±4e-4 looks as strong as one of ±4 (the legend shows the range).
  case perText
  /// Divide by one constant shared by every explanation in a report, so colours are comparable across texts.
  case shared(Double)
  /// Divide by the explanation's absolute saturation (`HeatmapDocument.Explanation.saturation`, fixed per
  /// method and measure: ±0.5 probability, ±2 logit, …), so weak maps look weak; an explanation without one
  /// falls back to its largest |score|. The default of every renderer's caller.
  case absolute

  /// The positive constant scores are divided by, or 0 when there is nothing to scale (all scores zero or not
  /// finite, or a shared constant that is zero or not finite). `ColorScale` maps everything to neutral for 0.
  /// `.absolute` has no explanation to read here and acts as `.perText`.
  ///
  /// Non-finite scores are ignored when taking the maximum.
  /// - Complexity: O(n) in the number of scores for `.perText`, O(1) for `.shared`.
  public func constant(for scores: [Double]) -> Double {
    switch self {
    case .perText, .absolute:
      var largest = 0.0
      for score in scores where score.isFinite {
        largest = max(largest, abs(score))
      }
      return largest
    case .shared(let value):
      return value.isFinite ? abs(value) : 0
    }
  }

  /// The constant of one explanation: its absolute saturation under `.absolute` when it has a valid one,
  /// otherwise as `constant(for:)` of its scores.
  public func constant(for explanation: HeatmapDocument.Explanation) -> Double {
    if let saturation = absoluteScale(of: explanation) { return saturation.value }
    return constant(for: explanation.scores)
  }

  /// The absolute scale that applies to an explanation: its saturation under `.absolute` when that is
  /// positive and finite; nil otherwise.
  public func absoluteScale(of explanation: HeatmapDocument.Explanation) -> HeatmapDocument.AbsoluteScale? {
    guard self == .absolute, let saturation = explanation.saturation, saturation.value.isFinite,
          saturation.value > 0 else { return nil }
    return saturation
  }

  /// A few words for legends, e.g. `max |score| of this text`.
  public var summary: String {
    switch self {
    case .perText: return "max |score| of this text"
    case .shared: return "shared by all texts"
    case .absolute: return "absolute, fixed per method and measure"
    }
  }

  /// The legend's words for one explanation, e.g. `colour saturates at ±0.5 probability, fixed for
  /// occlusion; max |score| here 0.000412`, or for a method without an absolute unit `max |score| of this
  /// text: gradient has no absolute unit`. `magnitude` formats a number; `signed` picks `±` or `0…`.
  public func legend(for explanation: HeatmapDocument.Explanation, signed: Bool,
                     magnitude: (Double) -> String) -> String {
    let largest = Normalization.perText.constant(for: explanation.scores)
    if let saturation = absoluteScale(of: explanation) {
      return "colour saturates at " + (signed ? "±" : "") + magnitude(saturation.value) + " " + saturation.unit
        + ", fixed for " + explanation.method + "; max |score| here " + magnitude(largest)
    }
    switch self {
    case .absolute:
      return "max |score| of this text: " + explanation.method + " has no absolute unit"
    case .perText, .shared:
      return summary
    }
  }
}
