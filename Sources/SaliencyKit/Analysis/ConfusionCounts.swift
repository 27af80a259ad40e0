/// Gold × predicted counts, and the classification metrics read off them.
///
/// Conventions (as `ClassificationMetrics`, which the training summary uses): accuracy over every example;
/// balanced accuracy = mean recall over classes that occur in the gold labels; macro-F1 = mean F1 over
/// classes that occur in the gold labels or the predictions. A figure with no example to compute it on is nil.
public struct ConfusionCounts: Sendable, Equatable, Codable {
  /// counts[gold][predicted]. [K][K]
  public private(set) var counts: [[Int]]

  public init(classCount k: Int) {
    counts = Array(repeating: Array(repeating: 0, count: k), count: k)
  }

  public var classCount: Int { counts.count }

  public mutating func add(gold: Int, predicted: Int) { counts[gold][predicted] += 1 }

  /// - Precondition: both have the same number of classes.
  public mutating func merge(_ other: ConfusionCounts) {
    precondition(other.classCount == classCount, "confusion matrices of different class counts")
    for gold in counts.indices {
      for predicted in counts.indices { counts[gold][predicted] += other.counts[gold][predicted] }
    }
  }

  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
  public var correct: Int { counts.indices.reduce(0) { $0 + counts[$1][$1] } }

  /// Gold examples of each class. [K]
  public var support: [Int] { counts.map { $0.reduce(0, +) } }

  /// Precision, recall and F1 of one class; nil where the denominator is zero.
  public struct ClassFigures: Sendable, Equatable {
    public var precision: Double?
    public var recall: Double?
    public var f1: Double?
    public var support: Int
    public var predicted: Int
  }

  public func figures(of klass: Int) -> ClassFigures {
    let support = counts[klass].reduce(0, +)
    let predicted = counts.reduce(0) { $0 + $1[klass] }
    let hits = Double(counts[klass][klass])
    let precision = predicted == 0 ? nil : hits / Double(predicted)
    let recall = support == 0 ? nil : hits / Double(support)
    var f1: Double?
    if support > 0 || predicted > 0 {
      let p = precision ?? 0, r = recall ?? 0
      f1 = p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    return ClassFigures(precision: precision, recall: recall, f1: f1, support: support, predicted: predicted)
  }

  public var accuracy: Double? { total == 0 ? nil : Double(correct) / Double(total) }

  public var balancedAccuracy: Double? {
    let recalls = counts.indices.compactMap { figures(of: $0).recall }
    return recalls.isEmpty ? nil : recalls.reduce(0, +) / Double(recalls.count)
  }

  public var macroF1: Double? {
    let scores = counts.indices.compactMap { figures(of: $0).f1 }
    return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
  }

  /// The classes that occur among the gold labels.
  public var goldClasses: [Int] { counts.indices.filter { counts[$0].reduce(0, +) > 0 } }
}
