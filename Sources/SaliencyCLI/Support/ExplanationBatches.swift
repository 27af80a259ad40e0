import SaliencyKit
import SystemSupport

/// Explains many inputs in batches of similar size spread over worker threads, keeping input order.
enum ExplanationBatches {
  /// Inputs per batched call.
  static let batchSize = 32

  static func explain(_ inputs: [EncodedText], with explainer: Explainer, threads: Int) throws -> [TextExplanation] {
    let batchCount = (inputs.count + batchSize - 1) / batchSize
    let results = Parallel.map(count: batchCount, threads: threads) { index -> Result<[TextExplanation], any Error> in
      let slice = Array(inputs[(index * batchSize)..<min(inputs.count, (index + 1) * batchSize)])
      return Result { try explainer.explain(slice) }
    }
    return try results.flatMap { try $0.get() }
  }
}
