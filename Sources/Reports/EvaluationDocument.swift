/// Everything `saliency evaluate` reports (terminal table, `index.html`, `results.json`, `curves.csv`): plain values,
/// no model, no I/O, so the renderers are pure functions of it.
public struct EvaluationDocument: Sendable, Equatable {
  /// A mean over examples with its bootstrap 95% percentile interval.
  public struct Estimate: Sendable, Equatable {
    public var mean: Double
    public var lower: Double
    public var upper: Double
    /// Examples the mean is over.
    public var count: Int

    public init(mean: Double, lower: Double, upper: Double, count: Int) {
      self.mean = mean
      self.lower = lower
      self.upper = upper
      self.count = count
    }
  }

  /// How a method's scores order tokens for the erasure measures.
  public enum Ranking: String, Sendable, Equatable {
    /// Highest signed score first (supports-target and class-independent methods).
    case signed
    /// Highest |score| first (unsigned methods).
    case magnitude
    /// A uniformly random order (the baseline).
    case random
  }

  /// The faithfulness figures of one method, or of the random baseline.
  public struct MethodResult: Sendable, Equatable {
    /// A method id, or `random` for the baseline.
    public var id: String
    /// nil for the random baseline.
    public var sign: HeatmapDocument.SignMeaning?
    /// Settings in words, e.g. `erasure=pad, measure=probability`; empty for the baseline.
    public var options: String
    public var ranking: Ranking
    /// p(target | x) − p(target | x with the top-k% erased), one per `EvaluationDocument.percentages`.
    public var comprehensiveness: [Estimate]
    /// p(target | x) − p(target | only the top-k% kept), one per `EvaluationDocument.percentages`.
    public var sufficiency: [Estimate]
    /// Area over the perturbation curve: the mean over the bins of the two curves above.
    public var comprehensivenessAOPC: Estimate
    public var sufficiencyAOPC: Estimate
    /// Word deletion: accuracy of the initially correct predictions after deleting their 0, 1, …, `deletionSteps`
    /// highest-scored tokens (first point 1 by construction); empty when there is no correct prediction.
    public var deletionOfCorrect: [Estimate]
    /// Accuracy of the initially wrong predictions after deleting their 0, 1, … lowest-scored tokens for the gold
    /// class (first point 0); empty when there is no wrong prediction.
    public var deletionOfWrong: [Estimate]
    /// Sequences explained per second by this method alone on the evaluated texts; nil for the baseline.
    public var sequencesPerSecond: Double?

    public init(id: String, sign: HeatmapDocument.SignMeaning?, options: String, ranking: Ranking,
                comprehensiveness: [Estimate], sufficiency: [Estimate], comprehensivenessAOPC: Estimate,
                sufficiencyAOPC: Estimate, deletionOfCorrect: [Estimate], deletionOfWrong: [Estimate],
                sequencesPerSecond: Double?) {
      self.id = id
      self.sign = sign
      self.options = options
      self.ranking = ranking
      self.comprehensiveness = comprehensiveness
      self.sufficiency = sufficiency
      self.comprehensivenessAOPC = comprehensivenessAOPC
      self.sufficiencyAOPC = sufficiencyAOPC
      self.deletionOfCorrect = deletionOfCorrect
      self.deletionOfWrong = deletionOfWrong
      self.sequencesPerSecond = sequencesPerSecond
    }
  }

  /// Mean Kendall τ-b between two methods' scores over the texts where it is defined (≥ 2 tokens, not all tied).
  public struct Agreement: Sendable, Equatable {
    public var first: String
    public var second: String
    /// nil when no text had a defined τ.
    public var tau: Estimate?

    public init(first: String, second: String, tau: Estimate?) {
      self.first = first
      self.second = second
      self.tau = tau
    }
  }

  /// One stage of the cascading randomisation, top layer first: each stage re-initialises its layer on top of
  /// the previous stages.
  public enum SanityStage: String, Sendable, Equatable, CaseIterable {
    case outputLayer = "output-layer"
    case lstm
    case embedding
  }

  /// How one method's maps change as the model is randomised (Adebayo et al. 2018).
  public struct SanityResult: Sendable, Equatable {
    public struct Stage: Sendable, Equatable {
      public var stage: SanityStage
      /// Spearman ρ between each text's map before and after; nil when undefined on every text.
      public var rho: Estimate?
      /// True where the method is not expected to change at this stage (class-independent methods ignore the
      /// output layer): reported, not failed.
      public var unchangedExpected: Bool

      public init(stage: SanityStage, rho: Estimate?, unchangedExpected: Bool) {
        self.stage = stage
        self.rho = rho
        self.unchangedExpected = unchangedExpected
      }
    }

    public var method: String
    public var stages: [Stage]
    /// True when the maps of the fully randomised model no longer resemble the trained model's (mean ρ below
    /// `EvaluationDocument.sanityThreshold`).
    public var passed: Bool

