import SystemSupport

extension Classifier {
  /// Class probabilities of many sequences, in mini-batches of `batchSize`, batches spread over `threads`
  /// workers. [count][K]
  /// - Complexity: one prediction-only forward pass per sequence (memory O(batch·H)).
  public func probabilities(of sequences: [[Int]], batchSize: Int = 256, threads: Int = 1) throws(ModelError) -> [[Float]] {
    for ids in sequences { try validate(tokenIds: ids) }
    let size = max(1, batchSize)
    let batchCount = (sequences.count + size - 1) / size
    let model = self
    let batches = Parallel.map(count: batchCount, threads: threads) { index -> [[Float]] in
      let slice = Array(sequences[(index * size)..<min(sequences.count, (index + 1) * size)])
      // Ids were validated above, so this cannot throw.
      guard let (batch, inputs) = try? model.embed(slice) else { return [] }
      let outputs = model.finalOutputs(batch: batch, inputs: inputs)
      return (0..<slice.count).map { Array(outputs.probabilities(ofSequence: $0)) }
    }
    return batches.flatMap { $0 }
  }
}
