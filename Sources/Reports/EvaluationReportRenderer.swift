/// Draws an `EvaluationDocument` as one self-contained HTML page (inline CSS and SVG, no script, no URL): the
/// run's settings and notes; the summary table (`EvaluationSummary`, random baseline last and marked); the
/// comprehensiveness, sufficiency and word-deletion curves; the method × method agreement matrix; the sanity and
/// plausibility tables; and how to read each measure, with references.
///
/// Pure: the output depends only on the document, byte for byte (no clock, locale or I/O). Every string that
/// comes from the document is escaped with `HTMLEscaping`; numbers go through `EvaluationFormatting`.
public enum EvaluationReportRenderer {
  public static func render(_ document: EvaluationDocument) -> String {
    var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    html += "<meta name=\"generator\" content=\"\(HTMLEscaping.attribute(document.generator))\">\n"
    html += "<title>\(text(document.title))</title>\n<style>\n\(EvaluationReportStyles.stylesheet)</style>\n</head>\n"
    html += "<body>\n<div class=\"page\">\n"
    header(document, into: &html)
    summary(document, into: &html)
    EvaluationReportCharts.section(document, into: &html)
    EvaluationReportChecks.agreementSection(document, into: &html)
    EvaluationReportChecks.sanitySection(document, into: &html)
    EvaluationReportChecks.plausibilitySection(document, into: &html)
    EvaluationReportGuide.section(document, into: &html)
    html += "<footer>Made by \(text(document.generator)).</footer>\n</div>\n</body>\n</html>\n"
    return html
  }

  // MARK: - Sections

  private static func header(_ document: EvaluationDocument, into html: inout String) {
    html += "<header>\n<h1>\(text(document.title))</h1>\n"
    html += "<p class=\"meta\">Model <b>\(text(document.modelName))</b> "
    html += "(labels \(document.labels.map(text).joined(separator: ", "))) · corpus <b>\(text(document.corpus))</b><br>"
    html += "\(document.texts) texts evaluated, \(document.correct) predicted correctly"
    if document.texts > 0 {
      let share = 100 * Double(document.correct) / Double(document.texts)
      html += " (\(NumberFormatting.fixed(share, decimals: 1))%)"
    }
    html += " · erasure <code>\(text(document.erasure))</code> · top-k% bins "
    html += document.percentages.map { "\($0)%" }.joined(separator: ", ")
    html += " · word deletion up to \(document.deletionSteps) tokens<br>Random baseline averaged over "
    html += "\(document.randomSeeds) seeds · 95% intervals from \(document.bootstrapResamples) bootstrap resamples · "
    html += "generator \(text(document.generator))</p>\n"
    if !document.notes.isEmpty {
      html += "<ul class=\"notes\">\n" + document.notes.map { "<li>\(text($0))</li>\n" }.joined() + "</ul>\n"
    }
    html += "<nav><a href=\"#summary\">Summary</a> "
    if EvaluationReportCharts.hasCurves(document) { html += "<a href=\"#curves\">Curves</a> " }
    html += "<a href=\"#agreement\">Agreement</a> "
    if document.sanity != nil { html += "<a href=\"#sanity\">Sanity</a> " }
    if document.plausibility != nil { html += "<a href=\"#plausibility\">Plausibility</a> " }
    html += "<a href=\"#guide\">How to read this</a></nav>\n</header>\n"
  }

