/// The heatmap colours of the HTML page: `ColorScale` in fixed steps, one CSS class per step, so each token
/// carries a two- or three-letter class instead of an inline style (a 10,000-text report stays lean).
///
/// A score's position on the scale (`ColorScale.position(for:scale:signed:)`, −1…1) is rounded to the nearest
/// multiple of 1/`stepsPerSide`; the class of step s is `n|s|` below zero, `z` at zero and `ps` above. The
/// sequential (unsigned) scale is the positive half of the diverging one, so `p` classes serve both.
///
/// Strength follows |score|: step 0 (|position| < 1/(2·`stepsPerSide`)) has no background at all, and every
/// other step is `ColorScale.color(atPosition:signed:over:)` over the page's background: over white in the
/// light scheme, over `ColorScale.darkBackground` in the dark one (`prefers-color-scheme: dark`), each with
/// the foreground `RGB.readableForeground` picks for it. So a neutral token reads as plain text in both
/// schemes. The exact score is in each token's tooltip and in the embedded JSON.
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
    return className(step: step(for: score, scale: scale, signed: signed))
  }

  /// The colour of a step over a background; nil for step 0, which has no background of its own.
  public static func color(step: Int, over background: RGB = ColorScale.lightBackground) -> RGB? {
    guard step != 0 else { return nil }
    return ColorScale.color(atPosition: Double(step) / Double(stepsPerSide), signed: true, over: background)
  }

  /// The step of a score divided by `scale` (0 for NaN or a degenerate scale).
  public static func step(for score: Double, scale: Double, signed: Bool) -> Int {
    step(atPosition: ColorScale.position(for: score, scale: scale, signed: signed))
  }

  /// An inline style for pages without the class stylesheet and with a light background only (the corpus
  /// page), e.g. `background:#fbd3a9;color:#000000`; nil for step 0 (plain text).
  public static func inlineStyle(for score: Double, scale: Double, signed: Bool) -> String? {
    guard let background = color(step: step(for: score, scale: scale, signed: signed)) else { return nil }
    return "background:" + background.hex + ";color:" + background.readableForeground.hex
  }

  /// One CSS rule per step, e.g. `.p20{background:#cd5e0c;color:#ffffff}` (step 0 `z` without a
  /// background), the same rules for the dark scheme inside `@media screen and (prefers-color-scheme:dark)`
  /// (print keeps the light ones, as the page's print rules do), and the
  /// missing-score class.
  public static func stylesheet() -> String {
    var css = "." + className(step: 0) + "{background:none}\n"
    var dark = ""
    for step in -stepsPerSide...stepsPerSide where step != 0 {
      for (background, sheet) in [(ColorScale.lightBackground, 0), (ColorScale.darkBackground, 1)] {
        guard let color = color(step: step, over: background) else { continue }
        let rule = "." + className(step: step) + "{background:" + color.hex + ";color:" + color.readableForeground.hex + "}\n"
        if sheet == 0 { css += rule } else { dark += rule }
      }
    }
    css += "@media screen and (prefers-color-scheme:dark){\n" + dark + "}\n"
    css += "." + missingClass
      + "{background:repeating-linear-gradient(135deg,#e4e4e4 0 3px,#ffffff 3px 6px);color:#000000}\n"
    return css
  }

  /// A CSS gradient for legends (left = −1, right = +1, or 0…1 unsigned) over a background, sampled at the
  /// quarter positions of the scale.
  public static func gradient(signed: Bool, over background: RGB = ColorScale.lightBackground) -> String {
    let positions: [Double] = signed ? [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1] : [0, 0.25, 0.5, 0.75, 1]
    let first = positions[0]
    let parts = positions.map { position in
      let percent = 100 * (position - first) / (1 - first)
      return ColorScale.color(atPosition: position, signed: signed, over: background).hex + " "
        + NumberFormatting.fixed(percent, decimals: 0) + "%"
    }
    return "linear-gradient(to right," + parts.joined(separator: ",") + ")"
  }
}
