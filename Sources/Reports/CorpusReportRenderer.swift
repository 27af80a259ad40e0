/// Draws a `CorpusReportDocument` as one self-contained HTML page (inline CSS and SVG, no URL; one small
/// optional script, `CorpusReportScript`, sorts and filters the examples, and the page reads fully without it):
/// summary figures and notes; per-class precision, recall and F1 with the confusion matrix; a reliability
/// diagram with the ECE; accuracy by length; mean Kendall τ-b between methods; per method and class the tokens
/// that most support and most oppose the class; the most confident errors and least confident correct answers
/// with one heatmap row per method, under an index of those examples.
///
/// Pure: the output depends only on the document, byte for byte (no clock, locale or I/O). Every string that
/// comes from the document is escaped with `HTMLEscaping`; numbers use `NumberFormatting`.
public struct CorpusReportRenderer: Sendable {
  /// Decimals of metrics and probabilities.
  public static let figureDecimals = 3
  /// Significant digits of scores.
  public static let scoreDigits = 3

  public init() {}

  public func render(_ document: CorpusReportDocument) -> String {
    var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    if let generator = document.generator { html += "<meta name=\"generator\" content=\"\(attr(generator))\">\n" }
    html += "<title>\(text(document.title))</title>\n<style>\n\(CorpusReportStyles.stylesheet)</style>\n</head>\n<body>\n"
    html += "<div class=\"page\">\n"
    header(document, into: &html)
    summary(document, into: &html)
    classes(document, into: &html)
    CorpusReportCharts.calibrationSection(document, into: &html)
    CorpusReportCharts.lengthSection(document, into: &html)
    agreement(document, into: &html)
    words(document, into: &html)
    CorpusReportHeatmap.exampleSections(document, into: &html)
    html += "<footer>"
    if let generator = document.generator { html += "Made by \(text(generator))." }
    html += "</footer>\n</div>\n<script>\n\(CorpusReportScript.source)</script>\n</body>\n</html>\n"
    return html
  }

  // MARK: - Sections

  private func header(_ document: CorpusReportDocument, into html: inout String) {
    html += "<header>\n<h1>\(text(document.title))</h1>\n<p class=\"meta\">Input <code>\(text(document.inputName))</code>"
    if let sha = document.inputSHA256 { html += " <span class=\"sha\">sha256 \(text(sha))</span>" }
    if let scope = document.scope { html += " · \(text(scope))" }
    html += "<br>Model <b>\(text(document.modelName))</b> (labels \(document.labels.map(text).joined(separator: ", ")))"
    html += "<br>Methods: "
    html += document.methods.map { method in
      var item = "<b>\(text(method.id))</b>"
      if let options = method.options, !options.isEmpty { item += " (\(text(options)))" }
      if let sign = method.sign { item += " — \(text(sign.legend(target: "the explained class", colored: false)))" }
      if let about = method.about { item += " (\(text(about)))" }
      return item
    }.joined(separator: "; ")
    html += "</p>\n<nav><a href=\"#summary\">Summary</a> <a href=\"#classes\">Classes</a> <a href=\"#calibration\">Calibration</a> "
    html += "<a href=\"#length\">Length</a> <a href=\"#agreement\">Agreement</a> <a href=\"#words\">Words</a> "
    html += "<a href=\"#examples\">Examples</a></nav>\n</header>\n"
  }

  private func summary(_ document: CorpusReportDocument, into html: inout String) {
    html += "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n"
    let cards: [(String, String)] = [
      ("texts", String(document.count)), ("accuracy", Self.figure(document.accuracy)),
      ("balanced accuracy", Self.figure(document.balancedAccuracy)), ("macro-F1", Self.figure(document.macroF1)),
      ("ECE (10 bins)", Self.figure(document.expectedCalibrationError)),
    ]
    for (name, value) in cards {
      html += "<div class=\"card\"><div class=\"value\">\(value)</div><div class=\"name\">\(name)</div></div>\n"
    }
    html += "</div>\n<table class=\"counts\"><tbody>\n"
    for count in document.counts {
      html += "<tr><th>\(text(count.name))</th><td class=\"num\">\(count.value)</td></tr>\n"
    }
    html += "</tbody></table>\n"
    if !document.notes.isEmpty {
      html += "<ul class=\"notes\">\n" + document.notes.map { "<li>\(text($0))</li>\n" }.joined() + "</ul>\n"
    }
    html += "</section>\n"
  }

