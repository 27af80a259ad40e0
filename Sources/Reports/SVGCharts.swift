/// Small inline SVG charts for the HTML report: plain markup, styled by the page's CSS (`currentColor` and
/// CSS variables), so they follow light and dark mode and print without scripts.
public enum SVGCharts {
  /// Chart geometry, in CSS pixels.
  enum Geometry {
    static let plotHeight = 110.0
    static let left = 34.0
    static let right = 12.0
    static let top = 8.0
    /// Room under the plot for upright labels and for labels turned by 45°.
    static let bottomUpright = 18.0
    static let bottomTurned = 50.0
    /// Horizontal distance between tokens: at least `minStep` for up to `labelledTokens` tokens, shrinking
    /// for longer texts so the plot stays about `targetWidth` wide.
    static let minStep = 16.0
    static let maxStep = 30.0
    static let targetWidth = 600.0
    static let minWidth = 220.0
    /// Every token is labelled up to this many; beyond, about `numberedTicks` positions are numbered.
    static let labelledTokens = 40
    static let numberedTicks = 12
    /// Characters of a token shown under the axis: upright labels must fit their step, turned ones have room.
    static let uprightCharacters = 1
    static let turnedCharacters = 7
  }

  /// A line chart of each class's probability after each token (`prefix-prediction`): x = token position,
  /// y = p(class | tokens so far) from 0 to 1, one line per class in the class's colour (CSS classes `k0`,
  /// `k1`, …, see `HTMLStyles.classColorCount`), the predicted class drawn thicker, and a dashed line at 0.5.
  /// The numbers themselves are in the `prefix-prediction` row's tooltips and the embedded JSON, so the chart
  /// stays a few bytes per token.
  ///
  /// - Parameters:
  ///   - rows: `rows[t][k]`, one row per token. Empty rows give an empty string.
  ///   - labels: class names (unescaped).
  ///   - tokens: token texts (unescaped), one per row.
  ///   - predicted: the class drawn thicker.
  public static func prefixProbabilities(_ rows: [[Double]], labels: [String], tokens: [String],
                                         predicted: Int) -> String {
    let count = rows.count
    guard count > 0 else { return "" }
    let classCount = rows.map(\.count).max() ?? 0
    let step = count <= Geometry.labelledTokens
      ? min(Geometry.maxStep, max(Geometry.minStep, Geometry.targetWidth / Double(count)))
      : Geometry.targetWidth / Double(count)
    let labelTokens = count <= Geometry.labelledTokens
    let turned = labelTokens && tokens.prefix(count).contains { $0.count > Geometry.uprightCharacters }
    let shortLabels = tokens.prefix(count).map {
      shortLabel($0, characters: turned ? Geometry.turnedCharacters : Geometry.uprightCharacters)
    }
    let bottom = turned ? Geometry.bottomTurned : Geometry.bottomUpright
    let plotWidth = max(Geometry.minWidth - Geometry.left - Geometry.right, step * Double(count))
    let width = Geometry.left + plotWidth + Geometry.right
    let height = Geometry.top + Geometry.plotHeight + bottom
    func x(_ index: Int) -> Double { Geometry.left + step * (Double(index) + 0.5) }
    func y(_ probability: Double) -> Double {
      let p = probability.isNaN ? 0 : min(max(probability, 0), 1)
      return Geometry.top + Geometry.plotHeight * (1 - p)
    }

    var svg = "<svg class=\"chart\" width=\"" + number(width) + "\" height=\"" + number(height)
      + "\" viewBox=\"0 0 " + number(width) + " " + number(height)
      + "\" role=\"img\"><title>Probability of each class after each token</title>"
    for (value, text) in [(1.0, "1"), (0.5, "0.5"), (0.0, "0")] {
      let level = number(y(value))
      svg += "<line class=\"grid" + (value == 0.5 ? " mid" : "") + "\" x1=\"" + number(Geometry.left) + "\" y1=\""
        + level + "\" x2=\"" + number(Geometry.left + plotWidth) + "\" y2=\"" + level + "\"/>"
      svg += "<text x=\"" + number(Geometry.left - 5) + "\" y=\"" + number(y(value) + 3.5)
        + "\" text-anchor=\"end\">" + text + "</text>"
    }
    for k in 0..<classCount {
      let points = (0..<count).map { t in
        number(x(t)) + "," + number(y(rows[t].indices.contains(k) ? rows[t][k] : .nan))
      }
      svg += "<polyline class=\"k" + String(k % HTMLStyles.classColorCount) + (k == predicted ? " pred" : "")
        + "\" points=\"" + points.joined(separator: " ") + "\"/>"
      if count == 1 {
        svg += "<circle class=\"k" + String(k % HTMLStyles.classColorCount) + "\" cx=\"" + number(x(0)) + "\" cy=\""
          + number(y(rows[0].indices.contains(k) ? rows[0][k] : .nan)) + "\" r=\"3\"/>"
      }
    }
    svg += axisLabels(shortLabels, count: count, turned: turned, x: x)
    return svg + "</svg>"
  }

  /// Token labels under the axis (every token for short texts, turned by 45° when some are longer than one
  /// character), or about `numberedTicks` numbered positions for long texts.
  private static func axisLabels(_ labels: [String], count: Int, turned: Bool, x: (Int) -> Double) -> String {
    let baseline = Geometry.top + Geometry.plotHeight + 13
    var svg = ""
    let py = number(baseline)
    svg += turned ? "<g text-anchor=\"end\">" : "<g text-anchor=\"middle\">"
    if count <= Geometry.labelledTokens {
      for (index, label) in labels.enumerated() {
        let px = number(x(index))
        svg += "<text x=\"" + px + "\" y=\"" + py + "\""
        svg += turned ? " transform=\"rotate(-45 " + px + " " + py + ")\">" : ">"
        HTMLEscaping.appendText(label, to: &svg)
        svg += "</text>"
      }
    } else {
      let every = (count + Geometry.numberedTicks - 1) / Geometry.numberedTicks
      for index in stride(from: 0, to: count, by: every) {
        svg += "<text x=\"" + number(x(index)) + "\" y=\"" + py + "\">" + String(index + 1) + "</text>"
      }
    }
    return svg + "</g>"
  }

  /// At most `characters` characters of a token, ending in `…` when cut; white space shown as `·`.
  static func shortLabel(_ token: String, characters: Int) -> String {
    let visible = String(token.map { $0.isWhitespace ? "·" : $0 })
    guard visible.count > characters else { return visible }
    return String(visible.prefix(max(1, characters - 1))) + "…"
  }

  /// A coordinate with one decimal (locale-free).
  static func number(_ value: Double) -> String {
    let text = NumberFormatting.fixed(value, decimals: 1)
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }
}
