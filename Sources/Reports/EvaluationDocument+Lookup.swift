/// Orderings and look-ups the evaluation renderers share, so the page and the terminal table list the same rows
/// in the same order.
extension EvaluationDocument {
  /// The id of the random baseline, in `methods` and in the plausibility results.
  public static let baselineID = "random"

  /// Methods in the order given, then the random baseline.
  var methodsBaselineLast: [MethodResult] {
    methods.filter { !$0.isBaseline } + methods.filter(\.isBaseline)
  }

  /// Every method but the random baseline, in the order given (the ones drawn in colour).
  var explainingMethods: [MethodResult] { methods.filter { !$0.isBaseline } }

  /// The reference method of the τ column when it is among the evaluated methods.
  var evaluatedAgreementReference: String? {
    agreementReference.flatMap { reference in explainingMethods.contains { $0.id == reference } ? reference : nil }
  }

  /// The agreement of two methods, whichever order the pair was stored in; nil when there is no such pair.
  func agreement(between first: String, and second: String) -> Agreement? {
    agreement.first { ($0.first == first && $0.second == second) || ($0.first == second && $0.second == first) }
  }

  /// The sanity result of one method; nil when the check was skipped or did not cover the method.
  func sanity(of method: String) -> SanityResult? {
    sanity?.first { $0.method == method }
  }

  /// The plausibility result of one method or of the baseline; nil without a lexicon or for an absent id.
  func plausibility(of id: String) -> PlausibilityResult? {
    plausibility?.results.first { $0.id == id }
  }
}

extension EvaluationDocument.MethodResult {
  /// True for the random baseline (tokens erased in a random order).
  var isBaseline: Bool { ranking == .random }
}

extension EvaluationDocument.Plausibility {
  /// The results in the order given, the random baseline last.
  var resultsBaselineLast: [EvaluationDocument.PlausibilityResult] {
    results.filter { $0.id != EvaluationDocument.baselineID } + results.filter { $0.id == EvaluationDocument.baselineID }
  }
}

extension EvaluationDocument.SanityResult {
  /// The last stage, where every randomised layer is re-initialised; the verdict is about its ρ.
  var fullyRandomised: Stage? { stages.last }
}
