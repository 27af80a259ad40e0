import Saliency

/// What `explain`, `report` and `analyze` run when `--method` is not given: the project's documented default,
/// chosen for faithfulness by `saliency evaluate` on both default models (README, "Which method by default";
/// figures in `reports/evaluation/`).
///
/// The choice is leave-one-out occlusion with `pad` erasure, measured in log-odds:
///
///     score_t = L(x) − L(x with token t replaced by <pad>),   L = log p_ŷ/(1 − p_ŷ)   (= z_ŷ − z_other for K = 2)
///
/// - Faithful: among the methods that explain a 40-token text in a few milliseconds (trajectory, gradient,
///   grad-input, lrp, prefix-prediction, occlusion; `scripts/bench/default_method_latency.py`), occlusion and lrp
///   have the highest ERASER comprehensiveness on both default models, within about 0.01 of each other (0.347 and
///   0.349 on default-en, 0.417 and 0.426 on default-zh); occlusion's score is the one a user can check by erasing
///   the word.
/// - Readable: log-odds are a monotone function of p, so they rank a text's tokens exactly as probability does
///   (the same `evaluate` figures), but they do not flatten confident predictions: in "Worst customer service I
///   have ever had." (p(negative) = 1.00) `Worst` scores +3.11 in log-odds and +0.05 in probability.
/// - Its top token is a lexicon word of the predicted class far more often than trajectory's, and rarely the
///   last token (`scripts/default-method-check.sh`).
///
/// An explicit `--method occlusion` still measures probability, as the contract says. The seed's `trajectory`
/// keeps its name and its numbers; it is no longer the default because its last step scores ‖h_n − h_{n−1}‖ and,
/// by the triangle inequality, no earlier step scores more than its own move, so it favours the last token.
public enum DefaultExplanation {
  /// The settings of the default: occlusion with its own defaults (erasure `pad`, window 1) but measure
  /// `log-odds`, so an explicit `--method occlusion` still measures `probability`.
  public static let settings = MethodSettings(methods: [Occlusion.id], parameters: .with { $0.measure = .logOdds })

  /// The options summary (`key=value, …`, as `MethodOptions.summary` writes it) of a map made with the
  /// default's settings.
  static let optionsSummary: String = {
    guard let options = try? Occlusion.Options(settings.parameters) else { preconditionFailure("the default is valid") }
    return options.summary
  }()

  /// The legend line that says what a map with the default's settings means and why it is the default, or nil
  /// for any other method or settings.
  /// - Parameters:
  ///   - method: the method id, e.g. `occlusion`.
  ///   - optionsSummary: its settings in words, e.g. `erasure=pad, measure=log-odds, window=1`.
  ///   - target: the label the scores refer to.
  public static func legend(method: String, optionsSummary: String, target: String) -> String? {
    guard settings.methods.map(\.rawValue) == [method], optionsSummary == Self.optionsSummary else { return nil }
    return "default method: occlusion in log-odds, how far the log-odds of \(target) fall when the word is erased; "
      + "among the most faithful fast methods by saliency evaluate on the default models (README)"
  }
}
