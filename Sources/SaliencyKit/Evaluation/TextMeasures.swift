import LSTMCore
import Saliency

/// The erasure measures of one text for each method's ranking and for the random baseline (the last ranking,
/// averaged over its seeds).
struct TextMeasures: Sendable, Codable {
  /// Per ranking (methods, then random), per top-k% bin. [methods + 1][bins]
  var comprehensiveness: [[Double]]
  var sufficiency: [[Double]]
  /// Per ranking, 1 when the prediction equals the gold class after erasing 0, 1, …, `deletionSteps` tokens of
  /// the deletion order (the random baseline holds the share over its seeds). Past the text's length the last
  /// value repeats. [methods + 1][steps + 1]
  var deletionAccuracy: [[Double]]

  /// - Parameters:
  ///   - maps: the text's map under each method for the predicted class. [methods]
  ///   - goldMaps: for a wrong prediction, its map under each method for the gold class; nil when correct.
  ///   - randomSeed: the seed of the text's random orders (derived from the evaluation seed and the text).
  init(tokens: [Int], predicted: Int, gold: Int, maps: [SaliencyMap], goldMaps: [SaliencyMap]?,
       experiment: ErasureExperiment, randomSeeds: Int, randomSeed: UInt64, model: Classifier) throws {
    var rankings = maps.map { TokenOrder.mostImportantFirst($0.scores, sign: $0.sign) }
    var deletions = goldMaps.map { $0.map { TokenOrder.leastImportantFirst($0.scores, sign: $0.sign) } } ?? rankings
    var generator = SplitMix64(seed: randomSeed)
    for _ in 0..<randomSeeds {
      let order = generator.permutation(count: tokens.count)
      rankings.append(order)
      deletions.append(order)
    }
    let outcomes = try experiment.run(tokens: tokens, target: predicted, rankings: rankings, deletionOrders: deletions,
                                      in: model)
    let initiallyCorrect: Double = predicted == gold ? 1 : 0
    let accuracy = outcomes.map { outcome -> [Double] in
      var curve = [initiallyCorrect] + outcome.deletionPredictions.map { $0 == gold ? 1.0 : 0.0 }
      while curve.count < experiment.deletionSteps + 1 { curve.append(curve[curve.count - 1]) }
      return curve
    }
    let methodCount = maps.count
    comprehensiveness = outcomes.prefix(methodCount).map(\.comprehensiveness)
    sufficiency = outcomes.prefix(methodCount).map(\.sufficiency)
    deletionAccuracy = Array(accuracy.prefix(methodCount))
    let random = outcomes.dropFirst(methodCount)
    comprehensiveness.append(Self.mean(random.map(\.comprehensiveness)))
    sufficiency.append(Self.mean(random.map(\.sufficiency)))
    deletionAccuracy.append(Self.mean(Array(accuracy.dropFirst(methodCount))))
  }

  /// The element-wise mean of equal-length rows. [columns]
  private static func mean<Rows: Collection>(_ rows: Rows) -> [Double] where Rows.Element == [Double] {
    guard let first = rows.first else { return [] }
    var sums = [Double](repeating: 0, count: first.count)
    for row in rows { for column in row.indices { sums[column] += row[column] } }
    return sums.map { $0 / Double(rows.count) }
  }
}