  private func classes(_ document: CorpusReportDocument, into html: inout String) {
    html += "<section id=\"classes\">\n<h2>Classes</h2>\n<div class=\"row\">\n<table>\n<thead><tr><th>class</th>"
    html += "<th>precision</th><th>recall</th><th>F1</th><th>gold</th><th>predicted</th></tr></thead>\n<tbody>\n"
    for row in document.classes {
      html += "<tr><th>\(text(row.label))</th><td class=\"num\">\(Self.figure(row.precision))</td>"
      html += "<td class=\"num\">\(Self.figure(row.recall))</td><td class=\"num\">\(Self.figure(row.f1))</td>"
      html += "<td class=\"num\">\(row.support)</td><td class=\"num\">\(row.predicted)</td></tr>\n"
    }
    html += "</tbody>\n</table>\n"
    CorpusReportCharts.confusionTable(document, into: &html)
    html += "</div>\n</section>\n"
  }

  private func agreement(_ document: CorpusReportDocument, into html: inout String) {
    html += "<section id=\"agreement\">\n<h2>Agreement between methods</h2>\n"
    guard !document.agreement.isEmpty else {
      html += "<p class=\"muted\">One method only: nothing to compare.</p>\n</section>\n"
      return
    }
    html += "<p class=\"muted\">Mean Kendall τ-b between the token orders of two methods, over the texts where it is "
    html += "defined (1: same order, 0: unrelated, −1: reversed).</p>\n<table>\n<thead><tr><th>methods</th>"
    html += "<th>mean τ-b</th><th>texts</th><th>undefined</th></tr></thead>\n<tbody>\n"
    for row in document.agreement {
      html += "<tr><th>\(text(row.first)) · \(text(row.second))</th><td class=\"num\">\(Self.figure(row.meanTau))</td>"
      html += "<td class=\"num\">\(row.texts)</td><td class=\"num\">\(row.undefined)</td></tr>\n"
    }
    html += "</tbody>\n</table>\n</section>\n"
  }

  private func words(_ document: CorpusReportDocument, into html: inout String) {
    html += "<section id=\"words\">\n<h2>Words that drive each class</h2>\n"
    html += "<p class=\"muted\">Per method and class: tokens seen at least \(document.minCount) times in texts explained "
    html += "for that class, by mean signed score (mean |score|, count, share of positive scores beside it). "
    if !document.wordFilter.isEmpty { html += "\(text(document.wordFilter)) " }
    html += "The full tables are in words.csv.</p>\n"
    if document.words.isEmpty { html += "<p class=\"muted\">No token reached the minimum count.</p>\n" }
    var method: String?
    for table in document.words {
      if table.method != method {
        if method != nil { html += "</div>\n" }
        method = table.method
        html += "<h3>\(text(table.method))</h3>\n<div class=\"row\">\n"
      }
      let titles = table.sign.topListTitles(target: text(table.label))
      let model = table.model.map { " <span class=\"muted\">· \(text($0))</span>" } ?? ""
      html += "<div class=\"words\"><h4>\(text(table.label))\(model)</h4>\n"
      wordList(titles.positive, table.supporting, sign: table.sign, into: &html)
      if let negative = titles.negative { wordList(negative, table.opposing, sign: table.sign, into: &html) }
      html += "</div>\n"
    }
    if method != nil { html += "</div>\n" }
    html += "</section>\n"
  }

  private func wordList(_ title: String, _ words: [CorpusReportDocument.Word], sign: HeatmapDocument.SignMeaning,
                        into html: inout String) {
    html += "<table class=\"wordtable\">\n<caption>\(title)</caption>\n<thead><tr><th>token</th><th>mean</th>"
    html += "<th>mean |s|</th><th>n</th><th>+ share</th></tr></thead>\n<tbody>\n"
    if words.isEmpty { html += "<tr><td colspan=\"5\" class=\"muted\">none</td></tr>\n" }
    let scale = words.reduce(0.0) { max($0, abs($1.meanSigned).isFinite ? abs($1.meanSigned) : 0) }
    for word in words {
      let style = HTMLColorBins.inlineStyle(for: word.meanSigned, scale: scale, signed: sign.isSigned)
      html += "<tr><td><span class=\"tok\"" + (style.map { " style=\"\($0)\"" } ?? "") + ">"
      html += "\(text(word.token))</span></td><td class=\"num\">\(Self.score(word.meanSigned))</td>"
      html += "<td class=\"num\">\(NumberFormatting.compact(word.meanMagnitude, significantDigits: Self.scoreDigits))</td><td class=\"num\">\(word.count)</td>"
      html += "<td class=\"num\">\(NumberFormatting.fixed(word.sharePositive, decimals: 2))</td></tr>\n"
    }
    html += "</tbody>\n</table>\n"
  }

  // MARK: - Formatting

  /// A metric with three decimals, or an em dash when undefined.
  static func figure(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "—" }
    return NumberFormatting.fixed(value, decimals: figureDecimals)
  }

  /// A signed score with three significant digits.
  static func score(_ value: Double) -> String {
    NumberFormatting.compact(value, significantDigits: scoreDigits, sign: .always)
  }

  private func text(_ value: String) -> String { HTMLEscaping.text(value) }
  private func attr(_ value: String) -> String { HTMLEscaping.attribute(value) }
}
