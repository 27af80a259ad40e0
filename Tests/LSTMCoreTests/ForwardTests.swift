import Foundation
import Testing
@testable import LSTMCore

@Suite("Forward pass")
struct ForwardTests {
  let model = TestModels.tiny()

  @Test("matches a float64 loop written from the formulas")
  func matchesReference() throws {
    let sequences = TestModels.sequences(lengths: [1, 4, 9], vocabularySize: model.config.vocabularySize)
    let trace = try model.forward(sequences)
    let reference = ReferenceLSTM(model)
    for (b, ids) in sequences.enumerated() {
      let expected = reference.run(tokens: ids)
      let hidden = trace.hiddenStates(ofSequence: b), cells = trace.cellStates(ofSequence: b)
      for t in ids.indices {
        for j in 0..<model.config.hiddenSize {
          #expect(abs(Double(hidden[t][j]) - expected.hidden[t][j]) <= 2e-6)
          #expect(abs(Double(cells[t][j]) - expected.cells[t][j]) <= 2e-6)
        }
      }
      for (actual, wanted) in zip(trace.probabilities(ofSequence: b), expected.probabilities) {
        #expect(abs(Double(actual) - wanted) <= 2e-6)
      }
    }
  }

  @Test("a batch of mixed lengths equals one-by-one passes, so padding never changes h_T")
  func batchedEqualsOneByOne() throws {
    let lengths = [5, 1, 12, 5, 0, 7, 3]
    let sequences = TestModels.sequences(lengths: lengths, vocabularySize: model.config.vocabularySize)
    let batched = try model.forward(sequences)
    for (b, ids) in sequences.enumerated() {
      let single = try model.forward([ids])
      #expect(maxDifference(batched.finalHidden(ofSequence: b), single.finalHidden(ofSequence: 0)) <= 1e-6)
      #expect(maxDifference(batched.logits(ofSequence: b), single.logits(ofSequence: 0)) <= 1e-6)
      #expect(maxDifference(batched.hiddenStates(ofSequence: b).flatMap { $0 },
                            single.hiddenStates(ofSequence: 0).flatMap { $0 }) <= 1e-6)
    }
  }

  @Test("an empty sequence reads h_T = 0, so its logits are the output bias")
  func emptySequence() throws {
    let trace = try model.forward([[]])
    #expect(trace.finalHidden(ofSequence: 0).allSatisfy { $0 == 0 })
    #expect(trace.logits(ofSequence: 0) == Array(model.tensor(.outputBias)))
  }

  @Test("an id outside the vocabulary is an error, not a trap")
  func rejectsOutOfRangeIds() {
    #expect(throws: ModelError.tokenIdOutOfRange(id: 9, vocabularySize: 9)) { try model.forward([[1, 9]]) }
    #expect(throws: ModelError.tokenIdOutOfRange(id: -1, vocabularySize: 9)) { try model.forward([[-1]]) }
  }
}

func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
  precondition(a.count == b.count)
  return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
