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

@Suite("Forward pass variants agree")
struct ForwardVariantTests {
  let model = TestModels.tiny()

  @Test("starting from the state after a prefix equals running the whole sequence")
  func initialStateContinuesAPrefix() throws {
    let sequences = TestModels.sequences(lengths: [7, 4, 9], vocabularySize: 9, seed: 21)
    let whole = try model.forward(sequences)
    let prefixes = sequences.map { Array($0.prefix(3)) }, suffixes = sequences.map { Array($0.dropFirst(3)) }
    let prefixTrace = try model.forward(prefixes)
    let state = prefixTrace.finalState
    let (batch, inputs) = try model.embed(suffixes)
    let continued = model.forward(batch: batch, inputs: inputs, initialState: state)
    #expect(maxDifference(continued.logits, whole.logits) <= 1e-6)
    #expect(maxDifference(continued.finalState.cells, whole.finalState.cells) <= 1e-6)
    let outputs = model.finalOutputs(batch: batch, inputs: inputs, initialState: state)
    #expect(maxDifference(outputs.logits, whole.logits) <= 1e-6)
    #expect(maxDifference(outputs.finalHidden, whole.finalHidden) <= 1e-6)
  }

  @Test("prediction-only outputs (and the kept states) equal the full trace's, for mixed lengths including empty")
  func finalOutputsMatchTrace() throws {
    let sequences = TestModels.sequences(lengths: [5, 0, 11, 1, 5], vocabularySize: 9, seed: 8)
    let (batch, inputs) = try model.embed(sequences)
    let trace = model.forward(batch: batch, inputs: inputs)
    let outputs = model.finalOutputs(batch: batch, inputs: inputs)
    #expect(outputs.logits == trace.logits)
    #expect(outputs.finalHidden == trace.finalHidden)
    #expect(outputs.probabilities == trace.probabilities)
    #expect(outputs.hidden.isEmpty && outputs.cells.isEmpty)
    let withStates = model.finalOutputs(batch: batch, input: .embedded(inputs), keepingStates: true)
    // Equal up to rounding: the per-step input projection may take the one-row product's order of summation.
    func close(_ a: [Float], _ b: [Float]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 } }
    #expect(close(withStates.logits, trace.logits))
    #expect(close(withStates.hidden, trace.hidden))
    #expect(close(withStates.cells, trace.units[0].cells))
  }

  @Test("projected inputs give the trace of embedded inputs; gate gradients times W_ih give input gradients")
  func projectedInputs() throws {
    let sequences = TestModels.sequences(lengths: [6, 3], vocabularySize: 9, seed: 2)
    let (batch, inputs) = try model.embed(sequences)
    let embedded = model.forward(batch: batch, inputs: inputs)
    let projected = model.forward(batch: batch, projectedInputs: model.inputProjection(of: inputs))
    #expect(maxDifference(embedded.hidden, projected.hidden) <= 1e-6)
    let logitGradient = ExplainedOutput.logit.logitGradient(trace: embedded, targets: [0, 2])
    let viaGates = model.inputGradients(fromGateGradients: model.gateGradients(of: projected, logitGradients: logitGradient))
    #expect(maxDifference(viaGates, model.inputGradients(of: embedded, logitGradients: logitGradient)) <= 1e-6)
  }
}
