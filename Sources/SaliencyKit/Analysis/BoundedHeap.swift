/// The `capacity` best elements of a stream under a strict total order, in O(log capacity) per offer and
/// O(capacity) memory.
///
/// `ranksBefore(a, b)` is true when `a` is better than `b`. The order must be total (break ties, e.g. by row
/// index): then the kept set does not depend on the order of offers, so merging heaps of shards keeps the
/// same elements as one heap over the whole stream.
///
/// Storage: a binary heap whose root is the *worst* kept element, so a better newcomer replaces it.
public struct BoundedHeap<Element: Sendable>: Sendable {
  public let capacity: Int
  private let ranksBefore: @Sendable (Element, Element) -> Bool
  private var storage: [Element] = []

  /// - Precondition: `capacity >= 0`.
  public init(capacity: Int, ranksBefore: @escaping @Sendable (Element, Element) -> Bool) {
    precondition(capacity >= 0, "a heap cannot hold a negative number of elements")
    self.capacity = capacity
    self.ranksBefore = ranksBefore
  }

  public var count: Int { storage.count }

  /// Whether an element ranked like `candidate` would be kept now; lets callers skip building costly elements.
  public func wouldKeep(_ candidate: Element) -> Bool {
    guard capacity > 0 else { return false }
    guard storage.count == capacity, let worst = storage.first else { return true }
    return ranksBefore(candidate, worst)
  }

  /// Keeps `element` if it is among the best `capacity` seen.
  /// - Complexity: O(log capacity).
  public mutating func offer(_ element: Element) {
    guard capacity > 0 else { return }
    if storage.count < capacity {
      storage.append(element)
      siftUp(storage.count - 1)
    } else if ranksBefore(element, storage[0]) {
      storage[0] = element
      siftDown(0)
    }
  }

  /// Offers every element of another heap.
  public mutating func merge(_ other: BoundedHeap<Element>) {
    for element in other.storage { offer(element) }
  }

  /// The kept elements, best first.
  /// - Complexity: O(capacity log capacity).
  public var sorted: [Element] { storage.sorted(by: ranksBefore) }

  /// "Worse" is the heap order: the root is ranked after every other element.
  private func isWorse(_ a: Element, _ b: Element) -> Bool { ranksBefore(b, a) }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard isWorse(storage[child], storage[parent]) else { return }
      storage.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1, right = left + 1
      var worst = parent
      if left < storage.count, isWorse(storage[left], storage[worst]) { worst = left }
      if right < storage.count, isWorse(storage[right], storage[worst]) { worst = right }
      guard worst != parent else { return }
      storage.swapAt(parent, worst)
      parent = worst
    }
  }
}
