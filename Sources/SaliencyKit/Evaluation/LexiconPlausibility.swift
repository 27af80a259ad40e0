import Corpus
import LSTMCore
import Saliency

/// How plausible one text's most salient tokens look to a sentiment lexicon: of its top-k' positions
/// (k' = min(k, T)), the share whose token the lexicon has with a valence pointing to the target class, and the
/// share the lexicon has at all.
///
///     agreeing = |{t in top-k' : valence(norm_t) > 0}| / k'   for target `positive`
///                |{t in top-k' : valence(norm_t) < 0}| / k'   for target `negative`   (valence 0 never agrees)
///     covered  = |{t in top-k' : norm_t in the lexicon}| / k'
///
/// Only the targets `positive` and `negative` (exactly those labels) have a valence direction; a text with any
/// other target, or with no tokens, is not judged (nil).
public struct LexiconPlausibility: Sendable, Equatable, Codable {
  /// Share of the judged positions whose token agrees with the target, in [0, 1].
  public var agreeing: Double
  /// Share of the judged positions whose token is in the lexicon, in [0, 1]; never below `agreeing`.
  public var covered: Double

  /// Judges the first min(k, T) positions of `order`.
  /// - Parameters:
  ///   - norms: the text's token vocabulary forms (`Token.norm`). [T]
  ///   - order: the text's positions, most important first (e.g. `TokenOrder.mostImportantFirst`). [≥ min(k, T)]
  ///   - target: the label of the class explained, e.g. `positive`.
  /// - Precondition: `k >= 1`; the first min(k, T) entries of `order` are positions in 0..<T.
  /// - Complexity: O(min(k, T)) lexicon lookups.
  public init?(norms: [String], order: [Int], k: Int, target: String, lexicon: Lexicon) {
    precondition(k >= 1, "plausibility judges at least one token per text")
    guard let direction = Self.direction(of: target), !norms.isEmpty else { return nil }
    let judged = min(k, norms.count)
    precondition(order.count >= judged, "the order must rank at least min(k, T) positions")
    var agreeingCount = 0, coveredCount = 0
    for position in order.prefix(judged) {
      guard let valence = lexicon.valence(of: norms[position]) else { continue }
      coveredCount += 1
      if valence * direction > 0 { agreeingCount += 1 }
    }
    agreeing = Double(agreeingCount) / Double(judged)
    covered = Double(coveredCount) / Double(judged)
  }

  /// The random baseline of one text: the shares for min(k, T) positions drawn uniformly without replacement,
  /// averaged over `seeds` draws.
  ///
  /// Draw d (d = 0…seeds−1) is the first min(k, T) positions of the d-th random order
  /// (`SplitMix64.permutation`) from one generator per text, `SplitMix64(seed: SplitMix64(seed: baseSeed &+
  /// textIndex).next())`: the same base seed and text index always give the same draws, and different texts get
  /// unrelated streams.
  /// - Parameters:
  ///   - norms: the text's token vocabulary forms. [T]
  ///   - textIndex: the text's index in the evaluated corpus (0-based).
  /// - Returns: nil when the text is not judged (as `init`).
  /// - Precondition: `k >= 1`, `seeds >= 1`, `textIndex >= 0`.
  /// - Complexity: O(seeds · T).
  public static func randomBaseline(
    norms: [String], k: Int, target: String, lexicon: Lexicon, seeds: Int = 10, baseSeed: UInt64, textIndex: Int
  ) -> LexiconPlausibility? {
    precondition(seeds >= 1, "the random baseline averages over at least one draw")
    precondition(textIndex >= 0, "text indices start at 0")
    var textSeeder = SplitMix64(seed: baseSeed &+ UInt64(textIndex))
    var generator = SplitMix64(seed: textSeeder.next())
    var sum: (agreeing: Double, covered: Double) = (0, 0)
    for _ in 0..<seeds {
      let order = generator.permutation(count: norms.count)
      guard let draw = LexiconPlausibility(norms: norms, order: order, k: k, target: target, lexicon: lexicon) else {
        return nil
      }
      sum.agreeing += draw.agreeing
      sum.covered += draw.covered
    }
    return LexiconPlausibility(agreeing: sum.agreeing / Double(seeds), covered: sum.covered / Double(seeds))
  }

  /// The shares as given (for the baseline's averages).
  private init(agreeing: Double, covered: Double) {
    self.agreeing = agreeing
    self.covered = covered
  }

  /// The label `positive` → +1, `negative` → −1: the sign a valence must have to agree; nil for other labels.
  private static func direction(of target: String) -> Double? {
    switch target {
    case "positive": return 1
    case "negative": return -1
    default: return nil
    }
  }
}
