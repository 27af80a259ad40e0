/// The heatmap colours of the HTML page: `ColorScale` in fixed steps, one CSS class per step, so each token
/// carries a two- or three-letter class instead of an inline style (a 10,000-text report stays lean).
///
/// A score's position on the scale (`ColorScale.position(for:scale:signed:)`, −1…1) is rounded to the nearest
/// multiple of 1/`stepsPerSide`; the class of step s is `n|s|` below zero, `z` at zero and `ps` above. The
/// sequential (unsigned) scale is the positive half of the diverging one, so `p` classes serve both. Each
/// class sets the step's exact `ColorScale` colour and the foreground `RGB.readableForeground` picks for it.
/// The exact score is in each token's tooltip and in the embedded JSON.
public enum HTMLColorBins {
  /// Steps between zero and either end of the scale.
  public static let stepsPerSide = 20
  /// The class of a token without a finite score (NaN, or fewer scores than tokens).
  public static let missingClass = "na"

  /// The step of a position on the scale: −`stepsPerSide`…`stepsPerSide` (NaN is 0).
  public static func step(atPosition position: Double) -> Int {
    guard !position.isNaN else { return 0 }
    let clamped = min(max(position, -1), 1)
    return Int((clamped * Double(stepsPerSide)).rounded(.toNearestOrAwayFromZero))
  }

  /// The CSS class of a step.
  public static func className(step: Int) -> String {
    step == 0 ? "z" : (step < 0 ? "n" + String(-step) : "p" + String(step))
  }

  /// The CSS class of a score divided by `scale`; `missingClass` for nil or NaN.
  public static func className(for score: Double?, scale: Double, signed: Bool) -> String {
    guard let score, !score.isNaN else { return missingClass }
    return className(step: step(atPosition: ColorScale.position(for: score, scale: scale, signed: signed)))
  }

  /// The colour of a step.
  public static func color(step: Int) -> RGB {
    ColorScale.color(atPosition: Double(step) / Double(stepsPerSide), signed: true)
  }

  /// One CSS rule per step, e.g. `.p20{background:#cd5e0c;color:#fff}`, plus the missing-score class.
  public static func stylesheet() -> String {
    var css = ""
    for step in -stepsPerSide...stepsPerSide {
      let background = color(step: step)
      css += "." + className(step: step) + "{background:" + background.hex + ";color:"
        + background.readableForeground.hex + "}\n"
    }
    css += "." + missingClass
      + "{background:repeating-linear-gradient(135deg,#e4e4e4 0 3px,#ffffff 3px 6px);color:#000000}\n"
    return css
  }

  /// A CSS gradient through the scale's stops, for legends (left = −1, right = +1, or 0…1 unsigned).
  public static func gradient(signed: Bool) -> String {
    let stops = ColorScale.stops(signed: signed)
    guard let first = stops.first, let last = stops.last, last.position > first.position else { return "none" }
    let parts = stops.map { stop in
      let percent = 100 * (stop.position - first.position) / (last.position - first.position)
      return stop.color.hex + " " + NumberFormatting.fixed(percent, decimals: 0) + "%"
    }
    return "linear-gradient(to right," + parts.joined(separator: ",") + ")"
  }
}
