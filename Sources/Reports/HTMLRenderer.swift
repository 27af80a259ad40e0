/// Draws an `HTMLReportDocument` as one self-contained HTML page: inline CSS and SVG, no URL, no web font,
/// and a small optional script, so the file reads offline, without JavaScript, and in print.
///
/// Page, top to bottom:
/// - header: title, text count, input, generator, the date when the document has one; the models (labels,
///   metrics), the methods (options, sign meaning), the colour scale and its normalisation, the mean rank
///   agreement between methods, and the accuracy on texts with a gold label;
/// - with several texts, an index table (number, text, gold, predicted, probability, ✓/✗) that sorts and
///   filters when JavaScript is on and is complete without it;
/// - one `<details>` per text (expanded when the report has at most `expandedLimit` texts; otherwise collapsed,
///   its body in a `<noscript>` that the page's script turns into markup on opening, so a 10,000-text page
///   loads only its summaries when JavaScript is on and reads in full when it is off): probability bars,
///   gold label with ✓/✗, notes, one heatmap row per method over the original text (its spacing and line
///   breaks kept, tokens on `ColorScale` colours with the score as a tooltip) with each row's range and
///   Kendall τ-b, a legend, the prefix-probability chart when the document has one, and the top-k table;
/// - the contract JSON of every text in `<script type="application/json" id="saliency-data">` (an array, one
///   object or `null` per text, `<` written `\u003c`).
///
/// Pure: the output depends only on the renderer's settings and the document (no clock, locale, environment
/// or I/O), byte for byte. Every string from the document is escaped with `HTMLEscaping`.
public struct HTMLRenderer: Sendable {
  /// Length of the most supporting / most opposing lists per method; 0 for no top-k table.
  public var topK: Int
  /// Texts are expanded when the report has at most this many; collapsed otherwise (a large report then
  /// lays out quickly, and each text opens on a click).
  public var expandedLimit: Int

  /// Characters of a text shown in the index and in each text's summary line.
  public static let snippetCharacters = 90
  /// Characters of a text in the index's tooltip (which the filter searches too).
  public static let tooltipCharacters = 1_000
  /// Decimals of probabilities.
  public static let probabilityDecimals = 3
  /// Significant digits of scores in tooltips, ranges, top-k lists and τ.
  public static let scoreDigits = 3

  public init(topK: Int = 5, expandedLimit: Int = 20) {
    self.topK = topK
    self.expandedLimit = expandedLimit
  }

  /// The whole page.
  /// - Complexity: O(total tokens × methods), plus O(n log n) per text and method for τ-b and top-k.
  public func render(_ report: HTMLReportDocument) -> String {
    var html = ""
    let context = Context(report: report, renderer: self)
    html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    html += "<meta name=\"color-scheme\" content=\"light dark\">\n"
    if let generator = report.generator {
      html += "<meta name=\"generator\" content=\""
      HTMLEscaping.appendAttribute(generator, to: &html)
      html += "\">\n"
    }
    html += "<title>"
    HTMLEscaping.appendText(report.title, to: &html)
    html += "</title>\n<style>\n" + HTMLStyles.stylesheet + "</style>\n</head>\n<body>\n<div class=\"page\">\n"
    header(report, into: &html)
    if report.items.count > 1 { index(report, context: context, into: &html) }
    html += "<main>\n"
    for position in report.items.indices {
      textSection(report.items[position].document, number: position + 1, context: context, into: &html)
    }
    html += "</main>\n<footer>"
    footer(into: &html)
    html += "</footer>\n</div>\n"
    data(report, into: &html)
    html += "<script>\n" + HTMLScript.source + "</script>\n</body>\n</html>\n"
    return html
  }

  // MARK: - Shared facts

  /// What every section needs from the whole report, computed once.
  struct Context {
    /// Each method's normalisation under the report's scale.
    let normalizations: [String: Normalization]
    let scale: HTMLReportDocument.Scale
    /// True when texts start expanded; otherwise each body waits in a `<noscript>` (see `HTMLScript`).
    let expanded: Bool
    /// True when the items use more than one model (then each text names its model).
    let showsModel: Bool

