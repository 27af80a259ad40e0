/// The one colour scale every renderer uses.
///
/// - Signed scores: a diverging, colour-blind-safe blue ↔ light grey ↔ orange scale. Negative scores are blue,
///   zero is a near-white neutral grey, positive scores are orange. Blue and orange stay distinct under the
///   common red–green deficiencies (protanopia, deuteranopia), unlike red–green scales.
/// - Unsigned scores (magnitudes): the orange half of the same scale, neutral at 0 and darkest at 1.
///
/// A score is divided by a normalisation constant (see `Normalization`) and clamped to −1…1 (signed) or 0…1
/// (unsigned), then interpolated linearly in sRGB between five fixed stops. Everything is a pure function of
/// its arguments, so HTML and terminal output agree colour for colour.
///
/// Heatmaps (terminal, HTML report, corpus page) use `color(atPosition:signed:over:)`, whose strength
/// follows |position| over the page's or terminal's own background, so 0 is no colour at all on dark and
/// light backgrounds; `color(for:scale:signed:)` with its near-white neutral serves charts and tables drawn
/// on their own light cells (the evaluation's τ matrix, the confusion matrix).
public enum ColorScale {
  /// One fixed colour at a position of the scale.
  public struct Stop: Sendable, Hashable {
    /// −1…1 for the diverging scale, 0…1 for the sequential one.
    public var position: Double
    public var color: RGB

    public init(position: Double, color: RGB) {
      self.position = position
      self.color = color
    }
  }

  /// Strongest negative (−1): a saturated mid blue.
  public static let negativeEnd = RGB(red: 37, green: 99, blue: 171)
  /// Half-way negative (−0.5): a light sky blue.
  public static let negativeMid = RGB(red: 142, green: 185, blue: 221)
  /// Zero: a near-white neutral grey, visible on white and dark backgrounds alike.
  public static let neutral = RGB(red: 240, green: 240, blue: 240)
  /// Half-way positive (+0.5): a light apricot.
  public static let positiveMid = RGB(red: 250, green: 184, blue: 116)
  /// Strongest positive (+1): a deep orange.
  public static let positiveEnd = RGB(red: 205, green: 94, blue: 12)

  /// The diverging scale's stops, ordered by position from −1 to 1 (e.g. for a CSS gradient).
  public static let divergingStops: [Stop] = [
    Stop(position: -1, color: negativeEnd),
    Stop(position: -0.5, color: negativeMid),
    Stop(position: 0, color: neutral),
    Stop(position: 0.5, color: positiveMid),
    Stop(position: 1, color: positiveEnd),
  ]

  /// The sequential (unsigned) scale's stops, ordered by position from 0 to 1.
  public static let sequentialStops: [Stop] = [
    Stop(position: 0, color: neutral),
    Stop(position: 0.5, color: positiveMid),
    Stop(position: 1, color: positiveEnd),
  ]

  /// The stops of the signed or unsigned scale.
  public static func stops(signed: Bool) -> [Stop] {
    signed ? divergingStops : sequentialStops
  }

  /// Where a score falls on the scale: `score / scale` clamped to −1…1 (signed) or 0…1 (unsigned).
  ///
  /// Returns 0 (neutral) when the score is NaN or when `scale` is zero, negative or not finite, so an
  /// all-zero explanation never divides by zero. Infinite scores clamp to the ends. Negative scores on the
  /// unsigned scale clamp to 0.
  public static func position(for score: Double, scale: Double, signed: Bool) -> Double {
    guard !score.isNaN, scale.isFinite, scale > 0 else { return 0 }
    let ratio = score / scale
    if ratio.isNaN { return 0 }
    return min(max(ratio, signed ? -1 : 0), 1)
  }

  /// The colour at a position of the scale (clamped to the scale's range; NaN is neutral).
  public static func color(atPosition position: Double, signed: Bool) -> RGB {
    if position.isNaN { return neutral }
    return interpolated(stops(signed: signed), at: position) ?? neutral
  }

  /// The colour at `position` on the piecewise-linear scale through `stops` (sorted by position), clamped to
  /// its ends; nil when there are no stops.
  private static func interpolated(_ stops: [Stop], at position: Double) -> RGB? {
    guard let first = stops.first, let last = stops.last else { return nil }
    if position <= first.position { return first.color }
    if position >= last.position { return last.color }
    for (lower, upper) in zip(stops, stops.dropFirst()) where position <= upper.position {
      let fraction = (position - lower.position) / (upper.position - lower.position)
      return lower.color.interpolated(to: upper.color, fraction: fraction)
    }
    return last.color
  }

  /// The background colour for a raw score divided by `scale` (see `position(for:scale:signed:)`).
  public static func color(for score: Double, scale: Double, signed: Bool) -> RGB {
    color(atPosition: position(for: score, scale: scale, signed: signed), signed: signed)
  }

  // MARK: - Strength that follows |score| over a page or terminal background

  /// A white page or light terminal.
  public static let lightBackground = RGB.white
  /// A dark page (the HTML report's dark scheme) or a dark terminal: a typical near-black.
  public static let darkBackground = RGB(red: 19, green: 22, blue: 26)

  /// The colour of a position drawn over `background`, so that the colour's strength follows |position|
  /// and a position of 0 *is* the background (a neutral token looks like plain text on dark and light
  /// pages alike, instead of a bright near-white box on a dark one).
  ///
  /// - On a light background (relative luminance ≥ 0.5): the stops of `stops(signed:)` with the neutral
  ///   stop replaced by the background, so strength grows from the background through the light mid stops
  ///   to the saturated ends.
  /// - On a dark background: a straight mix from the background to the end colour of the score's sign, so
  ///   strength (contrast with the background) grows monotonically; light mid stops would glow brighter than
  ///   the ends there.
  /// Positions are clamped to the scale's range; NaN is the background.
  public static func color(atPosition position: Double, signed: Bool, over background: RGB) -> RGB {
    guard !position.isNaN else { return background }
    let clamped = min(max(position, signed ? -1 : 0), 1)
    let end = clamped < 0 ? negativeEnd : positiveEnd
    if background.relativeLuminance < 0.5 {
      return background.interpolated(to: end, fraction: abs(clamped))
    }
    let stops = stops(signed: signed).map { stop in
      stop.position == 0 ? Stop(position: 0, color: background) : stop
    }
    return interpolated(stops, at: clamped) ?? background
  }

  /// The text colour (black or white) that reads best on `color(for:scale:signed:)`.
  public static func foreground(for score: Double, scale: Double, signed: Bool) -> RGB {
    color(for: score, scale: scale, signed: signed).readableForeground
  }
}
