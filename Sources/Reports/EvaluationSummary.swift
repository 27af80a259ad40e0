/// The summary table of an evaluation, drawn by both `EvaluationTable` (terminal) and `EvaluationReportRenderer`
/// (HTML) so they show the same columns: one row per method with the random baseline last, and only the columns
/// the document has data for (τ needs occlusion among the methods, plausibility a lexicon, the verdict the sanity
/// check).
struct EvaluationSummary {
  enum Column: Equatable {
    case comprehensiveness
    case sufficiency
    /// Accuracy of the initially correct predictions after deleting this many tokens.
    case deletion(steps: Int)
    /// Mean Kendall τ-b with the reference method.
    case agreement(reference: String)
    case plausibility
    case sanity
    case throughput

    /// The column header without its direction.
    var name: String {
      switch self {
      case .comprehensiveness: return "comprehensiveness"
      case .sufficiency: return "sufficiency"
      case .deletion(let steps): return "accuracy @\(steps) deleted"
      case .agreement(let reference): return "τ with \(reference)"
      case .plausibility: return "plausibility"
      case .sanity: return "sanity"
      case .throughput: return "seq/s"
      }
    }

    /// `↑` where higher is better, `↓` where lower is, nil where neither is.
    var better: String? {
      switch self {
      case .comprehensiveness, .plausibility: return "↑"
      case .sufficiency, .deletion: return "↓"
      case .agreement, .sanity, .throughput: return nil
      }
    }

    /// The column header with its direction, e.g. `sufficiency ↓` (short enough for a terminal).
    var title: String { better.map { name + " " + $0 } ?? name }

    /// What the column holds, in a few words (the HTML header's second line).
    var detail: String {
      switch self {
      case .comprehensiveness, .sufficiency: return "AOPC, mean [95% interval]"
      case .deletion: return "correct predictions"
      case .agreement: return "mean Kendall τ-b"
      case .plausibility: return "top tokens agreeing with the lexicon"
      case .sanity: return "randomised model"
      case .throughput: return "sequences per second"
      }
    }
  }

  /// One figure of the table.
  enum Cell: Equatable {
    /// A mean with its interval; nil when there is none (`n/a`).
    case estimate(EvaluationDocument.Estimate?)
    /// The reference method's own τ column: it is what the others are compared with.
    case reference
    /// A sanity verdict; nil when the method was not checked.
    case verdict(Bool?)
    case rate(Double?)

    /// The cell as plain text, e.g. `0.412 [0.398, 0.427]`, `passed`, `n/a`.
    var text: String {
      switch self {
      case .estimate(let estimate): return EvaluationFormatting.estimate(estimate)
      case .reference: return "reference"
      case .verdict(let passed): return passed.map(EvaluationFormatting.verdict) ?? EvaluationFormatting.notAvailable
      case .rate(let rate): return EvaluationFormatting.rate(rate)
      }
    }
  }

  struct Row {
    let method: EvaluationDocument.MethodResult
    /// One per column of the summary.
    let cells: [Cell]
  }

  let columns: [Column]
  let rows: [Row]

  init(_ document: EvaluationDocument) {
    var columns: [Column] = [.comprehensiveness, .sufficiency, .deletion(steps: document.deletionSteps)]
    if let reference = document.evaluatedAgreementReference { columns.append(.agreement(reference: reference)) }
    if document.plausibility != nil { columns.append(.plausibility) }
    if document.sanity != nil { columns.append(.sanity) }
    columns.append(.throughput)
    self.columns = columns
    rows = document.methodsBaselineLast.map { method in
      Row(method: method, cells: columns.map { Self.cell($0, of: method, in: document) })
    }
  }

  private static func cell(_ column: Column, of method: EvaluationDocument.MethodResult,
                           in document: EvaluationDocument) -> Cell {
    switch column {
    case .comprehensiveness: return .estimate(method.comprehensivenessAOPC)
    case .sufficiency: return .estimate(method.sufficiencyAOPC)
    case .deletion: return .estimate(method.deletionOfCorrect.last)
    case .agreement(let reference):
      if method.id == reference { return .reference }
      return .estimate(document.agreement(between: reference, and: method.id)?.tau)
    case .plausibility: return .estimate(document.plausibility(of: method.id)?.agreeing)
    case .sanity: return .verdict(document.sanity(of: method.id)?.passed)
    case .throughput: return .rate(method.sequencesPerSecond)
    }
  }
}