    init(report: HTMLReportDocument, renderer: HTMLRenderer) {
      normalizations = report.normalizations()
      scale = report.scale
      expanded = report.items.count <= renderer.expandedLimit
      showsModel = Set(report.items.map(\.document.modelName)).count > 1
    }

    func normalization(for method: String) -> Normalization {
      normalizations[method] ?? .perText
    }
  }

  // MARK: - Header

  func header(_ report: HTMLReportDocument, into html: inout String) {
    html += "<header>\n<h1>"
    HTMLEscaping.appendText(report.title, to: &html)
    html += "</h1>\n<p class=\"sub\">"
    var facts = [report.items.count == 1 ? "1 text" : Self.grouped(report.items.count) + " texts"]
    if let input = report.inputName { facts.append("input " + HTMLEscaping.text(input)) }
    if let generator = report.generator { facts.append("made by " + HTMLEscaping.text(generator)) }
    if let timestamp = report.timestamp { facts.append(HTMLEscaping.text(timestamp)) }
    html += facts.joined(separator: " · ") + "</p>\n<dl class=\"meta\">\n"
    html += report.models.count == 1 ? "<dt>Model</dt><dd>" : "<dt>Models</dt><dd>"
    html += report.models.count == 1 ? "" : "<ul>"
    for model in report.models {
      html += report.models.count == 1 ? "" : "<li>"
      modelFacts(model, into: &html)
      html += report.models.count == 1 ? "" : "</li>"
    }
    html += report.models.count == 1 ? "</dd>\n" : "</ul></dd>\n"
    html += "<dt>Methods</dt><dd><ul>"
    for method in report.methods {
      html += "<li><b>"
      HTMLEscaping.appendText(method.method, to: &html)
      html += "</b>"
      if !method.optionsSummary.isEmpty {
        html += " <span class=\"opt\">"
        HTMLEscaping.appendText(method.optionsSummary, to: &html)
        html += "</span>"
      }
      html += " — " + method.sign.rawValue + ": " + method.sign.legend(target: "the target class", colored: true)
      html += "</li>"
    }
    html += "</ul></dd>\n<dt>Colours</dt><dd>blue −<span class=\"ramp s\" aria-hidden=\"true\"></span>+ orange, "
    html += "clamped at each row’s range (“±r” under the method name); "
    html += "magnitudes use the orange half; a token near 0 has no colour. "
    html += Self.scaleSentence(report.scale, count: report.items.count)
    html += " A tooltip on each token gives its score.</dd>\n"
    agreement(report, into: &html)
    accuracy(report, into: &html)
    html += "</dl>\n</header>\n"
  }

  /// Name, origin, labels and metrics of one model.
  func modelFacts(_ model: HTMLReportDocument.ModelSummary, into html: inout String) {
    html += "<b>"
    HTMLEscaping.appendText(model.name, to: &html)
    html += "</b> <span class=\"opt\">("
    if let path = model.path {
      HTMLEscaping.appendText(path, to: &html)
    } else {
      html += "built in"
    }
    html += ")</span> · labels "
    HTMLEscaping.appendText(model.labels.joined(separator: ", "), to: &html)
    var splits: [(String, [String])] = []
    for metric in model.metrics {
      let figure = HTMLEscaping.text(metric.name) + " " + NumberFormatting.compact(metric.value, significantDigits: 3)
      if let last = splits.indices.last, splits[last].0 == metric.split {
        splits[last].1.append(figure)
      } else {
        splits.append((metric.split, [figure]))
      }
    }
    for (split, figures) in splits {
      html += " · " + HTMLEscaping.text(split) + ": " + figures.joined(separator: ", ")
    }
  }

