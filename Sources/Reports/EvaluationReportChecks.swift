/// The sections of the evaluation page beside faithfulness: how far the methods agree with each other (a
/// method × method matrix of mean τ), whether their maps survive randomising the model (sanity), and whether
/// their top tokens are known sentiment words (plausibility).
enum EvaluationReportChecks {
  /// A symmetric matrix of mean Kendall τ-b over the methods that appear in an agreement pair, baseline last;
  /// cells on the diverging colour scale (−1…1), the diagonal 1.
  static func agreementSection(_ document: EvaluationDocument, into html: inout String) {
    html += "<section id=\"agreement\">\n<h2>Agreement between methods</h2>\n"
    let ids = document.methodsBaselineLast.map(\.id).filter { id in
      document.agreement.contains { $0.first == id || $0.second == id }
    }
    guard !ids.isEmpty else {
      html += "<p class=\"muted\">Fewer than two methods: nothing to compare.</p>\n</section>\n"
      return
    }
    html += "<p class=\"muted\">Mean Kendall τ-b between the token scores of two methods, over the texts where it is "
    html += "defined (1: same order, 0: unrelated, −1: reversed). Hover a cell for its 95% interval.</p>\n"
    html += "<table class=\"matrix\">\n<thead><tr><th></th>"
    for id in ids { html += "<th>\(HTMLEscaping.text(id))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for row in ids {
      html += "<tr><th>\(HTMLEscaping.text(row))</th>"
      for column in ids {
        if row == column {
          html += tauCell(1, title: "the same method")
        } else if let tau = document.agreement(between: row, and: column)?.tau, tau.mean.isFinite {
          html += tauCell(tau.mean, title: "\(EvaluationFormatting.interval(tau)) over \(tau.count) texts")
        } else {
          html += "<td class=\"num\">\(EvaluationFormatting.notAvailable)</td>"
        }
      }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n</section>\n"
  }

  private static func tauCell(_ tau: Double, title: String) -> String {
    let background = ColorScale.color(for: tau, scale: 1, signed: true)
    return "<td class=\"num\" style=\"background:\(background.hex);color:\(background.readableForeground.hex)\" "
      + "title=\"\(title)\">\(EvaluationFormatting.figure(tau))</td>"
  }

  /// ρ per method and randomisation stage, with the verdict; nothing when the check was skipped.
  static func sanitySection(_ document: EvaluationDocument, into html: inout String) {
    guard let results = document.sanity else { return }
    let threshold = EvaluationFormatting.sanityThreshold
    html += "<section id=\"sanity\">\n<h2>Sanity check: model randomisation</h2>\n<p class=\"muted\">Spearman ρ "
    html += "between each text's map on the trained model and on a copy whose layers are re-initialised from the top "
    html += "down, each column adding its layer to those before it (mean [95% interval]). ρ near 1: the map barely "
    html += "depends on those weights.</p>\n"
    let stages = EvaluationDocument.SanityStage.allCases.filter { stage in
      results.contains { result in result.stages.contains { $0.stage == stage } }
    }
    html += "<table>\n<thead><tr><th>method</th>"
    for (index, stage) in stages.enumerated() { html += "<th>\(index == 0 ? "" : "+ ")\(stage.rawValue)</th>" }
    html += "<th>verdict</th></tr></thead>\n<tbody>\n"
    for result in results {
      html += "<tr><th>\(HTMLEscaping.text(result.method))</th>"
      for stage in stages {
        let found = result.stages.first { $0.stage == stage }
        let remark = found?.unchangedExpected == true ? "expected unchanged (class-independent)" : nil
        html += EvaluationReportRenderer.estimateCell(found?.rho, remark: remark)
      }
      html += "<td class=\"\(result.passed ? "ok" : "bad")\">\(EvaluationFormatting.verdict(result.passed))</td></tr>\n"
    }
    html += "</tbody>\n</table>\n<p class=\"muted\">A method passes when the mean ρ of the fully randomised model is "
    html += "below \(threshold): its maps then depend on what the model learned. Class-independent methods do not "
    html += "read the output layer, so randomising it is expected to leave their maps unchanged; that is not a "
    html += "failure.</p>\n</section>\n"
  }

  /// Agreeing share and coverage per method, random last; nothing without a lexicon.
  static func plausibilitySection(_ document: EvaluationDocument, into html: inout String) {
    guard let plausibility = document.plausibility else { return }
    html += "<section id=\"plausibility\">\n<h2>Plausibility</h2>\n<p class=\"muted\">Lexicon <code>"
    html += "\(HTMLEscaping.text(plausibility.lexicon))</code> (\(plausibility.entries) entries); each method's "
    html += "top-\(plausibility.topK) tokens per text, over \(plausibility.texts) texts whose target class has a "
    html += "direction. Agreeing: share of those tokens in the lexicon with a valence that agrees with the target "
    html += "class; coverage: share found in the lexicon at all. A plausible map is not necessarily a faithful "
    html += "one.</p>\n<table>\n<thead><tr><th>method</th><th>agreeing ↑</th><th>coverage</th></tr></thead>\n<tbody>\n"
    for result in plausibility.resultsBaselineLast {
      let isBaseline = result.id == EvaluationDocument.baselineID
      html += isBaseline ? "<tr class=\"baseline\">" : "<tr>"
      html += "<th>\(HTMLEscaping.text(result.id))\(isBaseline ? "<span class=\"badge\">baseline</span>" : "")</th>"
      html += EvaluationReportRenderer.estimateCell(result.agreeing)
      html += EvaluationReportRenderer.estimateCell(result.covered) + "</tr>\n"
    }
    html += "</tbody>\n</table>\n</section>\n"
  }
}
