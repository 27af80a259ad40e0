import LSTMCore

/// Shapley values over token positions. Players are the positions N = {1…T}; the value of a coalition S is
/// v(S) = F(x^S), where x^S erases every position outside S (`erasure`, so v(∅) is the all-erased input, not an
/// empty one unless the erasure is `remove`) and F = p_k, logit_k or log p_k/(1 − p_k) of the target (`measure`).
///
///     exact, T ≤ exactLimit (all 2^T coalitions):
///       φ_t = Σ_{S ⊆ N∖{t}} |S|!(T − |S| − 1)!/T! · (v(S ∪ {t}) − v(S))
///     sampled, T > exactLimit (P = samples permutations π; pre_π(t) = the positions before t in π):
///       φ_t = (1/P) Σ_π (v(pre_π(t) ∪ {t}) − v(pre_π(t)))
///     axiom_gap = Σ_t φ_t − (v(N) − v(∅))                                       (efficiency)
///
/// Sampling uses antithetic pairs: each random permutation π (Fisher–Yates from `SplitMix64(seed:)`) is followed
/// by its reverse, which lowers the variance (for an odd `samples` the last reverse is left out). Every
/// permutation telescopes to v(N) − v(∅), so the gap is rounding in both modes. Coalition inputs run in packed
/// batches through `BatchedOutputs`. Positive supports the target.
public struct Shapley: PerTextMethod {
  public static let id = SaliencyMethodID(rawValue: "shapley")
  public static let traits: MethodTraits = [.perturbation]

  public struct Options: MethodOptions {
    /// How a position outside a coalition is erased (`--erasure`).
    public var erasure = Erasure.pad
    /// F (`--measure`): `probability`, `logit` or `log-odds`.
    public var measure = PerturbationMeasure.probability
    /// P, the number of permutations when sampling (`--samples`).
    public var samples = 200
    public var seed: UInt64 = 0
    /// Inputs of at most this many tokens get exact values (not a command-line option, and not recorded).
    public var exactLimit = Shapley.defaultExactLimit
    /// Whether a map's values are exact (recorded on maps; nil in a configuration).
    public var exact: Bool?

    public init() {}

    /// - Throws: for the hidden-distance measure, fewer than one or more than `maximumSamples` samples, or an
    ///   `exactLimit` outside 0…`largestExactLimit`.
    public func validate() throws(SaliencyOptionError) {
      guard measure != .hiddenDistance else { throw .measureIsNotACoalitionValue(measure) }
      guard samples >= 1 else { throw .tooFewSamples(samples) }
      guard samples <= Shapley.maximumSamples else { throw .tooManySamples(samples, maximum: Shapley.maximumSamples) }
      guard (0...Shapley.largestExactLimit).contains(exactLimit) else { throw .exactLimitOutOfRange(exactLimit) }
    }

    public func check(for model: Classifier) throws(SaliencyOptionError) {
      try erasure.check(for: model)
      try measure.check(classCount: model.config.classCount)
    }

    public func colorSaturation(of map: SaliencyMap) -> ColorSaturation? { measure.colorSaturation }

    enum CodingKeys: String, CodingKey { case erasure, measure, samples, seed, exact }
  }

  public let options: Options
  public init(options: Options) { self.options = options }

  /// The method from the shared options given, with exact values up to `exactLimit` tokens.
  /// - Throws: `SaliencyOptionError` as `Options(_:)`, or for an `exactLimit` outside 0…`largestExactLimit`.
  public init(_ parameters: MethodParameters, exactLimit: Int) throws(SaliencyOptionError) {
    var options = try Options(parameters)
    options.exactLimit = exactLimit
    try options.validate()
    self.init(options: options)
  }

  public static let defaultExactLimit = 12
  /// 2^20 coalitions is the most `exactLimit` allows.
  public static let largestExactLimit = 20
  /// The most sampled permutations (`--samples`): each costs about T² token steps.
  public static let maximumSamples = 100_000

  /// T·2^T for T ≤ the exact limit (every coalition), else samples·T(T + 1)/2 (each permutation resumes every
  /// coalition from its prefix).
  public static func cost(tokens: Int, options: Options) -> Double {
    let t = Double(tokens)
    return tokens <= options.exactLimit ? t * Double(1 << tokens) : Double(options.samples) * t * (t + 1) / 2
  }

