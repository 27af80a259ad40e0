/// Everything a renderer needs to draw the explanations of one text: plain values, no model, no I/O.
///
/// Renderers are pure functions of this value, so their output is byte-for-byte reproducible.
public struct HeatmapDocument: Sendable, Equatable {
  /// One token as it appears in the text.
  public struct Token: Sendable, Equatable {
    /// Surface form (for `--token-ids` input, `#17`).
    public var text: String
    /// Half-open offsets in Unicode scalars of `HeatmapDocument.text`; nil when there is no text.
    public var start: Int?
    public var end: Int?
    /// True when the model's vocabulary does not have the token and reads it as `<unk>`: the renderers mark it
    /// (terminal `⁇`, HTML dotted underline) and explain the mark in the legend.
    public var unknown: Bool

    public init(text: String, start: Int?, end: Int?, unknown: Bool = false) {
      self.text = text
      self.start = start
      self.end = end
      self.unknown = unknown
    }
  }

  /// The terminal's mark after a token the model does not know, and the words that explain it.
  public static let unknownMark = "⁇"
  public static let unknownMeaning = "not in the model's vocabulary (read as <unk>)"

  /// True when some token is unknown to the model, so legends explain the mark.
  public var hasUnknownTokens: Bool { tokens.contains(where: \.unknown) }

  /// What the sign of a score means, so legends can say it.
  public enum SignMeaning: String, Sendable, Equatable {
    /// Positive supports the target class.
    case supportsTarget = "supports-target"
    /// Magnitudes only.
    case unsigned
    /// Positive moves the hidden state toward the final state h_T (not a class).
    case classIndependent = "class-independent"
  }

  /// Where a method's colours saturate on an absolute scale (filled in by the caller from the method and
  /// its measure; see `Saliency.ColorSaturation` for the table), e.g. ±0.5 `probability`.
  public struct AbsoluteScale: Sendable, Equatable {
    /// The |score| at which the colour reaches the end of the scale.
    public var value: Double
    /// The unit in words, e.g. `probability`, `logit`, `of ‖h_n‖`.
    public var unit: String

    public init(value: Double, unit: String) {
      self.value = value
      self.unit = unit
    }
  }

  /// One method's scores.
  public struct Explanation: Sendable, Equatable {
    /// The method id, e.g. `trajectory`.
    public var method: String
    public var sign: SignMeaning
    /// The label the scores refer to.
    public var target: String
    /// Settings in words, e.g. `erasure=pad, measure=probability`.
    public var optionsSummary: String
    /// One per token.
    public var scores: [Double]
    public var axiomGap: Double?
    /// Where the colour saturates under `Normalization.absolute`; nil when the method has no absolute unit
    /// (the renderers then scale by the largest |score| and say so).
    public var saturation: AbsoluteScale?

    /// One more legend line in words, e.g. why this is the default method; nil for none.
    public var about: String?

    public init(method: String, sign: SignMeaning, target: String, optionsSummary: String, scores: [Double], axiomGap: Double?,
                saturation: AbsoluteScale? = nil, about: String? = nil) {
      self.method = method
      self.sign = sign
      self.target = target
      self.optionsSummary = optionsSummary
      self.scores = scores
      self.axiomGap = axiomGap
      self.saturation = saturation
      self.about = about
    }
  }

  /// The original text (nil for token-id input).
  public var text: String?
  public var tokens: [Token]
  public var modelName: String
  /// Class labels in model order, with their probabilities.
  public var labels: [String]
  public var probabilities: [Double]
  /// Index into `labels`.
  public var predicted: Int
  /// The gold label when known.
  public var gold: String?
  /// True when the input was cut at `--max-tokens`.
  public var truncated: Bool
  /// Remarks for the reader (e.g. "every token is unknown to the model").
  public var notes: [String]
  public var explanations: [Explanation]
  /// The class probabilities after each token, `prefixProbabilities[t][k]` = p(labels[k] | tokens 0…t), read off
  /// softmax(fc(h_t)) when `prefix-prediction` is among the methods; nil otherwise. [T][K]
  public var prefixProbabilities: [[Double]]?
  /// Kendall τ-b of each method with the reference method; nil for fewer than two methods.
  public var agreement: MethodAgreement?

  public init(text: String?, tokens: [Token], modelName: String, labels: [String], probabilities: [Double], predicted: Int,
              gold: String? = nil, truncated: Bool = false, notes: [String] = [], explanations: [Explanation],
              prefixProbabilities: [[Double]]? = nil, agreement: MethodAgreement? = nil) {
    self.text = text
    self.tokens = tokens
    self.modelName = modelName
    self.labels = labels
    self.probabilities = probabilities
    self.predicted = predicted
    self.gold = gold
    self.truncated = truncated
    self.notes = notes
    self.explanations = explanations
    self.prefixProbabilities = prefixProbabilities
    self.agreement = agreement
  }
}
