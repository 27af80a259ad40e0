import Saliency

/// How `saliency evaluate` measures: the methods under test and every knob of the measures.
public struct EvaluationSettings: Sendable {
  /// The methods and the options given for them.
  public var methods: MethodSettings
  /// How the measures erase a token (`--erasure`, which perturbation methods under test read too).
  public var erasure = Erasure.pad
  /// The seed of every random draw of the evaluation: baseline orders, bootstrap, randomised models (`--seed`,
  /// which sampling methods under test read too).
  public var seed: UInt64 = 0
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

  /// The evaluation's erasure and seed are the ones given for the methods, if any.
  public init(methods: MethodSettings) {
    self.methods = methods
    if let erasure = methods.parameters.erasure { self.erasure = erasure }
    if let seed = methods.parameters.seed { self.seed = seed }
  }
}
