import LSTMCore

/// What erasing ranked tokens of one text does to the model's output: the ERASER measures (DeYoung et al. 2020)
/// and word deletion (Arras et al. 2017), for several token orders at once. Every perturbation of the text runs
/// in one packed batch that reuses the text's input projection; perturbations that erase the same positions
/// (a top-k% bin and a deletion step, say) run once.
public struct ErasureExperiment: Sendable {
  /// The k of the top-k% bins, each in 1...100.
  public var percentages: [Int]
  /// Word deletion erases the first 1, 2, …, `deletionSteps` positions of its order.
  public var deletionSteps: Int
  public var erasure: Erasure

  /// The outcome for one order of one text.
  public struct Outcome: Sendable, Equatable {
    /// p(target | x) − p(target | x with the top-k% erased), per percentage. [bins]
    public var comprehensiveness: [Double]
    /// p(target | x) − p(target | x with all but the top-k% erased), per percentage. [bins]
    public var sufficiency: [Double]
    /// The predicted class after erasing the first 1, 2, … positions of the deletion order (fewer when the text
    /// is shorter than `deletionSteps`: at most all of its tokens). [min(steps, T)]
    public var deletionPredictions: [Int]
  }

  /// - Precondition: every percentage is in 1...100 and `deletionSteps >= 0`.
  public init(percentages: [Int] = [1, 5, 10, 20, 50], deletionSteps: Int = 5, erasure: Erasure = .pad) {
    precondition(percentages.allSatisfy { (1...100).contains($0) }, "a top-k% bin is between 1% and 100%")
    precondition(deletionSteps >= 0, "word deletion erases a non-negative number of tokens")
    self.percentages = percentages
    self.deletionSteps = deletionSteps
    self.erasure = erasure
  }

  /// Tokens in the top-k% of a text of `length` tokens: ⌈k·T/100⌉, at least one (when T ≥ 1).
  public static func topCount(percent: Int, length: Int) -> Int {
    guard length > 0 else { return 0 }
    return min(length, max(1, (percent * length + 99) / 100))
  }

  /// Runs the measures on one text.
  /// - Parameters:
  ///   - tokens: the text's ids [T].
  ///   - target: the class whose probability the ERASER measures follow (the predicted class).
  ///   - rankings: orders (most important first, permutations of 0..<T) for comprehensiveness and sufficiency.
  ///   - deletionOrders: one order per ranking for word deletion (most important first for a correct prediction,
  ///     least important for the gold class for a wrong one).
  /// - Returns: one outcome per ranking.
  /// - Throws: `ModelError` for an id outside the vocabulary, `SaliencyError` for `unk` on a model without `<unk>`.
  public func run(tokens: [Int], target: Int, rankings: [[Int]], deletionOrders: [[Int]], in model: Classifier) throws -> [Outcome] {
    precondition(rankings.count == deletionOrders.count, "one deletion order per ranking")
    let length = tokens.count
    var perturbations = PerturbationSet()
    // The base probability runs in the same batch as the perturbations, so erasing nothing measures exactly 0.
    let original = perturbations.index(erasing: [])
    let counts = percentages.map { Self.topCount(percent: $0, length: length) }
    let steps = min(deletionSteps, length)
    let plans = zip(rankings, deletionOrders).map { ranking, deletion in
      (comprehensive: counts.map { perturbations.index(erasing: Array(ranking.prefix($0))) },
       sufficient: counts.map { perturbations.index(erasing: Array(ranking.dropFirst($0))) },
       deletion: (0..<steps).map { perturbations.index(erasing: Array(deletion.prefix($0 + 1))) })
    }
    let probabilities = try outputs(of: perturbations.erasedSets, tokens: tokens, in: model)
    let base = Double(probabilities[original][target])
    return plans.map { plan in
      Outcome(comprehensiveness: plan.comprehensive.map { base - Double(probabilities[$0][target]) },
              sufficiency: plan.sufficient.map { base - Double(probabilities[$0][target]) },
              deletionPredictions: plan.deletion.map { index in
                let row = probabilities[index]
                return row.indices.max { row[$0] < row[$1] } ?? 0
              })
    }
  }

  /// Class probabilities of the text with each set of positions erased. [sets][K]
  private func outputs(of erasedSets: [[Int]], tokens: [Int], in model: Classifier) throws -> [[Float]] {
    try model.validate(tokenIds: tokens)
    let g4 = model.config.projectionWidth
    let projection = model.inputProjection(of: try model.embed([tokens]).inputs)
    let replacement = try erasure.replacement(in: model).map { model.inputProjection(of: $0) }
    let lengths = erasedSets.map { erasure == .remove ? tokens.count - $0.count : tokens.count }
    return BatchedOutputs(
      lengths: lengths, kind: .projected, keepFinalHidden: false, model: model,
      rows: { Erasure.rows(projection[...], width: g4, erasing: Set(erasedSets[$0]), replacement: replacement) },
      startState: { _ in nil }
    ).probabilities
  }
}

/// Distinct sets of erased positions, each with an index into the batch that runs them.
private struct PerturbationSet {
  private(set) var erasedSets: [[Int]] = []
  private var indexByKey: [[Int]: Int] = [:]

  /// The index of the perturbation erasing `positions` (in any order), added when new.
  mutating func index(erasing positions: [Int]) -> Int {
    let key = positions.sorted()
    if let index = indexByKey[key] { return index }
    indexByKey[key] = erasedSets.count
    erasedSets.append(key)
    return erasedSets.count - 1
  }
}
