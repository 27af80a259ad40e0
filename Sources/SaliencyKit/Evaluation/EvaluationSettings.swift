import Saliency

/// How `saliency evaluate` measures: the methods under test and every knob of the measures.
public struct EvaluationSettings: Sendable {
  /// The methods and their options (their `erasure` is also the erasure of the measures).
  public var methods: MethodSettings
  /// The k of the ERASER top-k% bins.
  public var percentages = [1, 5, 10, 20, 50]
  /// Word deletion erases up to this many tokens.
  public var deletionSteps = 5
  /// The random baseline is averaged over this many random orders per text.
  public var randomSeeds = 10
  /// Resamples behind each bootstrap 95% interval.
  public var bootstrapResamples = 1_000
  /// Run the cascading-randomisation sanity check (three more passes of every method).
  public var sanity = true
  /// Tokens per text judged by lexicon plausibility.
  public var plausibilityTopK = 5
  /// Workers over texts.
  public var threads = 2

  public init(methods: MethodSettings) { self.methods = methods }

  /// The seed of every random draw of the evaluation (baseline orders, bootstrap, randomised models).
  var seed: UInt64 { methods.seed }
}
