/// The charts of the corpus page: confusion matrix, reliability diagram and accuracy by length, as inline
/// HTML tables and SVG (every chart has its numbers in a table or tooltip too).
enum CorpusReportCharts {
  /// Gold rows × predicted columns; cells shaded by their share of the row.
  static func confusionTable(_ document: CorpusReportDocument, into html: inout String) {
    html += "<table class=\"confusion\">\n<caption>Confusion matrix (rows: gold, columns: predicted)</caption>\n"
    html += "<thead><tr><th></th>"
    for label in document.labels { html += "<th>\(HTMLEscaping.text(label))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for (gold, row) in document.confusion.enumerated() where gold < document.labels.count {
      let total = row.reduce(0, +)
      html += "<tr><th>\(HTMLEscaping.text(document.labels[gold]))</th>"
      for count in row {
        let share = total == 0 ? 0 : Double(count) / Double(total)
        let background = ColorScale.color(for: share, scale: 1, signed: false)
        html += "<td class=\"num\" style=\"background:\(background.hex);color:\(background.readableForeground.hex)\" "
        html += "title=\"\(NumberFormatting.fixed(100 * share, decimals: 1))% of the row\">\(count)</td>"
      }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n"
  }

  /// Plot size of the reliability diagram, in SVG units.
  private static let plot = (left: 44.0, top: 12.0, width: 300.0, height: 240.0)

  static func calibrationSection(_ document: CorpusReportDocument, into html: inout String) {
    html += "<section id=\"calibration\">\n<h2>Calibration</h2>\n"
    html += "<p class=\"muted\">Accuracy against the predicted class's probability in 10 equal-width bins; the "
    html += "diagonal is perfect calibration. Expected calibration error (ECE) = Σ (n_b/N)·|accuracy_b − "
    html += "confidence_b| = <b>\(CorpusReportRenderer.figure(document.expectedCalibrationError))</b>.</p>\n"
    html += "<div class=\"row\">\n"
    reliabilityDiagram(document.calibration, into: &html)
    html += "<table>\n<thead><tr><th>confidence</th><th>texts</th><th>accuracy</th><th>mean confidence</th></tr></thead>\n<tbody>\n"
    for bin in document.calibration {
      html += "<tr><th>\(NumberFormatting.fixed(bin.lower, decimals: 1))–\(NumberFormatting.fixed(bin.upper, decimals: 1))</th>"
      html += "<td class=\"num\">\(bin.count)</td><td class=\"num\">\(CorpusReportRenderer.figure(bin.accuracy))</td>"
      html += "<td class=\"num\">\(CorpusReportRenderer.figure(bin.meanConfidence))</td></tr>\n"
    }
    html += "</tbody>\n</table>\n</div>\n</section>\n"
  }

  private static func reliabilityDiagram(_ bins: [CorpusReportDocument.CalibrationBin], into html: inout String) {
    let (left, top, width, height) = plot
    func x(_ value: Double) -> String { coordinate(left + width * value) }
    func y(_ value: Double) -> String { coordinate(top + height * (1 - value)) }
    html += "<svg class=\"chart\" viewBox=\"0 0 \(coordinate(left + width + 12)) \(coordinate(top + height + 40))\" "
    html += "role=\"img\" aria-label=\"Reliability diagram\">\n"
    html += "<rect x=\"\(x(0))\" y=\"\(y(1))\" width=\"\(coordinate(width))\" height=\"\(coordinate(height))\" class=\"frame\"/>\n"
    for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
      html += "<line x1=\"\(x(0))\" y1=\"\(y(tick))\" x2=\"\(x(1))\" y2=\"\(y(tick))\" class=\"grid\"/>"
      html += "<text x=\"\(coordinate(left - 6))\" y=\"\(coordinate(top + height * (1 - tick) + 4))\" class=\"tick\" "
      html += "text-anchor=\"end\">\(NumberFormatting.fixed(tick, decimals: 1))</text>"
      html += "<text x=\"\(x(tick))\" y=\"\(coordinate(top + height + 16))\" class=\"tick\" text-anchor=\"middle\">"
      html += "\(NumberFormatting.fixed(tick, decimals: 1))</text>\n"
    }
    for bin in bins {
      guard let accuracy = bin.accuracy, let confidence = bin.meanConfidence else { continue }
      let barWidth = coordinate(width * (bin.upper - bin.lower) - 2)
      html += "<rect x=\"\(coordinate(left + width * bin.lower + 1))\" y=\"\(y(accuracy))\" width=\"\(barWidth)\" "
      html += "height=\"\(coordinate(height * accuracy))\" class=\"bar\"><title>\(NumberFormatting.fixed(bin.lower, decimals: 1))–"
      html += "\(NumberFormatting.fixed(bin.upper, decimals: 1)): \(bin.count) texts, accuracy "
      html += "\(CorpusReportRenderer.figure(accuracy)), mean confidence \(CorpusReportRenderer.figure(confidence))</title></rect>\n"
      html += "<line x1=\"\(coordinate(left + width * bin.lower + 1))\" y1=\"\(y(confidence))\" "
      html += "x2=\"\(coordinate(left + width * bin.upper - 1))\" y2=\"\(y(confidence))\" class=\"confidence\"/>\n"
    }
    html += "<line x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(1))\" y2=\"\(y(1))\" class=\"diagonal\"/>\n"
    html += "<text x=\"\(coordinate(left + width / 2))\" y=\"\(coordinate(top + height + 34))\" class=\"axis\" "
    html += "text-anchor=\"middle\">confidence (bars: accuracy, ticks: mean confidence)</text>\n</svg>\n"
  }

  static func lengthSection(_ document: CorpusReportDocument, into html: inout String) {
    html += "<section id=\"length\">\n<h2>Accuracy by length</h2>\n<table class=\"bars\">\n"
    html += "<thead><tr><th>tokens</th><th>texts</th><th>accuracy</th><th></th></tr></thead>\n<tbody>\n"
    for bucket in document.lengths {
      html += "<tr><th>\(HTMLEscaping.text(bucket.range))</th><td class=\"num\">\(bucket.count)</td>"
      html += "<td class=\"num\">\(CorpusReportRenderer.figure(bucket.accuracy))</td><td class=\"barcell\">"
      if let accuracy = bucket.accuracy, accuracy.isFinite {
        html += "<span class=\"hbar\" style=\"width:\(NumberFormatting.fixed(100 * accuracy, decimals: 1))%\"></span>"
      }
      html += "</td></tr>\n"
    }
    html += "</tbody>\n</table>\n</section>\n"
  }

  /// An SVG coordinate with one decimal.
  private static func coordinate(_ value: Double) -> String { NumberFormatting.fixed(value, decimals: 1) }
}
