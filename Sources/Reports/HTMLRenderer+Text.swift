/// One text of the HTML report: summary line, prediction, heatmap rows, legend, chart and top-k table.
extension HTMLRenderer {
  /// The original text cut at the tokens and escaped once, shared by every method's row.
  ///
  /// Tokens are placed by their `start`/`end` offsets (Unicode scalars), and the untouched text between
  /// them (spaces, line breaks, characters the tokenizer dropped) is kept, so each row reads as the
  /// original. A token without valid offsets (token-id input, or offsets out of order) is shown by its
  /// `text`, separated by a space.
  struct TextPieces {
    /// The escaped text before each token.
    var gaps: [String] = []
    /// Each token, escaped.
    var tokens: [String] = []
    /// The escaped text after the last token ("" when there is none).
    var tail = ""
    /// Whether each token is unknown to the model (marked with a dotted underline).
    var unknown: [Bool] = []

    init(_ document: HeatmapDocument) {
      let scalars = Array((document.text ?? "").unicodeScalars)
      var cursor = 0
      unknown = document.tokens.map(\.unknown)
      gaps.reserveCapacity(document.tokens.count)
      tokens.reserveCapacity(document.tokens.count)
      for (index, token) in document.tokens.enumerated() {
        var gap = "", text = ""
        if document.text != nil, let start = token.start, let end = token.end,
           cursor <= start, start <= end, end <= scalars.count {
          HTMLEscaping.appendText(scalars[cursor..<start], layout: .preserved, to: &gap)
          HTMLEscaping.appendText(scalars[start..<end], layout: .preserved, to: &text)
          cursor = end
        } else {
          gap = index == 0 ? "" : " "
          HTMLEscaping.appendText(token.text, layout: .preserved, to: &text)
        }
        gaps.append(gap)
        tokens.append(text)
      }
      if cursor < scalars.count {
        HTMLEscaping.appendText(scalars[cursor...], layout: .preserved, to: &tail)
      }
    }
  }

  func textSection(_ document: HeatmapDocument, number: Int, context: Context, into html: inout String) {
    let id = String(number)
    html += "<details class=\"text\" id=\"t" + id + "\"" + (context.expanded ? " open" : "") + ">\n<summary>"
    html += "<span class=\"no\">#" + id + "</span><span class=\"snip\">"
    HTMLEscaping.appendText(Self.snippet(of: document), to: &html)
    html += "</span><span class=\"verdict\"><b>"
    HTMLEscaping.appendText(Self.label(document.predicted, in: document), to: &html)
    html += "</b> " + Self.probability(document.predicted, in: document) + "</span>"
    if let gold = document.gold {
      if Self.isCorrect(document, gold: gold) {
        html += "<span class=\"ok\">✓ correct</span>"
      } else {
        html += "<span class=\"bad\">✗ gold: "
        HTMLEscaping.appendText(gold, to: &html)
        html += "</span>"
      }
    }
    if document.truncated { html += "<span class=\"badge\">truncated</span>" }
    // A collapsed text's body is wrapped in <noscript>: without JavaScript the browser shows it as markup,
    // with JavaScript it stays raw text until the text is opened (see HTMLScript), so a large report loads
    // only its summaries. User text in it is escaped, so it cannot contain "</noscript>".
    html += context.expanded ? "</summary>\n<div class=\"body\">\n" : "</summary><noscript>\n<div class=\"body\">\n"
    facts(document, context: context, into: &html)
    let pieces = TextPieces(document)
    let scales = document.explanations.map { context.normalization(for: $0.method).constant(for: $0) }
    rows(document, pieces: pieces, scales: scales, context: context, into: &html)
    legend(document, context: context, into: &html)
    if let prefix = document.prefixProbabilities, !prefix.isEmpty {
      html += "<figure class=\"prefix\">"
      html += SVGCharts.prefixProbabilities(prefix, labels: document.labels, tokens: document.tokens.map(\.text),
                                            predicted: document.predicted)
      html += "<figcaption>Probability of each class after each token (softmax of the dense layer on h_t):"
      for (index, label) in document.labels.enumerated() {
        html += "<span class=\"key k" + String(index % HTMLStyles.classColorCount) + "\"></span>"
        HTMLEscaping.appendText(label, to: &html)
      }
      html += "</figcaption></figure>\n"
    }
    if topK > 0, !document.tokens.isEmpty, !document.explanations.isEmpty {
      topTable(document, scales: scales, into: &html)
    }
    html += context.expanded ? "</div>\n</details>\n" : "</div>\n</noscript></details>\n"
  }

