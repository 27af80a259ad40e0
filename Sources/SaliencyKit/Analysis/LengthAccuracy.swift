/// Accuracy by text length in tokens (before truncation), in fixed buckets, so long and short texts can be
/// compared: 1–5, 6–10, 11–20, 21–50, 51–100, 101–200, 201–500, 501 and more.
public struct LengthAccuracy: Sendable, Equatable, Codable {
  /// The inclusive upper end of every bucket but the last, which is open.
  public static let upperBounds = [5, 10, 20, 50, 100, 200, 500]

  public struct Bucket: Sendable, Equatable, Codable {
    public var count = 0
    public var correct = 0
    public var accuracy: Double? { count == 0 ? nil : Double(correct) / Double(count) }
  }

  public private(set) var buckets = Array(repeating: Bucket(), count: LengthAccuracy.upperBounds.count + 1)

  public init() {}

  /// The bucket of a length.
  public static func bucketIndex(of length: Int) -> Int {
    upperBounds.firstIndex { length <= $0 } ?? upperBounds.count
  }

  /// The inclusive token range of bucket `index`; `max` is nil for the open last bucket.
  public static func range(of index: Int) -> (min: Int, max: Int?) {
    let lower = index == 0 ? 1 : upperBounds[index - 1] + 1
    return (lower, index < upperBounds.count ? upperBounds[index] : nil)
  }

  public mutating func add(length: Int, correct: Bool) {
    let index = Self.bucketIndex(of: length)
    buckets[index].count += 1
    if correct { buckets[index].correct += 1 }
  }

  public mutating func merge(_ other: LengthAccuracy) {
    for index in buckets.indices {
      buckets[index].count += other.buckets[index].count
      buckets[index].correct += other.buckets[index].correct
    }
  }
}
