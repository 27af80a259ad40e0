/// The terminal summary of `saliency evaluate`: a few lines about the run, the summary table (the columns of the
/// HTML page's, one row per method, the random baseline last), which direction is better, the AOPCs per model when
/// several models read the texts, one line per sanity
/// verdict, the plausibility setting and the notes. Plain text, no colour.
///
/// Columns are left-aligned and padded by display width (`TerminalWidth`), two spaces apart, like `column -t`.
/// When the table is wider than `width`, its columns are split into stacked blocks that each repeat the method
/// column, so no line of the table exceeds `width` unless a single column does. User text passes through
/// `TerminalSanitizer`; prose lines wrap at `width` (`LineWrapper`). Pure: the same document and width give the
/// same bytes.
public enum EvaluationTable {
  /// Spaces between columns.
  private static let gap = 2

  /// The whole summary, every line ending in a line feed.
  /// - Parameter width: terminal columns the table may use.
  public static func render(_ document: EvaluationDocument, width: Int = 100) -> String {
    let summary = EvaluationSummary(document)
    var lines = header(document).flatMap { wrapped($0, width: width) }
    lines.append("")
    let titles = ["method"] + summary.columns.map(\.title)
    let rows = summary.rows.map { row in [methodName(row.method)] + row.cells.map(\.text) }
    for block in blocks(titles: titles, rows: rows, width: width) {
      lines += aligned([block.map { titles[$0] }] + rows.map { row in block.map { row[$0] } })
      lines.append("")
    }
    lines += wrapped("↑ higher is more faithful, ↓ lower is; random is the baseline to beat.", width: width)
    if document.models.count > 1 {
      lines += wrapped("per model, over its own texts: comprehensiveness AOPC ↑ / sufficiency AOPC ↓", width: width)
      let titles = ["method"] + document.models.map { "\(safe($0.name)) (\($0.texts) texts, \($0.correct) correct)" }
      let rows = document.methods.indices.map { index in
        [methodName(document.methods[index])] + document.models.map { model in
          model.methods.indices.contains(index)
            ? EvaluationFormatting.figure(model.methods[index].comprehensivenessAOPC.mean) + " / "
              + EvaluationFormatting.figure(model.methods[index].sufficiencyAOPC.mean)
            : EvaluationFormatting.notAvailable
        }
      }
      for block in blocks(titles: titles, rows: rows, width: width) {
        lines += aligned([block.map { titles[$0] }] + rows.map { row in block.map { row[$0] } })
      }
    }
    lines += sanity(document, width: width)
    if let plausibility = document.plausibility {
      lines += wrapped("plausibility: share of each method's top-\(plausibility.topK) tokens per text found in "
        + "\(safe(plausibility.lexicon)) (\(plausibility.entries) entries) with a valence agreeing with the target "
        + "class, over \(plausibility.texts) texts.", width: width)
    }
    lines += document.notes.flatMap { wrapped("note: " + safe($0), width: width) }
    return lines.map { $0 + "\n" }.joined()
  }

  private static func header(_ document: EvaluationDocument) -> [String] {
    let labels = document.labels.map(safe).joined(separator: ", ")
    let bins = document.percentages.map(String.init).joined(separator: ", ")
    return [
      safe(document.title),
      "model \(safe(document.modelName)) (\(labels)), corpus \(safe(document.corpus)): \(document.texts) texts, "
        + "\(document.correct) predicted correctly",
      "erasure \(safe(document.erasure)), top-k% bins \(bins), random baseline over \(document.randomSeeds) seeds, "
        + "95% intervals from \(document.bootstrapResamples) bootstrap resamples",
    ]
  }

  /// A heading and one aligned line per checked method, about its fully randomised stage.
  private static func sanity(_ document: EvaluationDocument, width: Int) -> [String] {
    guard let results = document.sanity, !results.isEmpty else { return [] }
    let rows = results.map { result in
      ["  " + safe(result.method), EvaluationFormatting.verdict(result.passed),
       "ρ " + EvaluationFormatting.estimate(result.fullyRandomised?.rho)]
    }
    return wrapped("sanity (Adebayo et al. 2018): passed when ρ(trained, fully randomised model) < "
      + EvaluationFormatting.sanityThreshold, width: width) + aligned(rows)
  }

  // MARK: - Layout

  /// The row's first cell: the method id, the baseline marked as such.
  private static func methodName(_ method: EvaluationDocument.MethodResult) -> String {
    method.isBaseline ? safe(method.id) + " (baseline)" : safe(method.id)
  }

  /// Column indices per block: column 0 (the method) starts every block; the others follow in order, a new
  /// block starting when the next column would make the lines wider than `width`.
  private static func blocks(titles: [String], rows: [[String]], width: Int) -> [[Int]] {
    let widths = titles.indices.map { column in
      ([titles[column]] + rows.map { $0[column] }).map(TerminalWidth.columns(of:)).max() ?? 0
    }
    var blocks: [[Int]] = []
    var current = [0]
    var used = widths[0]
    for column in titles.indices.dropFirst() {
      if current.count > 1, used + gap + widths[column] > width {
        blocks.append(current)
        current = [0]
        used = widths[0]
      }
      current.append(column)
      used += gap + widths[column]
    }
    blocks.append(current)
    return blocks
  }

  /// Rows padded to common column widths (by display width), trailing spaces dropped.
  private static func aligned(_ rows: [[String]]) -> [String] {
    let count = rows.map(\.count).max() ?? 0
    let widths = (0..<count).map { column in
      rows.map { $0.indices.contains(column) ? TerminalWidth.columns(of: $0[column]) : 0 }.max() ?? 0
    }
    return rows.map { row in
      var line = ""
      for (column, cell) in row.enumerated() {
        line += cell
        if column < row.count - 1 {
          line += String(repeating: " ", count: widths[column] - TerminalWidth.columns(of: cell) + gap)
        }
      }
      return line
    }
  }

  /// Prose broken into lines of at most `width` columns, the lines after the first indented by two spaces.
  private static func wrapped(_ text: String, width: Int) -> [String] {
    LineWrapper(width: width, continuationIndent: "  ").wrap(TerminalCell.words(text)).map { line in
      line.map(\.text).joined()
    }
  }

  private static func safe(_ text: String) -> String { TerminalSanitizer.sanitize(text) }
}
