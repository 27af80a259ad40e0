/// The example sections of the corpus page: an index of every example (sortable and filterable with
/// `CorpusReportScript`, complete without it), then each text with its gold and predicted labels, probabilities, and
/// one heatmap row per method over the original text (spacing kept, tokens on `ColorScale` colours on the
/// method's absolute scale (`Normalization.absolute`, stated under the method's name), near-zero tokens
/// uncoloured, the score in a tooltip; a token the model does not know underlined with dots, and said so).
enum CorpusReportHeatmap {
  static func exampleSections(_ document: CorpusReportDocument, into html: inout String) {
    html += "<section id=\"examples\">\n<h2>Examples</h2>\n"
    index(document, into: &html)
    for (number, group) in document.exampleGroups.enumerated() {
      html += "<h3>\(HTMLEscaping.text(group.title))</h3>\n<p class=\"muted\">\(HTMLEscaping.text(group.description))</p>\n"
      if group.examples.isEmpty { html += "<p class=\"muted\">None.</p>\n" }
      html += "<div class=\"examples\">\n"
      for (position, (line, example)) in group.examples.enumerated() {
        exampleBlock(example, line: line, id: cardID(group: number, position: position), into: &html)
      }
      html += "</div>\n"
    }
    html += "</section>\n"
  }

  /// The id of an example's card: `e` + group number + `-` + position in its group (a line may appear in
  /// two groups only if the document says so, and ids stay unique either way).
  static func cardID(group: Int, position: Int) -> String { "e\(group)-\(position + 1)" }

  /// The examples index: one row per example (group, line, gold, predicted, p, text), linking to its card.
  /// Complete without JavaScript; with it (`CorpusReportScript`) it sorts and filters, and the tools appear.
  private static func index(_ document: CorpusReportDocument, into html: inout String) {
    let total = document.exampleGroups.reduce(0) { $0 + $1.examples.count }
    guard total > 0 else { return }
    html += "<div class=\"tools\" id=\"ex-tools\" hidden><input type=\"search\" id=\"ex-filter\" "
    html += "placeholder=\"Filter by text, label or line\" aria-label=\"Filter the examples\"> "
    html += "<select id=\"ex-group\" aria-label=\"Show one group\"><option value=\"\">every group</option>"
    for (number, group) in document.exampleGroups.enumerated() where !group.examples.isEmpty {
      html += "<option value=\"\(number)\">\(HTMLEscaping.text(group.title))</option>"
    }
    html += "</select> <span id=\"ex-shown\" class=\"muted\"></span></div>\n"
    html += "<table class=\"exindex\" id=\"ex-index\">\n<thead><tr><th data-sort=\"text\">group</th>"
    html += "<th data-sort=\"num\">line</th><th data-sort=\"text\">gold</th><th data-sort=\"text\">predicted</th>"
    html += "<th data-sort=\"num\">p</th><th data-sort=\"text\">text</th></tr></thead>\n<tbody>\n"
    for (number, group) in document.exampleGroups.enumerated() {
      for (position, (line, example)) in group.examples.enumerated() {
        let id = cardID(group: number, position: position)
        let predicted = example.labels.indices.contains(example.predicted) ? example.labels[example.predicted] : "?"
        let confidence = example.probabilities.indices.contains(example.predicted) ? example.probabilities[example.predicted] : .nan
        html += "<tr data-group=\"\(number)\" data-card=\"\(id)\"><td>\(HTMLEscaping.text(group.title))</td>"
        html += "<td class=\"num\">\(line)</td><td>\(HTMLEscaping.text(example.gold ?? "?"))</td>"
        html += "<td>\(HTMLEscaping.text(predicted))</td><td class=\"num\">\(CorpusReportRenderer.figure(confidence))</td>"
        html += "<td class=\"snip\"><a href=\"#\(id)\">\(HTMLEscaping.text(HTMLRenderer.snippet(of: example)))</a></td></tr>\n"
      }
    }
    html += "</tbody>\n</table>\n"
  }

  private static func exampleBlock(_ document: HeatmapDocument, line: Int, id: String, into html: inout String) {
    let predicted = document.labels.indices.contains(document.predicted) ? document.labels[document.predicted] : "?"
    let confidence = document.probabilities.indices.contains(document.predicted) ? document.probabilities[document.predicted] : .nan
    html += "<article class=\"example\" id=\"\(id)\">\n<p class=\"head\">line \(line) · gold <b>\(HTMLEscaping.text(document.gold ?? "?"))</b>"
    html += " · predicted <b>\(HTMLEscaping.text(predicted))</b> (p = \(CorpusReportRenderer.figure(confidence)))"
    let others = zip(document.labels, document.probabilities).map {
      "\(HTMLEscaping.text($0.0)) \(CorpusReportRenderer.figure($0.1))"
    }
    html += " · <span class=\"muted\">\(others.joined(separator: ", "))</span></p>\n"
    for note in document.notes { html += "<p class=\"note\">\(HTMLEscaping.text(note))</p>\n" }
    if document.hasUnknownTokens {
      html += "<p class=\"note\"><span class=\"\(HTMLRenderer.unknownClass)\">Dotted underline</span>: "
      html += "\(HTMLEscaping.text(HeatmapDocument.unknownMeaning)).</p>\n"
    }
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
      html += token.unknown ? "<span class=\"tok \(HTMLRenderer.unknownClass)\"" : "<span class=\"tok\""
      if let style = HTMLColorBins.inlineStyle(for: score, scale: scale, signed: signed) { html += " style=\"\(style)\"" }
      html += " title=\"\(CorpusReportRenderer.score(score))\(token.unknown ? HTMLRenderer.unknownTitle : "")\">"
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
