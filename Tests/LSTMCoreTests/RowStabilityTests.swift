import LSTMCore
import Testing

/// With row-stable products, a sequence's numbers are bit-identical whatever batch it runs in (the property that
/// lets sharded analyses merge exactly).
@Suite("Row-stable products")
struct RowStabilityTests {
  /// A model wide enough that a 40-sequence batch sends its products through OpenBLAS without row stability.
  static let model = TestModels.tiny(seed: 11, vocabularySize: 50, embeddingSize: 24, hiddenSize: 32)

  @Test("a sequence's logits, states and input gradients do not depend on its batch-mates")
  func batchIndependent() throws {
    let model = Self.model
    let batch = TestModels.sequences(lengths: (0..<40).map { 1 + ($0 * 7) % 23 }, vocabularySize: 50, seed: 5)
    try Gemm.withRowStableProducts {
      let together = try model.forward(batch)
      let k = model.config.classCount
      let seed: [Float] = (0..<(batch.count * k)).map { $0 % k == 0 ? 1 : 0 }
      let gradients = model.inputGradients(of: together, logitGradients: seed)
      let e = model.config.embeddingSize
      for index in [0, 13, 39] {
        let alone = try model.forward([batch[index]])
        #expect(Array(alone.logits(ofSequence: 0)) == Array(together.logits(ofSequence: index)))
        #expect(alone.hiddenStates(ofSequence: 0) == together.hiddenStates(ofSequence: index))
        let aloneGradients = model.inputGradients(of: alone, logitGradients: Array(seed[(index * k)..<((index + 1) * k)]))
        for step in 0..<batch[index].count {
          let row = together.batch.row(sequence: index, step: step)
          #expect(Array(aloneGradients[(step * e)..<((step + 1) * e)]) == Array(gradients[(row * e)..<((row + 1) * e)]))
        }
      }
    }
  }

  @Test("row stability is scoped to the closure and agrees with the default products to rounding")
  func scoped() throws {
    let model = Self.model
    let batch = TestModels.sequences(lengths: Array(repeating: 20, count: 30), vocabularySize: 50, seed: 9)
    let stable = try Gemm.withRowStableProducts { try model.forward(batch).logits }
    let fast = try model.forward(batch).logits
    for (a, b) in zip(stable, fast) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
  }
}
