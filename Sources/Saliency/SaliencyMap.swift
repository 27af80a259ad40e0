import LSTMCore

/// The attribution methods, by their contract ids (`--method`).
public enum SaliencyMethodID: String, Sendable, CaseIterable, Codable {
  case trajectory
  case gradient
  case gradInput = "grad-input"
  case integratedGradients = "integrated-gradients"
  case smoothgrad
  case occlusion
  case lrp
  case shapley
  case prefixPrediction = "prefix-prediction"
}

/// What the sign of a score means.
public enum SaliencySign: String, Sendable, Codable {
  /// Positive supports the target class, negative opposes it.
  case supportsTarget = "supports-target"
  /// A magnitude: larger matters more, no direction.
  case unsigned
  /// Positive moves the state toward h_T, whatever the class.
  case classIndependent = "class-independent"
}

/// A method option's value, as written in the JSON `options` object.
public enum SaliencyOptionValue: Sendable, Equatable {
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
}

/// One word-level explanation of one sequence: one score per token plus everything needed to read it.
public struct SaliencyMap: Sendable, Equatable {
  public var method: SaliencyMethodID
  /// The class the scores refer to (recorded even for class-independent methods).
  public var target: Int
  public var sign: SaliencySign
  /// The method's settings in a fixed order, e.g. [("erasure", .string("pad"))].
  public var options: [(key: String, value: SaliencyOptionValue)]
  /// One score per token. [T]
  public var scores: [Double]
  /// The conservation residual where the method has one (see each method), else nil.
  public var axiomGap: Double?
  /// Remarks for the reader, e.g. that an input was truncated.
  public var notes: [String]

  public init(method: SaliencyMethodID, target: Int, sign: SaliencySign,
              options: [(key: String, value: SaliencyOptionValue)], scores: [Double], axiomGap: Double?, notes: [String] = []) {
    self.method = method
    self.target = target
    self.sign = sign
    self.options = options
    self.scores = scores
    self.axiomGap = axiomGap
    self.notes = notes
  }

  public static func == (lhs: SaliencyMap, rhs: SaliencyMap) -> Bool {
    lhs.method == rhs.method && lhs.target == rhs.target && lhs.sign == rhs.sign && lhs.scores == rhs.scores
      && lhs.axiomGap == rhs.axiomGap && lhs.notes == rhs.notes
      && lhs.options.map(\.key) == rhs.options.map(\.key) && lhs.options.map(\.value) == rhs.options.map(\.value)
  }
}
