/// Everything the corpus-analysis page shows (`saliency analyze` → `index.html`): plain values, no model,
/// no I/O, so `CorpusReportRenderer` is a pure function of it.
public struct CorpusReportDocument: Sendable, Equatable {
  /// A method and what its scores mean.
  public struct Method: Sendable, Equatable {
    public var id: String
    /// nil when no text was explained (so no map recorded it).
    public var sign: HeatmapDocument.SignMeaning?
    /// Settings in words, e.g. `of=logit`.
    public var options: String?
    /// One more legend sentence, e.g. why this is the default method; nil for none.
    public var about: String?

    public init(id: String, sign: HeatmapDocument.SignMeaning?, options: String?, about: String? = nil) {
      self.id = id
      self.sign = sign
      self.options = options
      self.about = about
    }
  }

  /// Precision, recall and F1 of one class; nil where undefined.
  public struct ClassRow: Sendable, Equatable {
    public var label: String
    public var precision: Double?
    public var recall: Double?
    public var f1: Double?
    /// Gold examples of the class, and predictions of it.
    public var support: Int
    public var predicted: Int

    public init(label: String, precision: Double?, recall: Double?, f1: Double?, support: Int, predicted: Int) {
      self.label = label
      self.precision = precision
      self.recall = recall
      self.f1 = f1
      self.support = support
      self.predicted = predicted
    }
  }

  /// One confidence bin of the reliability diagram: [lower, upper).
  public struct CalibrationBin: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var count: Int
    public var accuracy: Double?
    public var meanConfidence: Double?

