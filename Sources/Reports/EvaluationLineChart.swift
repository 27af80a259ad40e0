/// An inline SVG line chart of means with shaded 95% intervals over evenly spaced, labelled x positions
/// (categories such as `5%` or token counts): a frame with horizontal grid lines and y ticks, x tick labels, axis
/// titles, one line per series in its CSS colour class (`--m`, see `EvaluationReportStyles`) with a point per
/// defined mean carrying its numbers in a tooltip, and a legend to the right of the plot.
///
/// Non-finite means are left out of a line; non-finite bounds leave their point out of the band. Values outside
/// the axis are clamped to its edge. Every string is escaped here; coordinates have at most one decimal.
struct EvaluationLineChart {
  /// The y axis: its range and the distance between ticks.
  struct Axis {
    var low: Double
    var high: Double
    var step: Double

    /// Accuracies and shares: 0…1 by 0.2.
    static let unit = Axis(low: 0, high: 1, step: 0.2)

    init(low: Double, high: Double, step: Double) {
      self.low = low
      self.high = high
      self.step = step
    }

    /// A range on multiples of a round step (0.1, 0.2 or 0.5, by span) that holds 0 and every finite value.
    init(covering values: [Double]) {
      let finite = values.filter(\.isFinite)
      let lowest = min(0, finite.min() ?? 0)
      let highest = max(0, finite.max() ?? 0)
      let span = highest - lowest
      step = span <= 0.5 ? 0.1 : span <= 1.2 ? 0.2 : 0.5
      let tolerance = 1e-9  // keeps 0.3 / 0.1 = 2.9999… on its multiple
      low = (lowest / step + tolerance).rounded(.down) * step
      high = max((highest / step - tolerance).rounded(.up) * step, low + step)
    }

    /// Tick values, computed from integer multiples of the step so that 0 is exactly 0.
    var ticks: [Double] {
      let first = Int((low / step).rounded())
      let last = Int((high / step).rounded())
      return (first...last).map { Double($0) * step }
    }
  }

  /// One line: a name for the legend and tooltips, a colour class (`m0`…, or `base` for the dashed baseline),
  /// and one estimate per x position from the first (fewer is fine; more are ignored).
  struct Series {
    var name: String
    var colorClass: String
    var points: [EvaluationDocument.Estimate]
  }

  /// Geometry, in SVG units.
  private enum Geometry {
    static let left = 48.0
    static let top = 10.0
    static let plotWidth = 330.0
    static let plotHeight = 200.0
    /// Below the plot: tick labels, then the axis title.
    static let bottom = 40.0
    static let legendGap = 16.0
    static let legendWidth = 160.0
    static let legendRow = 16.0
    /// At most this many x positions are labelled; beyond, every n-th.
    static let labelledTicks = 11
  }

  /// The chart's accessible name.
  var title: String
  var xTitle: String
  var yTitle: String
  /// One per x position, left to right (unescaped).
  var xLabels: [String]
  var axis: Axis
  var series: [Series]

  /// The `<svg>` element, ending in a line feed.
  func svg() -> String {
    let legendLeft = Geometry.left + Geometry.plotWidth + Geometry.legendGap
    let height = max(Geometry.top + Geometry.plotHeight + Geometry.bottom,
                     Geometry.top + Geometry.legendRow * Double(series.count + 1))
    var svg = "<svg class=\"chart\" viewBox=\"0 0 \(number(legendLeft + Geometry.legendWidth)) \(number(height))\" "
    svg += "role=\"img\" aria-label=\"\(HTMLEscaping.attribute(title))\">\n"
    svg += axes()
    for line in series { svg += curve(line) }
    svg += legend(left: legendLeft)
    return svg + "</svg>\n"
  }

  // MARK: - Parts

