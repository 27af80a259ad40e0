/// Accuracy, macro-F1 and balanced accuracy of predictions against gold labels, with per-class figures.
public struct ClassificationMetrics: Sendable, Equatable, Codable {
  public let count: Int
  public let accuracy: Double
  /// Mean of per-class F1 (a class with no gold and no predicted example counts as F1 = 0 only if it has gold).
  public let macroF1: Double
  /// Mean of per-class recall over classes present in the gold labels.
  public let balancedAccuracy: Double
  /// confusion[gold][predicted].
  public let confusion: [[Int]]

  public init(gold: [Int], predicted: [Int], classCount k: Int) {
    precondition(gold.count == predicted.count, "one prediction per gold label")
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    for (g, p) in zip(gold, predicted) { confusion[g][p] += 1 }
    self.confusion = confusion
    count = gold.count
    let correct = (0..<k).reduce(0) { $0 + confusion[$1][$1] }
    accuracy = count == 0 ? 0 : Double(correct) / Double(count)
    var f1s: [Double] = [], recalls: [Double] = []
    for klass in 0..<k {
      let goldCount = confusion[klass].reduce(0, +)
      let predictedCount = (0..<k).reduce(0) { $0 + confusion[$1][klass] }
      let hits = Double(confusion[klass][klass])
      guard goldCount > 0 || predictedCount > 0 else { continue }
      let precision = predictedCount == 0 ? 0 : hits / Double(predictedCount)
      let recall = goldCount == 0 ? 0 : hits / Double(goldCount)
      f1s.append(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall))
      if goldCount > 0 { recalls.append(recall) }
    }
    macroF1 = f1s.isEmpty ? 0 : f1s.reduce(0, +) / Double(f1s.count)
    balancedAccuracy = recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count)
  }
}