  /// Probability bars, the model (when the report has several), the gold label and the notes.
  func facts(_ document: HeatmapDocument, context: Context, into html: inout String) {
    html += "<div class=\"facts\"><div class=\"probs\">"
    for (index, label) in document.labels.enumerated() {
      let predicted = index == document.predicted
      let value = document.probabilities.indices.contains(index) ? document.probabilities[index] : 0
      let percent = NumberFormatting.fixed(min(max(value.isNaN ? 0 : value, 0), 1) * 100, decimals: 1)
      html += predicted ? "<span class=\"pred\">" : "<span>"
      HTMLEscaping.appendText(label, to: &html)
      html += "</span><span class=\"bar\"><span class=\"k" + String(index % HTMLStyles.classColorCount)
        + "\" style=\"width:" + percent + "%\"></span></span>"
      html += predicted ? "<span class=\"num pred\">" : "<span class=\"num\">"
      html += Self.probability(index, in: document) + "</span>"
    }
    html += "</div><div>"
    var lines: [String] = []
    if context.showsModel { lines.append("model <b>" + HTMLEscaping.text(document.modelName) + "</b>") }
    lines.append("predicted <b>" + HTMLEscaping.text(Self.label(document.predicted, in: document)) + "</b>")
    if let gold = document.gold {
      let mark = Self.isCorrect(document, gold: gold)
        ? "<span class=\"ok\">✓ correct</span>" : "<span class=\"bad\">✗ incorrect</span>"
      lines.append("gold <b>" + HTMLEscaping.text(gold) + "</b> " + mark)
    } else {
      lines.append("gold label unknown")
    }
    html += lines.joined(separator: "<br>") + "</div>"
    if !document.notes.isEmpty {
      html += "<ul class=\"notes\">"
      for note in document.notes {
        html += "<li>"
        HTMLEscaping.appendText(note, to: &html)
        html += "</li>"
      }
      html += "</ul>"
    }
    html += "</div>\n"
  }

  /// One row per method: name, options, range and τ-b (the document's `agreement`, as the terminal and the JSON
  /// show it), then the heatmap.
  func rows(_ document: HeatmapDocument, pieces: TextPieces, scales: [Double], context: Context,
            into html: inout String) {
    guard !document.explanations.isEmpty else { return }
    let agreement = document.agreement
    html += "<table class=\"rows\">\n"
    for (row, explanation) in document.explanations.enumerated() {
      let signed = explanation.sign.isSigned
      html += "<tr><th scope=\"row\">"
      HTMLEscaping.appendText(explanation.method, to: &html)
      var after: [Double]?
      if explanation.method == Self.prefixMethod, let curve = document.prefixProbabilities,
         let target = document.labels.firstIndex(of: explanation.target) {
        after = curve.map { $0.indices.contains(target) ? $0[target] : .nan }
      }
      if !explanation.optionsSummary.isEmpty {
        html += "<small>"
        HTMLEscaping.appendText(explanation.optionsSummary, to: &html)
        html += "</small>"
      }
      var figures = [Self.range(scales[row], signed: signed)]
      if let absolute = context.normalization(for: explanation.method).absoluteScale(of: explanation) {
        figures[0] = "saturates " + figures[0] + " " + HTMLEscaping.text(absolute.unit)
        figures.append("max " + Self.range(Normalization.perText.constant(for: explanation.scores), signed: signed))
      }
      if let agreement {
        if explanation.method == agreement.reference {
          figures.append("τ-b reference")
        } else if let entry = agreement.kendallTau.first(where: { $0.method == explanation.method }) {
          figures.append("τ-b " + (entry.tau.map { NumberFormatting.fixed($0, decimals: 2, sign: .always) } ?? "n/a"))
        }
      }
      if let gap = explanation.axiomGap {
        figures.append("gap " + NumberFormatting.compact(gap, significantDigits: 2))
      }
      if explanation.scores.count != document.tokens.count {
        figures.append(String(explanation.scores.count) + " scores for " + String(document.tokens.count) + " tokens")
      }
      html += "<small><span class=\"f\">" + figures.joined(separator: " ·</span> <span class=\"f\">")
      html += "</span></small></th><td class=\"hm\">"
      heatmap(explanation, pieces: pieces, scale: scales[row], after: after, into: &html)
      html += "</td></tr>\n"
    }
    html += "</table>\n"
  }

  /// The tokens on their colours, each with its score as a tooltip, between the untouched text. `after`
  /// adds the target's probability after each token to the tooltips (the `prefix-prediction` row).
  ///
  /// One short element per token (`<i class=p13 title=+0.123>好</i>`, attribute values unquoted where HTML
  /// allows it), since a report may hold millions of them. A token the model does not know gets the class `u`
  /// (dotted underline) and " · not in the model's vocabulary (read as <unk>)" in its tooltip.
  func heatmap(_ explanation: HeatmapDocument.Explanation, pieces: TextPieces, scale: Double, after: [Double]?,
               into html: inout String) {
    guard !pieces.tokens.isEmpty else {
      html += "(no tokens)"
      return
    }
    let signed = explanation.sign.isSigned
    let scores = explanation.scores
    for index in pieces.tokens.indices {
      let score: Double? = index < scores.count && !scores[index].isNaN ? scores[index] : nil
      html += pieces.gaps[index]
      let unknown = pieces.unknown[index]
      let colorClass = HTMLColorBins.className(for: score, scale: scale, signed: signed)
      html += unknown ? "<i class=\"" + colorClass + " " + Self.unknownClass + "\"" : "<i class=" + colorClass
      var title = score.map { Self.score($0, signed: signed) } ?? "no score"
      if let after, index < after.count, score != nil {
        title += ", p " + NumberFormatting.fixed(after[index], decimals: Self.probabilityDecimals)
      }
      if unknown { title += Self.unknownTitle }
      html += title.contains(where: { $0 == " " || $0 == "," }) ? " title=\"" + title + "\"" : " title=" + title
      html += ">"
      html += pieces.tokens[index]
      html += "</i>"
    }
    if !pieces.tail.isEmpty {
      html += "<span class=\"rest\">" + pieces.tail + "</span>"
    }
  }