  /// The normalisation in words.
  static func scaleSentence(_ scale: HTMLReportDocument.Scale, count: Int) -> String {
    switch scale {
    case .absolute:
      return "Normalisation: absolute — each method’s colour saturates at a fixed |score| for its measure "
        + "(±0.5 probability for occlusion, shapley and prefix-prediction in probability; ±2 logit for logit "
        + "measures, grad-input, integrated-gradients and lrp; ±0.5·‖h_n‖ for trajectory), so a row of tiny "
        + "scores looks faint and colours compare across texts. Methods without an absolute unit (gradient "
        + "norms, hidden-state distance) are scaled per text; their rows say “±r” without “saturates”."
    case .text:
      return "Normalisation: per text — each row is divided by its own largest |score| (max |score| of this text), "
        + "so colours compare tokens within a row, not across texts."
    case .report:
      return "Normalisation: shared by all texts — each method is divided by its largest |score| over all "
        + grouped(count) + (count == 1 ? " text" : " texts") + ", so colours compare across texts."
    }
  }

  /// Mean Kendall τ-b of each method with the reference method, over the texts that have both.
  func agreement(_ report: HTMLReportDocument, into html: inout String) {
    let names = report.methods.map(\.method)
    guard let referenceName = report.items.lazy.compactMap({ $0.document.agreement?.reference }).first,
          let reference = names.firstIndex(of: referenceName) else { return }
    var figures: [String] = []
    for (index, name) in names.enumerated() where index != reference {
      var sum = 0.0, count = 0
      for item in report.items {
        guard let agreement = item.document.agreement, agreement.reference == names[reference],
              let tau = agreement.kendallTau.first(where: { $0.method == name })?.tau else { continue }
        sum += tau
        count += 1
      }
      let value = count > 0 ? NumberFormatting.fixed(sum / Double(count), decimals: 2, sign: .always) : "n/a"
      figures.append("<b>" + HTMLEscaping.text(name) + "</b> " + value)
    }
    html += "<dt>Agreement</dt><dd>Kendall τ-b of each method’s token ranking with <b>"
    HTMLEscaping.appendText(names[reference], to: &html)
    html += "</b>" + (report.items.count > 1 ? ", mean over texts: " : ": ") + figures.joined(separator: " · ")
    html += " <span class=\"opt\">(+1 same order, 0 unrelated, −1 reversed)</span></dd>\n"
  }

  /// How many texts with a gold label were predicted correctly.
  func accuracy(_ report: HTMLReportDocument, into html: inout String) {
    var known = 0, correct = 0
    for item in report.items {
      guard let gold = item.document.gold else { continue }
      known += 1
      if Self.isCorrect(item.document, gold: gold) { correct += 1 }
    }
    guard known > 0 else { return }
    let percent = NumberFormatting.fixed(100 * Double(correct) / Double(known), decimals: 1)
    html += "<dt>Accuracy</dt><dd>" + Self.grouped(correct) + " of " + Self.grouped(known)
    html += known == 1 ? " text" : " texts"
    html += " with a gold label predicted correctly (" + percent + "%)</dd>\n"
  }

  // MARK: - Index