    public init(method: String, stages: [Stage], passed: Bool) {
      self.method = method
      self.stages = stages
      self.passed = passed
    }
  }

  /// Lexicon plausibility of one method's top tokens, or of random tokens (id `random`).
  public struct PlausibilityResult: Sendable, Equatable {
    public var id: String
    /// Share of the top-k tokens that are in the lexicon with a valence agreeing with the target class.
    public var agreeing: Estimate?
    /// Share of the top-k tokens found in the lexicon at all.
    public var covered: Estimate?

    public init(id: String, agreeing: Estimate?, covered: Estimate?) {
      self.id = id
      self.agreeing = agreeing
      self.covered = covered
    }
  }

  public struct Plausibility: Sendable, Equatable {
    /// The lexicon's file name and entry count.
    public var lexicon: String
    public var entries: Int
    /// Tokens taken from each text.
    public var topK: Int
    /// Texts whose target class has a valence direction (`positive` or `negative`).
    public var texts: Int
    /// One per method, then the random baseline.
    public var results: [PlausibilityResult]

    public init(lexicon: String, entries: Int, topK: Int, texts: Int, results: [PlausibilityResult]) {
      self.lexicon = lexicon
      self.entries = entries
      self.topK = topK
      self.texts = texts
      self.results = results
    }
  }

  /// What one model's own texts gave, when the texts were read by several models (each its script's default).
  public struct ModelBreakdown: Sendable, Equatable {
    public struct Method: Sendable, Equatable {
      public var id: String
      public var comprehensivenessAOPC: Estimate
      public var sufficiencyAOPC: Estimate

      public init(id: String, comprehensivenessAOPC: Estimate, sufficiencyAOPC: Estimate) {
        self.id = id
        self.comprehensivenessAOPC = comprehensivenessAOPC
        self.sufficiencyAOPC = sufficiencyAOPC
      }
    }

    public var name: String
    public var texts: Int
    public var correct: Int
    /// Texts more than half of whose tokens the model does not know.
    public var mostlyUnknown: Int
    /// The methods, then the random baseline, as in `EvaluationDocument.methods`.
    public var methods: [Method]

    public init(name: String, texts: Int, correct: Int, mostlyUnknown: Int, methods: [Method]) {
      self.name = name
      self.texts = texts
      self.correct = correct
      self.mostlyUnknown = mostlyUnknown
      self.methods = methods
    }
  }

  /// Mean ρ below which a method's maps count as changed by randomising the model.
  public static let sanityThreshold = 0.5

  public var title: String
  public var modelName: String
  public var labels: [String]
  /// The corpus's display name and how many texts were evaluated, of which the model got `correct` right.
  public var corpus: String
  public var texts: Int
  public var correct: Int
  /// How tokens are erased (`pad`, `unk`, `zero` or `remove`).
  public var erasure: String
  /// The k of the top-k% bins, e.g. [1, 5, 10, 20, 50].
  public var percentages: [Int]
  /// Tokens deleted at most in the word-deletion curves.
  public var deletionSteps: Int
  /// Seeds the random baseline is averaged over, and bootstrap resamples behind every interval.
  public var randomSeeds: Int
  public var bootstrapResamples: Int
  /// Methods in the order given, then the random baseline (id `random`).
  public var methods: [MethodResult]
  /// Every pair of methods, occlusion's pairs first when it is among them.
  public var agreement: [Agreement]
  /// nil when the sanity check was skipped (`--no-sanity`).
  public var sanity: [SanityResult]?
  /// nil without `--lexicon`.
  public var plausibility: Plausibility?
  /// Remarks for the reader, e.g. texts truncated or skipped.
  public var notes: [String]
  /// One entry per model that read texts (one entry when one model read them all).
  public var models: [ModelBreakdown] = []
  /// The method the summary's τ column compares every other method with, when it was evaluated.
  public var agreementReference: String?
  /// e.g. `saliency 0.3.0`.
  public var generator: String

  public init(title: String, modelName: String, labels: [String], corpus: String, texts: Int, correct: Int,
              erasure: String, percentages: [Int], deletionSteps: Int, randomSeeds: Int, bootstrapResamples: Int,
              methods: [MethodResult], agreement: [Agreement], sanity: [SanityResult]?, plausibility: Plausibility?,
              notes: [String], generator: String) {
    self.title = title
    self.modelName = modelName
    self.labels = labels
    self.corpus = corpus
    self.texts = texts
    self.correct = correct
    self.erasure = erasure
    self.percentages = percentages
    self.deletionSteps = deletionSteps
    self.randomSeeds = randomSeeds
    self.bootstrapResamples = bootstrapResamples
    self.methods = methods
    self.agreement = agreement
    self.sanity = sanity
    self.plausibility = plausibility
    self.notes = notes
    self.generator = generator
  }
}