  /// What the colours and signs of this text's rows mean.
  func legend(_ document: HeatmapDocument, context: Context, into html: inout String) {
    guard !document.explanations.isEmpty else { return }
    var groups: [(sentence: String, methods: [String])] = []
    for explanation in document.explanations {
      let sentence = explanation.sign.legend(target: HTMLEscaping.text(explanation.target), colored: true)
      if let existing = groups.firstIndex(where: { $0.sentence == sentence }) {
        groups[existing].methods.append(HTMLEscaping.text(explanation.method))
      } else {
        groups.append((sentence, [HTMLEscaping.text(explanation.method)]))
      }
    }
    html += "<p class=\"legend\"><span class=\"ramp s\" aria-hidden=\"true\"></span>"
    html += groups.map { "<b>" + $0.methods.joined(separator: ", ") + "</b>: " + $0.sentence }.joined(separator: "; ")
    switch context.scale {
    case .absolute:
      html += ". The colour saturates at a fixed |score| per method and measure (“saturates ±r”, e.g. ±0.5 "
        + "probability, ±2 logit), so weak rows look weak; a method without an absolute unit is scaled to its "
        + "own max |score| (±r)"
    case .text: html += ". Each row is scaled to its own max |score| (±r)"
    case .report: html += ". Each method is scaled to one range shared by all texts (±r), so texts compare"
    }
    if document.agreement != nil {
      html += "; τ-b is each row’s Kendall rank agreement with the reference row"
    }
    html += "."
    for about in document.explanations.compactMap(\.about) { html += " " + HTMLEscaping.text(about) + "." }
    if document.hasUnknownTokens {
      html += " <i class=\"" + Self.unknownClass + "\">Dotted underline</i>: "
        + HTMLEscaping.text(HeatmapDocument.unknownMeaning) + "."
    }
    html += "</p>\n"
  }

  /// The top-k table: per method, the most positive and most negative tokens with their scores.
  func topTable(_ document: HeatmapDocument, scales: [Double], into html: inout String) {
    html += "<table class=\"top\"><caption>Top " + String(topK) + " tokens per method "
    html += "<span class=\"opt\">(#n: the n-th token of the text)</span></caption>\n"
    for (row, explanation) in document.explanations.enumerated() {
      let signed = explanation.sign.isSigned
      let scores = Array(explanation.scores.prefix(document.tokens.count))
      let titles = explanation.sign.topListTitles(target: HTMLEscaping.text(explanation.target))
      html += "<tr><th scope=\"row\">"
      HTMLEscaping.appendText(explanation.method, to: &html)
      html += "</th>"
      var lists = [(titles.positive, TopTokens.mostPositive(scores, k: topK))]
      if let negative = titles.negative { lists.append((negative, TopTokens.mostNegative(scores, k: topK))) }
      for (title, positions) in lists {
        html += "<td><span class=\"tl\">" + title + "</span>"
        if positions.isEmpty { html += "(none)" }
        for position in positions {
          let score = scores[position]
          html += "<span class=\"pos\">" + TopTokens.label(position) + "</span>\u{A0}<i class=\"chip "
            + HTMLColorBins.className(for: score, scale: scales[row], signed: signed) + "\">"
          HTMLEscaping.appendText(document.tokens[position].text, to: &html)
          html += "</i>\u{A0}" + Self.score(score, signed: signed) + " "
        }
        html += "</td>"
      }
      if lists.count == 1 { html += "<td></td>" }
      html += "</tr>\n"
    }
    html += "</table>\n"
  }

  /// The class of a token the model reads as `<unk>` (a dotted underline), and what its tooltip adds.
  static let unknownClass = "u"
  static let unknownTitle = " · " + HTMLEscaping.text(HeatmapDocument.unknownMeaning)

  /// The method whose row tooltips also give the target's probability after each token.
  static let prefixMethod = "prefix-prediction"

  /// A score for tooltips and lists with `scoreDigits` significant digits and no trailing zeros, e.g.
  /// `+0.41`, `-0.0543`, `7.6e-4` (signed scores always carry their sign).
  static func score(_ value: Double, signed: Bool) -> String {
    NumberFormatting.short(value, significantDigits: scoreDigits, sign: signed ? .always : .negativeOnly)
  }

  /// A row's colour range, e.g. `±0.410`, `0…0.410`, or `all 0`.
  static func range(_ scale: Double, signed: Bool) -> String {
    guard scale > 0 else { return "all 0" }
    let magnitude = NumberFormatting.short(scale, significantDigits: scoreDigits)
    return signed ? "±" + magnitude : "0…" + magnitude
  }
}