  private static func summary(_ document: EvaluationDocument, into html: inout String) {
    let summary = EvaluationSummary(document)
    html += "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"scroll\">\n<table class=\"summary\">\n"
    html += "<thead><tr><th>method</th>"
    for column in summary.columns {
      let direction = column.better.map { "&nbsp;" + $0 } ?? ""
      html += "<th>\(text(column.name))\(direction)<small>\(text(column.detail))</small></th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for row in summary.rows {
      let method = row.method
      html += method.isBaseline ? "<tr class=\"baseline\">" : "<tr>"
      html += "<th><span class=\"key \(EvaluationReportStyles.colorClass(of: method, in: document))\"></span>"
      html += text(method.id)
      if method.isBaseline { html += "<span class=\"badge\">baseline</span>" }
      html += "<small>\(text(methodDetail(method)))</small></th>"
      for cell in row.cells { html += self.cell(cell) }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n</div>\n<p class=\"muted\">Comprehensiveness: higher = more faithful (erasing the "
    html += "top tokens hurts the prediction). Sufficiency: lower = more faithful (the top tokens alone keep it). "
    html += "Accuracy after deleting \(document.deletionSteps) tokens of correct predictions: lower = better. "
    if let reference = document.evaluatedAgreementReference {
      html += "τ: how closely a method orders tokens like \(HTMLEscaping.text(reference)). "
    }
    if document.plausibility != nil { html += "Plausibility: higher = more top tokens agree with the lexicon. " }
    html += "The random baseline is the one to beat.</p>\n"
    modelBreakdown(document, into: &html)
    html += "</section>\n"
  }

  /// When several models read the texts (each its script's default): each method's AOPCs over each model's own texts.
  private static func modelBreakdown(_ document: EvaluationDocument, into html: inout String) {
    guard document.models.count > 1 else { return }
    html += "<h3>Per model</h3>\n<p class=\"muted\">Each text was read by the default model of its script; the table "
    html += "above pools all texts. Here: comprehensiveness AOPC ↑ / sufficiency AOPC ↓ over each model's own texts.</p>\n"
    html += "<div class=\"scroll\">\n<table class=\"summary\">\n<thead><tr><th>method</th>"
    for model in document.models {
      html += "<th>\(text(model.name))<small>\(model.texts) texts, \(model.correct) correct"
      if model.mostlyUnknown > 0 { html += ", \(model.mostlyUnknown) mostly unknown to it" }
      html += "</small></th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for (index, method) in document.methods.enumerated() {
      html += "<tr><th>\(text(method.id))</th>"
      for model in document.models {
        guard model.methods.indices.contains(index) else {
          html += "<td>\(EvaluationFormatting.notAvailable)</td>"
          continue
        }
        html += "<td>\(EvaluationFormatting.figure(model.methods[index].comprehensivenessAOPC.mean)) / "
        html += "\(EvaluationFormatting.figure(model.methods[index].sufficiencyAOPC.mean))</td>"
      }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n</div>\n"
  }

  // MARK: - Cells

  /// What sits under a method's id: its settings and how its scores rank tokens.
  private static func methodDetail(_ method: EvaluationDocument.MethodResult) -> String {
    let ranking: String
    switch method.ranking {
    case .signed: ranking = "ranked by signed score"
    case .magnitude: ranking = "ranked by |score|"
    case .random: ranking = "tokens in random order"
    }
    return method.options.isEmpty ? ranking : method.options + " · " + ranking
  }

  private static func cell(_ cell: EvaluationSummary.Cell) -> String {
    switch cell {
    case .estimate(let estimate):
      return estimateCell(estimate)
    case .verdict(let passed?):
      return "<td class=\"\(passed ? "ok" : "bad")\">\(EvaluationFormatting.verdict(passed))</td>"
    case .reference:
      return "<td class=\"muted\">\(cell.text)</td>"
    case .verdict(nil), .rate:
      return "<td class=\"num\">\(cell.text)</td>"
    }
  }

  /// A table cell `0.412 [0.398, 0.427]` with the interval muted, the number of examples in a tooltip and an
  /// optional remark on a line of its own; `n/a` when the estimate is missing or undefined.
  static func estimateCell(_ estimate: EvaluationDocument.Estimate?, remark: String? = nil) -> String {
    var cell: String
    if let estimate, estimate.mean.isFinite {
      cell = "<td class=\"num\" title=\"n = \(estimate.count)\">\(EvaluationFormatting.figure(estimate.mean)) "
      cell += "<span class=\"ci\">\(EvaluationFormatting.interval(estimate))</span>"
    } else {
      cell = "<td class=\"num\">\(EvaluationFormatting.notAvailable)"
    }
    if let remark { cell += "<small>\(HTMLEscaping.text(remark))</small>" }
    return cell + "</td>"
  }

  private static func text(_ value: String) -> String { HTMLEscaping.text(value) }
}