    public init(lower: Double, upper: Double, count: Int, accuracy: Double?, meanConfidence: Double?) {
      self.lower = lower
      self.upper = upper
      self.count = count
      self.accuracy = accuracy
      self.meanConfidence = meanConfidence
    }
  }

  /// Accuracy of the texts of one length range, e.g. `11–20` tokens.
  public struct LengthBucket: Sendable, Equatable {
    public var range: String
    public var count: Int
    public var accuracy: Double?

    public init(range: String, count: Int, accuracy: Double?) {
      self.range = range
      self.count = count
      self.accuracy = accuracy
    }
  }

  /// Mean Kendall τ-b between two methods over the texts where it is defined.
  public struct Agreement: Sendable, Equatable {
    public var first: String
    public var second: String
    public var meanTau: Double?
    public var texts: Int
    public var undefined: Int

    public init(first: String, second: String, meanTau: Double?, texts: Int, undefined: Int) {
      self.first = first
      self.second = second
      self.meanTau = meanTau
      self.texts = texts
      self.undefined = undefined
    }
  }

  /// One token of a word table.
  public struct Word: Sendable, Equatable {
    public var token: String
    public var meanSigned: Double
    public var meanMagnitude: Double
    public var count: Int
    /// Share of its scores above zero, 0…1.
    public var sharePositive: Double

    public init(token: String, meanSigned: Double, meanMagnitude: Double, count: Int, sharePositive: Double) {
      self.token = token
      self.meanSigned = meanSigned
      self.meanMagnitude = meanMagnitude
      self.count = count
      self.sharePositive = sharePositive
    }
  }

  /// The tokens that most support and most oppose one class under one method (for unsigned methods,
  /// `supporting` holds the largest and `opposing` is empty).
  public struct WordTable: Sendable, Equatable {
    public var method: String
    public var sign: HeatmapDocument.SignMeaning
    public var label: String
    public var supporting: [Word]
    public var opposing: [Word]
    /// The model whose vocabulary the table is of, when the analysis used several (nil for one).
    public var model: String?

    public init(method: String, sign: HeatmapDocument.SignMeaning, label: String, supporting: [Word], opposing: [Word],
                model: String? = nil) {
      self.method = method
      self.sign = sign
      self.label = label
      self.supporting = supporting
      self.opposing = opposing
      self.model = model
    }
  }

  /// A list of texts shown with their heatmaps, e.g. the most confident errors.
  public struct ExampleGroup: Sendable, Equatable {
    public var title: String
    public var description: String
    /// (line of the input, document) pairs, in the order to show.
    public var examples: [(line: Int, document: HeatmapDocument)]

    public init(title: String, description: String, examples: [(line: Int, document: HeatmapDocument)]) {
      self.title = title
      self.description = description
      self.examples = examples
    }

    public static func == (a: ExampleGroup, b: ExampleGroup) -> Bool {
      a.title == b.title && a.description == b.description && a.examples.map(\.line) == b.examples.map(\.line)
        && a.examples.map(\.document) == b.examples.map(\.document)
    }
  }

  public var title: String
  /// e.g. `saliency 0.1.0`.
  public var generator: String?
  public var inputName: String
  public var inputSHA256: String?
  /// e.g. `shard 1/4`, or `merged from shards 0/4, 1/4, 2/4, 3/4`; nil for a plain run.
  public var scope: String?
  public var modelName: String
  public var labels: [String]
  public var methods: [Method]
  /// Named counts in display order (rows, analysed, rejected, …).
  public var counts: [(name: String, value: Int)]
  public var notes: [String]
  /// Texts the metrics are computed on.
  public var count: Int
  public var accuracy: Double?
  public var balancedAccuracy: Double?
  public var macroF1: Double?
  public var expectedCalibrationError: Double?
  public var classes: [ClassRow]
  /// confusion[gold][predicted]. [K][K]
  public var confusion: [[Int]]
  public var calibration: [CalibrationBin]
  public var lengths: [LengthBucket]
  public var agreement: [Agreement]
  /// Tokens need at least this many occurrences to enter a word table.
  public var minCount: Int
  /// Which tokens the word tables leave out, in a sentence (e.g. punctuation); empty when none.
  public var wordFilter: String
  public var words: [WordTable]
  public var exampleGroups: [ExampleGroup]

  public init(title: String, generator: String?, inputName: String, inputSHA256: String?, scope: String?,
              modelName: String, labels: [String], methods: [Method], counts: [(name: String, value: Int)],
              notes: [String], count: Int, accuracy: Double?, balancedAccuracy: Double?, macroF1: Double?,
              expectedCalibrationError: Double?, classes: [ClassRow], confusion: [[Int]],
              calibration: [CalibrationBin], lengths: [LengthBucket], agreement: [Agreement], minCount: Int,
              wordFilter: String = "", words: [WordTable], exampleGroups: [ExampleGroup]) {
    self.title = title
    self.generator = generator
    self.inputName = inputName
    self.inputSHA256 = inputSHA256
    self.scope = scope
    self.modelName = modelName
    self.labels = labels
    self.methods = methods
    self.counts = counts
    self.notes = notes
    self.count = count
    self.accuracy = accuracy
    self.balancedAccuracy = balancedAccuracy
    self.macroF1 = macroF1
    self.expectedCalibrationError = expectedCalibrationError
    self.classes = classes
    self.confusion = confusion
    self.calibration = calibration
    self.lengths = lengths
    self.agreement = agreement
    self.minCount = minCount
    self.wordFilter = wordFilter
    self.words = words
    self.exampleGroups = exampleGroups
  }

  public static func == (a: CorpusReportDocument, b: CorpusReportDocument) -> Bool {
    a.title == b.title && a.generator == b.generator && a.inputName == b.inputName && a.inputSHA256 == b.inputSHA256
      && a.scope == b.scope && a.modelName == b.modelName && a.labels == b.labels && a.methods == b.methods
      && a.counts.map(\.name) == b.counts.map(\.name) && a.counts.map(\.value) == b.counts.map(\.value)
      && a.notes == b.notes && a.count == b.count && a.accuracy == b.accuracy && a.balancedAccuracy == b.balancedAccuracy
      && a.macroF1 == b.macroF1 && a.expectedCalibrationError == b.expectedCalibrationError && a.classes == b.classes
      && a.confusion == b.confusion && a.calibration == b.calibration && a.lengths == b.lengths
      && a.agreement == b.agreement && a.minCount == b.minCount && a.wordFilter == b.wordFilter && a.words == b.words && a.exampleGroups == b.exampleGroups
  }
}