  /// - Complexity: 2^T forward passes of T tokens when exact, about P·T when sampled (all in packed batches).
  public func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap {
    try options.check(for: model)
    let game = try ShapleyGame(tokens: tokens, target: target, erasure: options.erasure, measure: options.measure, model: model)
    var used = options
    used.exact = tokens.count <= options.exactLimit
    let result = used.exact == true ? game.exactValues() : game.sampledValues(permutations: options.samples, seed: options.seed)
    return SaliencyMap(
      method: id, target: target, sign: .supportsTarget, options: used,
      scores: result.phi, axiomGap: result.phi.reduce(0, +) - (result.all - result.empty))
  }
}

/// The cooperative game of one sentence: coalition → F of the input with the other positions erased.
struct ShapleyGame {
  let model: Classifier
  let target: Int
  let measure: PerturbationMeasure
  let erasure: Erasure
  /// Z_in of the text [T, 4H] and of the erased token's replacement [4H] (nil for `remove`): coalitions are
  /// built from projected rows, so no coalition repeats the input projection.
  let full: [Float]
  let replacement: [Float]?
  let length: Int

  init(tokens: [Int], target: Int, erasure: Erasure, measure: PerturbationMeasure, model: Classifier) throws {
    self.model = model
    self.target = target
    self.measure = measure
    self.erasure = erasure
    full = model.inputProjection(of: try model.embed([tokens]).inputs)
    replacement = try erasure.replacement(in: model).map { model.inputProjection(of: $0) }
    length = tokens.count
  }

  /// Z_in of x^S [|S| or T, 4H]: a kept row is the text's, an erased one the replacement's (or none for `remove`).
  func input(keeping members: [Bool]) -> [Float] {
    let erased = Set((0..<length).filter { !members[$0] })
    return Erasure.rows(full[...], width: model.config.gateWidth, erasing: erased, replacement: replacement)
  }

  /// v(S) of each coalition, built chunk by chunk within `BatchedOutputs.rowBudget` rows. [count]
  func values(count: Int, members: @Sendable (Int) -> [Bool]) -> [Double] {
    let lengths = (0..<count).map { erasure == .remove ? members($0).count { $0 } : length }
    let outputs = BatchedOutputs(lengths: lengths, kind: .projected, keepFinalHidden: false, model: model,
                                 rows: { input(keeping: members($0)) }, startState: { _ in nil })
    return zip(outputs.logits, outputs.probabilities).map { measure.value(logits: $0, probabilities: $1, target: target) }
  }

  /// Exact Shapley values from all 2^T coalitions (bit t of the index = position t is in S), with v(N) and v(∅).
  func exactValues() -> (phi: [Double], all: Double, empty: Double) {
    let t = length, everyone = (1 << t) - 1
    let value = values(count: 1 << t) { mask in (0..<t).map { mask & (1 << $0) != 0 } }
    // |S|!(T − |S| − 1)!/T! = 1/(T · C(T − 1, |S|)), an exact integer in Double for T ≤ 20, rounded once.
    var binomial = 1.0
    var weights: [Double] = []
    for size in 0..<t {
      weights.append(1 / (Double(t) * binomial))
      binomial = binomial * Double(t - 1 - size) / Double(size + 1)
    }
    var phi = [Double](repeating: 0, count: t)
    for mask in 0..<everyone {
      let weight = weights[mask.nonzeroBitCount]
      for position in 0..<t where mask & (1 << position) == 0 {
        phi[position] += weight * (value[mask | (1 << position)] - value[mask])
      }
    }
    return (phi, value[everyone], value[0])
  }

  /// Permutation sampling with antithetic pairs: mean marginal contribution over `permutations` orderings,
  /// with v(N) and v(∅).
  func sampledValues(permutations: Int, seed: UInt64) -> (phi: [Double], all: Double, empty: Double) {
    let t = length
    var generator = SplitMix64(seed: seed)
    var orders: [[Int]] = []
    while orders.count < permutations {
      let order = generator.permutation(count: t)
      orders.append(order)
      if orders.count < permutations { orders.append(order.reversed()) }
    }
    let ends = values(count: 2) { [Bool](repeating: $0 == 1, count: t) }  // v(∅), v(N)
    let prefixes = prefixValues(orders: orders)
    var phi = [Double](repeating: 0, count: t)
    for (p, order) in orders.enumerated() {
      var previous = ends[0]
      for (index, position) in order.enumerated() {
        let current = index == t - 1 ? ends[1] : prefixes[p][index]
        phi[position] += current - previous
        previous = current
      }
    }
    return (phi.map { $0 / Double(permutations) }, ends[1], ends[0])
  }
}
