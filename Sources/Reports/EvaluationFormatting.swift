/// How the evaluation renderers write numbers, the same in the terminal and on the page: fixed decimals,
/// intervals in brackets, `n/a` for what is missing or undefined. Locale-free (`NumberFormatting`).
enum EvaluationFormatting {
  /// Decimals of every figure: probability differences, accuracies, shares, correlations.
  static let decimals = 3
  /// Significant digits of a throughput.
  static let rateDigits = 3
  /// Written for a missing, NaN or infinite figure.
  static let notAvailable = "n/a"

  /// `0.412`, or `n/a`.
  static func figure(_ value: Double?) -> String {
    guard let value, value.isFinite else { return notAvailable }
    return NumberFormatting.fixed(value, decimals: decimals)
  }

  /// `[0.398, 0.427]`, the bootstrap 95% interval of an estimate.
  static func interval(_ estimate: EvaluationDocument.Estimate) -> String {
    "[" + figure(estimate.lower) + ", " + figure(estimate.upper) + "]"
  }

  /// `0.412 [0.398, 0.427]`, or `n/a` when there is no estimate or its mean is undefined.
  static func estimate(_ estimate: EvaluationDocument.Estimate?) -> String {
    guard let estimate, estimate.mean.isFinite else { return notAvailable }
    return figure(estimate.mean) + " " + interval(estimate)
  }

  /// Sequences per second with three significant digits and no trailing zeros (`1240`, `35.2`, `0.41`), or `n/a`.
  static func rate(_ value: Double?) -> String {
    guard let value, value.isFinite else { return notAvailable }
    return NumberFormatting.short(value, significantDigits: rateDigits)
  }

  /// The sanity threshold as written in sentences (`0.5`).
  static var sanityThreshold: String {
    NumberFormatting.short(EvaluationDocument.sanityThreshold)
  }

  /// `passed` or `failed`.
  static func verdict(_ passed: Bool) -> String { passed ? "passed" : "failed" }
}
