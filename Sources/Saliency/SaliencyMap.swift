import LSTMCore

/// What the sign of a score means.
public enum SaliencySign: String, Sendable, Codable {
  /// Positive supports the target class, negative opposes it.
  case supportsTarget = "supports-target"
  /// A magnitude: larger matters more, no direction.
  case unsigned
  /// Positive moves the state toward h_T, whatever the class.
  case classIndependent = "class-independent"
}

/// One word-level explanation of one sequence: one score per token plus everything needed to read it.
public struct SaliencyMap: Sendable, Equatable {
  public var method: SaliencyMethodID
  /// The class the scores refer to (recorded even for class-independent methods).
  public var target: Int
  public var sign: SaliencySign
  /// The method's options as used for this map (typed; `options.fields` lists them in declaration order).
  public var options: any MethodOptions
  /// One score per token. [T]
  public var scores: [Double]
  /// The conservation residual where the method has one (see each method), else nil.
  public var axiomGap: Double?
  /// Remarks for the reader, e.g. that an input was truncated.
  public var notes: [String]

  public init(method: SaliencyMethodID, target: Int, sign: SaliencySign,
              options: any MethodOptions, scores: [Double], axiomGap: Double?, notes: [String] = []) {
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
      && lhs.options.isEqual(to: rhs.options)
  }

  /// Where the map's colours saturate on an absolute scale, as its method says (`ColorSaturation`), or nil.
  public var colorSaturation: ColorSaturation? { options.colorSaturation(of: self) }
}
