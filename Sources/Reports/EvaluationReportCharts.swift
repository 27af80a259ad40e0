/// The curve charts of the evaluation page: comprehensiveness and sufficiency against the top-k% bins, and
/// word-deletion accuracy against the tokens deleted (`EvaluationLineChart`). Each method has a line in its colour
/// (`EvaluationReportStyles`) over a shaded 95% interval, the random baseline a dashed grey one; every point has
/// its numbers in a tooltip, and each chart a collapsed table of them. A chart without data is left out.
enum EvaluationReportCharts {
  /// One chart's description.
  private struct Chart {
    var id: String
    var title: String
    var caption: String
    var xTitle: String
    var yTitle: String
    var xLabels: [String]
    /// nil: fitted to the data.
    var axis: EvaluationLineChart.Axis?
    var curve: (EvaluationDocument.MethodResult) -> [EvaluationDocument.Estimate]
  }

  /// True when the page has a curves section: some method has a curve with x positions to draw it on.
  static func hasCurves(_ document: EvaluationDocument) -> Bool { !charts(document).isEmpty }

  /// The curves section, or nothing when no method has a curve.
  static func section(_ document: EvaluationDocument, into html: inout String) {
    let charts = charts(document)
    guard !charts.isEmpty else { return }
    html += "<section id=\"curves\">\n<h2>Curves</h2>\n<p class=\"muted\">Means over the texts; shaded: bootstrap "
    html += "95% intervals; dashed grey: the random baseline. Hover a point for its numbers.</p>\n<div class=\"row\">\n"
    for chart in charts { figure(chart, document, into: &html) }
    html += "</div>\n</section>\n"
  }

  /// The charts with data, in page order.
  private static func charts(_ document: EvaluationDocument) -> [Chart] {
    let bins = document.percentages.map { "\($0)%" }
    let deleted = (0...max(document.deletionSteps, 0)).map(String.init)
    return [
      Chart(id: "comprehensiveness", title: "Comprehensiveness",
            caption: "p(target | x) − p(target | x without its top k% tokens). Higher = more faithful.",
            xTitle: "top k% of tokens erased", yTitle: "probability drop", xLabels: bins, axis: nil,
            curve: \.comprehensiveness),
      Chart(id: "sufficiency", title: "Sufficiency",
            caption: "p(target | x) − p(target | only the top k% tokens kept). Lower = more faithful.",
            xTitle: "top k% of tokens kept", yTitle: "probability drop", xLabels: bins, axis: nil, curve: \.sufficiency),
      Chart(id: "deletion-correct", title: "Word deletion, correct predictions",
            caption: "Accuracy after deleting the highest-scored tokens. Falling faster = more faithful.",
            xTitle: "tokens deleted", yTitle: "accuracy", xLabels: deleted, axis: .unit, curve: \.deletionOfCorrect),
      Chart(id: "deletion-wrong", title: "Word deletion, wrong predictions",
            caption: "Accuracy after deleting the tokens scored lowest for the gold class. Rising faster = more "
              + "faithful.",
            xTitle: "tokens deleted", yTitle: "accuracy", xLabels: deleted, axis: .unit, curve: \.deletionOfWrong),
    ].filter { chart in !chart.xLabels.isEmpty && document.methods.contains { !chart.curve($0).isEmpty } }
  }

  private static func figure(_ chart: Chart, _ document: EvaluationDocument, into html: inout String) {
    let methods = document.methodsBaselineLast.filter { !chart.curve($0).isEmpty }
    let points = methods.map { Array(chart.curve($0).prefix(chart.xLabels.count)) }
    let axis = chart.axis ?? .init(covering: points.flatMap { $0.flatMap { [$0.lower, $0.mean, $0.upper] } })
    let series = zip(methods, points).map { method, curve in
      EvaluationLineChart.Series(name: method.id, colorClass: EvaluationReportStyles.colorClass(of: method, in: document),
                                 points: curve)
    }
    let lineChart = EvaluationLineChart(title: chart.title, xTitle: chart.xTitle, yTitle: chart.yTitle,
                                        xLabels: chart.xLabels, axis: axis, series: series)
    html += "<figure id=\"\(chart.id)\">\n" + lineChart.svg()
    html += "<figcaption><b>\(chart.title).</b> \(chart.caption)</figcaption>\n"
    html += "<details><summary>numbers</summary>\n<table>\n<thead><tr><th>method</th>"
    for label in chart.xLabels { html += "<th>\(label)</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for (method, curve) in zip(methods, points) {
      html += "<tr><th>\(HTMLEscaping.text(method.id))</th>"
      for estimate in curve {
        html += "<td class=\"num\" title=\"\(EvaluationFormatting.interval(estimate)), n = \(estimate.count)\">"
        html += "\(EvaluationFormatting.figure(estimate.mean))</td>"
      }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n</details>\n</figure>\n"
  }
}