  func index(_ report: HTMLReportDocument, context: Context, into html: inout String) {
    html += "<nav aria-label=\"Index of texts\">\n<h2>Texts</h2>\n"
    html += "<div class=\"tools\" id=\"tools\" hidden><input type=\"search\" id=\"filter\" "
    html += "placeholder=\"Filter by text or label\" aria-label=\"Filter the texts\">"
    html += "<label><input type=\"checkbox\" id=\"wrong\"> only wrong predictions</label>"
    html += "<button type=\"button\" id=\"expand\">Expand all</button>"
    html += "<button type=\"button\" id=\"collapse\">Collapse all</button><span id=\"shown\" class=\"opt\"></span></div>\n"
    html += "<div class=\"index-wrap\"><table class=\"index\" id=\"index\">\n<thead><tr>"
    html += "<th class=\"r wn\" data-sort=\"num\">#</th><th data-sort=\"text\">Text</th>"
    if context.showsModel { html += "<th class=\"wl\" data-sort=\"text\">Model</th>" }
    html += "<th class=\"wl\" data-sort=\"text\">Gold</th><th class=\"wl\" data-sort=\"text\">Predicted</th>"
    html += "<th class=\"r wp\" data-sort=\"num\">p</th><th class=\"wk\" data-sort=\"text\">✓/✗</th></tr></thead>\n<tbody>\n"
    for (position, item) in report.items.enumerated() {
      let document = item.document
      let number = String(position + 1)
      let correct = document.gold.map { Self.isCorrect(document, gold: $0) }
      html += correct.map { "<tr data-ok=\"" + ($0 ? "1" : "0") + "\">" } ?? "<tr>"
      html += "<td class=\"r\">" + number + "</td><td class=\"tx\"><a href=\"#t" + number + "\""
      let snippet = Self.snippet(of: document)
      if snippet.hasSuffix("…") {
        html += " title=\""
        HTMLEscaping.appendAttribute(Self.snippet(of: document, characters: Self.tooltipCharacters), to: &html)
        html += "\""
      }
      html += ">"
      HTMLEscaping.appendText(snippet, to: &html)
      html += "</a></td>"
      if context.showsModel {
        html += "<td class=\"l\">"
        HTMLEscaping.appendText(document.modelName, to: &html)
        html += "</td>"
      }
      html += "<td class=\"l\">"
      HTMLEscaping.appendText(document.gold ?? "", to: &html)
      html += "</td><td class=\"l\">"
      HTMLEscaping.appendText(Self.label(document.predicted, in: document), to: &html)
      html += "</td><td class=\"r\">" + Self.probability(document.predicted, in: document) + "</td>"
      html += correct.map { $0 ? "<td class=\"ok\">✓</td>" : "<td class=\"bad\">✗</td>" } ?? "<td></td>"
      html += "</tr>\n"
    }
    html += "</tbody>\n</table></div>\n</nav>\n"
  }

  // MARK: - Footer and data

  func footer(into html: inout String) {
    html += "Scores are explanations of this model’s behaviour, not ground truth about the texts. "
    html += "The machine-readable results (one <code>explain --format json</code> object per text) are embedded "
    html += "in this page as <code>&lt;script id=\"saliency-data\" type=\"application/json\"&gt;</code>."
  }

  /// The embedded JSON: an array with one contract object (or null) per text, one per line.
  func data(_ report: HTMLReportDocument, into html: inout String) {
    html += "<script type=\"application/json\" id=\"saliency-data\">\n["
    for (position, item) in report.items.enumerated() {
      html += position == 0 ? "\n" : ",\n"
      html += HTMLEscaping.scriptJSON(item.contractJSON?.serialized() ?? "null")
    }
    html += report.items.isEmpty ? "]\n</script>\n" : "\n]\n</script>\n"
  }

  // MARK: - Helpers

  /// An integer with commas between groups of three digits (`10,000`), locale-free.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return (value < 0 ? "-" : "") + result
  }

  /// The label at an index, or `#index` when the document has none.
  static func label(_ index: Int, in document: HeatmapDocument) -> String {
    document.labels.indices.contains(index) ? document.labels[index] : "#" + String(index)
  }

  /// A probability with fixed decimals, or `?`.
  static func probability(_ index: Int, in document: HeatmapDocument) -> String {
    guard document.probabilities.indices.contains(index) else { return "?" }
    return NumberFormatting.fixed(document.probabilities[index], decimals: probabilityDecimals)
  }

  /// True when the gold label is the predicted one.
  static func isCorrect(_ document: HeatmapDocument, gold: String) -> Bool {
    gold == label(document.predicted, in: document)
  }

  /// The start of the text on one line (white space runs as one space), unescaped, ending in `…` when cut;
  /// tokens for id input.
  static func snippet(of document: HeatmapDocument, characters: Int = snippetCharacters) -> String {
    let source = document.text ?? document.tokens.map(\.text).joined(separator: " ")
    var result = ""
    var count = 0
    var pendingSpace = false
    for character in source {
      if character.isWhitespace {
        pendingSpace = !result.isEmpty
        continue
      }
      if count == characters {
        return result + "…"
      }
      if pendingSpace {
        result.append(" ")
        count += 1
        pendingSpace = false
      }
      result.append(character)
      count += 1
    }
    return result
  }
}
