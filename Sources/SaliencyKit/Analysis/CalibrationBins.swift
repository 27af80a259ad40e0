/// Reliability of the predicted class's probability: examples in equal-width confidence bins, with the
/// expected calibration error
///
///     ECE = Σ_b (n_b / N) · |accuracy_b − mean confidence_b| = (1/N) · Σ_b |correct_b − Σ confidence_b|
///
/// (Guo et al. 2017). The confidence of an example is the probability of its predicted class, in [1/K, 1];
/// bin b holds confidences in [b/B, (b+1)/B), the last bin also 1.
public struct CalibrationBins: Sendable, Equatable, Codable {
  /// The default number of bins.
  public static let defaultBinCount = 10

  public struct Bin: Sendable, Equatable, Codable {
    public var count = 0
    public var correct = 0
    public var confidence = ExactSum()

    public var accuracy: Double? { count == 0 ? nil : Double(correct) / Double(count) }
    public var meanConfidence: Double? { count == 0 ? nil : confidence.value / Double(count) }
  }

  public private(set) var bins: [Bin]

  /// - Precondition: `binCount >= 1`.
  public init(binCount: Int = CalibrationBins.defaultBinCount) {
    precondition(binCount >= 1, "at least one calibration bin")
    bins = Array(repeating: Bin(), count: binCount)
  }

  /// The bin of a confidence (NaN goes to bin 0, values outside 0…1 to the end bins).
  public func binIndex(of confidence: Double) -> Int {
    guard confidence.isFinite else { return confidence == .infinity ? bins.count - 1 : 0 }
    return min(bins.count - 1, max(0, Int((confidence * Double(bins.count)).rounded(.down))))
  }

  public mutating func add(confidence: Double, correct: Bool) {
    let index = binIndex(of: confidence)
    bins[index].count += 1
    if correct { bins[index].correct += 1 }
    bins[index].confidence.add(confidence)
  }

  /// - Precondition: the same number of bins.
  public mutating func merge(_ other: CalibrationBins) {
    precondition(other.bins.count == bins.count, "calibration bins of different widths")
    for index in bins.indices {
      bins[index].count += other.bins[index].count
      bins[index].correct += other.bins[index].correct
      bins[index].confidence.add(other.bins[index].confidence)
    }
  }

  /// [lower, upper) of bin `index`.
  public func range(of index: Int) -> (lower: Double, upper: Double) {
    (Double(index) / Double(bins.count), Double(index + 1) / Double(bins.count))
  }

  /// nil when there is no example.
  public var expectedCalibrationError: Double? {
    let total = bins.reduce(0) { $0 + $1.count }
    guard total > 0 else { return nil }
    let gaps = bins.reduce(0.0) { $0 + abs(Double($1.correct) - $1.confidence.value) }
    return gaps / Double(total)
  }
}
