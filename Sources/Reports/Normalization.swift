/// How raw scores are divided before they are mapped to colours.
///
/// The renderers state the choice in their legends, so a reader knows whether two heatmaps can be compared.
public enum Normalization: Sendable, Equatable {
  /// Divide by the largest |score| of the explanation being drawn (the default for one text).
  case perText
  /// Divide by one constant shared by every explanation in a report, so colours are comparable across texts.
  case shared(Double)

  /// The positive constant scores are divided by, or 0 when there is nothing to scale (all scores zero or not
  /// finite, or a shared constant that is zero or not finite). `ColorScale` maps everything to neutral for 0.
  ///
  /// Non-finite scores are ignored when taking the maximum.
  /// - Complexity: O(n) in the number of scores for `.perText`, O(1) for `.shared`.
  public func constant(for scores: [Double]) -> Double {
    switch self {
    case .perText:
      var largest = 0.0
      for score in scores where score.isFinite {
        largest = max(largest, abs(score))
      }
      return largest
    case .shared(let value):
      return value.isFinite ? abs(value) : 0
    }
  }

  /// A few words for legends, e.g. `max |score| of this text`.
  public var summary: String {
    switch self {
    case .perText: return "max |score| of this text"
    case .shared: return "shared by all texts"
    }
  }
}