  private func axes() -> String {
    let (left, top, width, height) = (Geometry.left, Geometry.top, Geometry.plotWidth, Geometry.plotHeight)
    var svg = "<rect class=\"frame\" x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(width))\" "
    svg += "height=\"\(number(height))\"/>\n"
    for tick in axis.ticks {
      let level = number(y(tick))
      svg += "<line class=\"grid\" x1=\"\(number(left))\" y1=\"\(level)\" x2=\"\(number(left + width))\" y2=\"\(level)\"/>"
      svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y(tick) + 4))\" text-anchor=\"end\">"
      svg += "\(NumberFormatting.fixed(tick, decimals: 1))</text>\n"
    }
    let every = (xLabels.count + Geometry.labelledTicks - 1) / Geometry.labelledTicks
    for (index, label) in xLabels.enumerated() where index % every == 0 {
      svg += "<text x=\"\(number(x(index)))\" y=\"\(number(top + height + 16))\" text-anchor=\"middle\">"
      svg += "\(HTMLEscaping.text(label))</text>"
    }
    svg += "\n<text x=\"\(number(left + width / 2))\" y=\"\(number(top + height + 34))\" text-anchor=\"middle\">"
    svg += "\(HTMLEscaping.text(xTitle))</text>\n"
    let middle = number(top + height / 2)
    svg += "<text x=\"12\" y=\"\(middle)\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(middle))\">"
    return svg + "\(HTMLEscaping.text(yTitle))</text>\n"
  }

  /// The interval band, the line of means and a point with a tooltip per defined mean.
  private func curve(_ line: Series) -> String {
    let shown = line.points.prefix(xLabels.count).enumerated().filter { $0.element.mean.isFinite }
    let bounded = shown.filter { $0.element.lower.isFinite && $0.element.upper.isFinite }
    var svg = "<g class=\"\(line.colorClass)\">"
    if !bounded.isEmpty {
      let upper = bounded.map { point($0.offset, $0.element.upper) }
      let lower = bounded.reversed().map { point($0.offset, $0.element.lower) }
      svg += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\"/>"
    }
    svg += "<polyline points=\"\(shown.map { point($0.offset, $0.element.mean) }.joined(separator: " "))\"/>"
    let name = HTMLEscaping.text(line.name)
    for (index, estimate) in shown {
      svg += "<circle cx=\"\(number(x(index)))\" cy=\"\(number(y(estimate.mean)))\" r=\"2.5\"><title>\(name), "
      svg += "\(HTMLEscaping.text(xLabels[index])): \(EvaluationFormatting.estimate(estimate)), n = \(estimate.count)"
      svg += "</title></circle>"
    }
    return svg + "</g>\n"
  }

  /// One row per series: a line sample (dashed for the baseline, by CSS) and the name.
  private func legend(left: Double) -> String {
    var svg = "<g class=\"legend\">"
    for (row, line) in series.enumerated() {
      let level = Geometry.top + Geometry.legendRow * (Double(row) + 0.5)
      svg += "<g class=\"\(line.colorClass)\"><line class=\"sample\" x1=\"\(number(left))\" y1=\"\(number(level))\" "
      svg += "x2=\"\(number(left + 18))\" y2=\"\(number(level))\"/><text x=\"\(number(left + 24))\" "
      svg += "y=\"\(number(level + 4))\">\(HTMLEscaping.text(line.name))</text></g>"
    }
    return svg + "</g>\n"
  }

  // MARK: - Coordinates

  /// The centre of x position `index`.
  private func x(_ index: Int) -> Double {
    Geometry.left + Geometry.plotWidth * (Double(index) + 0.5) / Double(max(xLabels.count, 1))
  }

  /// The height of `value`, clamped to the axis.
  private func y(_ value: Double) -> Double {
    let clamped = min(max(value, axis.low), axis.high)
    return Geometry.top + Geometry.plotHeight * (axis.high - clamped) / (axis.high - axis.low)
  }

  private func point(_ index: Int, _ value: Double) -> String { number(x(index)) + "," + number(y(value)) }

  /// An SVG coordinate with at most one decimal.
  private func number(_ value: Double) -> String { SVGCharts.number(value) }
}
