/// Mini-batches of similar length, so packed batches waste little work, in a seeded random order.
public enum LengthBuckets {
  /// Indices grouped into batches of at most `batchSize`: shuffle, sort within pools of 50 batches by length,
  /// cut, then shuffle the batch order. Deterministic for a given generator state.
  public static func batches(lengths: [Int], batchSize: Int, generator: inout SplitMix64) -> [[Int]] {
    var order = Array(lengths.indices)
    order.shuffle(using: &generator)
    let size = max(1, batchSize)
    let poolSize = size * 50
    var batches: [[Int]] = []
    for poolStart in stride(from: 0, to: order.count, by: poolSize) {
      let pool = order[poolStart..<min(order.count, poolStart + poolSize)].sorted { lengths[$0] < lengths[$1] }
      for start in stride(from: 0, to: pool.count, by: size) {
        batches.append(Array(pool[start..<min(pool.count, start + size)]))
      }
    }
    batches.shuffle(using: &generator)
    return batches
  }
}
