/// The example sections of the corpus page: each text with its gold and predicted labels, probabilities, and
/// one heatmap row per method over the original text (spacing kept, tokens on `ColorScale` colours on the
/// method's absolute scale (`Normalization.absolute`, stated under the method's name), near-zero tokens
/// uncoloured, the score in a tooltip).
enum CorpusReportHeatmap {
  static func exampleSections(_ document: CorpusReportDocument, into html: inout String) {
    html += "<section id=\"examples\">\n<h2>Examples</h2>\n"
    for group in document.exampleGroups {
      html += "<h3>\(HTMLEscaping.text(group.title))</h3>\n<p class=\"muted\">\(HTMLEscaping.text(group.description))</p>\n"
      if group.examples.isEmpty { html += "<p class=\"muted\">None.</p>\n" }
      for (line, example) in group.examples { exampleBlock(example, line: line, into: &html) }
    }
    html += "</section>\n"
  }

  private static func exampleBlock(_ document: HeatmapDocument, line: Int, into html: inout String) {
    let predicted = document.labels.indices.contains(document.predicted) ? document.labels[document.predicted] : "?"
    let confidence = document.probabilities.indices.contains(document.predicted) ? document.probabilities[document.predicted] : .nan
    html += "<article class=\"example\">\n<p class=\"head\">line \(line) · gold <b>\(HTMLEscaping.text(document.gold ?? "?"))</b>"
    html += " · predicted <b>\(HTMLEscaping.text(predicted))</b> (p = \(CorpusReportRenderer.figure(confidence)))"
    let others = zip(document.labels, document.probabilities).map {
      "\(HTMLEscaping.text($0.0)) \(CorpusReportRenderer.figure($0.1))"
    }
    html += " · <span class=\"muted\">\(others.joined(separator: ", "))</span></p>\n"
    for note in document.notes { html += "<p class=\"note\">\(HTMLEscaping.text(note))</p>\n" }
    html += "<table class=\"heat\"><tbody>\n"
    for explanation in document.explanations {
      let legend = Normalization.absolute.legend(for: explanation, signed: explanation.sign.isSigned) {
        NumberFormatting.short($0, significantDigits: CorpusReportRenderer.scoreDigits)
      }
      html += "<tr><th>\(HTMLEscaping.text(explanation.method))<br><span class=\"muted\">"
      html += "\(HTMLEscaping.text(explanation.sign.legend(target: explanation.target, colored: true)))<br>"
      html += "\(HTMLEscaping.text(legend))</span></th><td class=\"text\">"
      heatmapRow(document, explanation, into: &html)
      html += "</td></tr>\n"
    }
    html += "</tbody></table>\n</article>\n"
  }

  /// The text with its tokens coloured; text between tokens is kept as it is.
  private static func heatmapRow(_ document: HeatmapDocument, _ explanation: HeatmapDocument.Explanation,
                                 into html: inout String) {
    let scale = Normalization.absolute.constant(for: explanation)
    let signed = explanation.sign.isSigned
    let scalars = document.text.map { Array($0.unicodeScalars) }
    var position = 0
    for (index, token) in document.tokens.enumerated() {
      if let scalars, let start = token.start, start >= position, start <= scalars.count {
        HTMLEscaping.appendText(scalars[position..<start], layout: .preserved, to: &html)
      } else if index > 0 {
        html += " "
      }
      let score = index < explanation.scores.count ? explanation.scores[index] : .nan
      html += "<span class=\"tok\""
      if let style = HTMLColorBins.inlineStyle(for: score, scale: scale, signed: signed) { html += " style=\"\(style)\"" }
      html += " title=\"\(CorpusReportRenderer.score(score))\">"
      if let scalars, let start = token.start, let end = token.end, start >= position, start <= end, end <= scalars.count {
        HTMLEscaping.appendText(scalars[start..<end], layout: .preserved, to: &html)
        position = end
      } else {
        HTMLEscaping.appendText(token.text, to: &html)
      }
      html += "</span>"
    }
    if let scalars, position < scalars.count {
      HTMLEscaping.appendText(scalars[position...], layout: .preserved, to: &html)
    }
    if document.truncated { html += " <span class=\"muted\">[truncated]</span>" }
  }
}
