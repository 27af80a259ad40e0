import Foundation
import Testing
@testable import LSTMCore

/// Centred finite differences over every parameter and every embedded input of a tiny model.
@Suite("Backward pass equals finite differences")
struct GradientCheckTests {
  let model = TestModels.tiny()
  let sequences = TestModels.sequences(lengths: [4, 2, 6], vocabularySize: 9, seed: 5)
  let labels = [0, 2, 1]

  /// Mean cross-entropy of the batch, in Double from the Float forward pass.
  func loss(_ candidate: Classifier) throws -> Double {
    let trace = try candidate.forward(sequences)
    return Softmax.crossEntropy(probabilities: trace.probabilities, labels: labels, classCount: 3)
  }

  @Test("every parameter")
  func parameterGradients() throws {
    let trace = try model.forward(sequences)
    var gradients = [Float](repeating: 0, count: model.layout.totalCount)
    _ = model.backward(trace, logitGradients: Softmax.crossEntropyGradient(probabilities: trace.probabilities, labels: labels, classCount: 3),
                       sequences: sequences, into: &gradients)
    let step: Float = 1e-2
    var worst = (excess: -Double.infinity, name: "")
    for index in model.parameters.indices {
      var plus = model, minus = model
      plus.parameters[index] += step
      minus.parameters[index] -= step
      let numeric = (try loss(plus) - loss(minus)) / Double(2 * step)
      let analytic = Double(gradients[index])
      let excess = abs(analytic - numeric) - (1e-4 + 1e-2 * max(abs(analytic), abs(numeric)))
      if excess > worst.excess {
        worst = (excess, "\(model.layout.describe(flatIndex: index)): analytic \(analytic), numeric \(numeric)")
      }
    }
    #expect(worst.excess <= 0, "worst entry \(worst.name)")
    // The <pad> row is frozen.
    #expect(gradients[0..<model.config.embeddingSize].allSatisfy { $0 == 0 })
  }

  @Test("every embedded input, with the input-only backward and with the full backward")
  func inputGradients() throws {
    let (batch, inputs) = try model.embed(sequences)
    let trace = model.forward(batch: batch, inputs: inputs)
    let target = [2, 0, 1]
    for output in ExplainedOutput.allCases {
      let logitGradient = output.logitGradient(trace: trace, targets: target)
      let analytic = model.inputGradients(of: trace, logitGradients: logitGradient)
      var scratch = [Float](repeating: 0, count: model.layout.totalCount)
      let full = model.backward(trace, logitGradients: logitGradient, sequences: sequences, into: &scratch)
      #expect(analytic == full, "input-only and full backward must agree exactly")
      let step: Float = 1e-2
      for index in inputs.indices {
        var plus = inputs, minus = inputs
        plus[index] += step
        minus[index] -= step
        func total(_ x: [Float]) -> Double {
          output.values(trace: model.forward(batch: batch, inputs: x), targets: target).reduce(0, +)
        }
        let numeric = (total(plus) - total(minus)) / Double(2 * step)
        let value = Double(analytic[index])
        #expect(abs(value - numeric) <= 1e-4 + 1e-2 * max(abs(value), abs(numeric)),
                "\(output) input row \(index / 3) dim \(index % 3): analytic \(value), numeric \(numeric)")
      }
    }
  }

  @Test("dropout on h_T: gradients flow through the mask")
  func dropoutMask() throws {
    let (batch, inputs) = try model.embed(sequences)
    var generator = SplitMix64(seed: 1)
    let mask = (0..<(3 * model.config.hiddenSize)).map { _ in generator.nextUniform(in: 0..<1) < 0.5 ? Float(0) : 2 }
    let trace = model.forward(batch: batch, inputs: inputs, finalHiddenMask: mask)
    let gradient = Softmax.crossEntropyGradient(probabilities: trace.probabilities, labels: labels, classCount: 3)
    var gradients = [Float](repeating: 0, count: model.layout.totalCount)
    _ = model.backward(trace, logitGradients: gradient, sequences: sequences, into: &gradients)
    let entry = model.layout[.recurrentWeights]
    for index in stride(from: entry.offset, to: entry.offset + entry.count, by: 7) {
      var plus = model, minus = model
      plus.parameters[index] += 1e-2
      minus.parameters[index] -= 1e-2
      func masked(_ m: Classifier) throws -> Double {
        let (b, x) = try m.embed(sequences)
        let t = m.forward(batch: b, inputs: x, finalHiddenMask: mask)
        return Softmax.crossEntropy(probabilities: t.probabilities, labels: labels, classCount: 3)
      }
      let numeric = (try masked(plus) - masked(minus)) / 2e-2
      let analytic = Double(gradients[index])
      #expect(abs(analytic - numeric) <= 1e-4 + 1e-2 * max(abs(analytic), abs(numeric)))
    }
  }
}

@Suite("Backward pass from a given initial state")
struct InitialStateGradientTests {
  @Test("W_hh and the inputs get the gradient of a run that starts from a non-zero state")
  func initialStateGradients() throws {
    let model = TestModels.tiny(seed: 12)
    let sequences = TestModels.sequences(lengths: [3, 5], vocabularySize: 9, seed: 4)
    var generator = SplitMix64(seed: 9)
    let state = LSTMState(hidden: (0..<8).map { _ in generator.nextUniform(in: -0.5..<0.5) },
                          cells: (0..<8).map { _ in generator.nextUniform(in: -0.5..<0.5) })
    let labels = [1, 2]
    func loss(_ candidate: Classifier) throws -> Double {
      let (batch, inputs) = try candidate.embed(sequences)
      let trace = candidate.forward(batch: batch, inputs: inputs, initialState: state)
      return Softmax.crossEntropy(probabilities: trace.probabilities, labels: labels, classCount: 3)
    }
    let (batch, inputs) = try model.embed(sequences)
    let trace = model.forward(batch: batch, inputs: inputs, initialState: state)
    var gradients = [Float](repeating: 0, count: model.layout.totalCount)
    _ = model.backward(trace, logitGradients: Softmax.crossEntropyGradient(probabilities: trace.probabilities, labels: labels, classCount: 3),
                       sequences: sequences, into: &gradients)
    let entry = model.layout[.recurrentWeights]
    for index in entry.range {
      var plus = model, minus = model
      plus.parameters[index] += 1e-2
      minus.parameters[index] -= 1e-2
      let numeric = (try loss(plus) - loss(minus)) / 2e-2
      let analytic = Double(gradients[index])
      #expect(abs(analytic - numeric) <= 1e-4 + 1e-2 * max(abs(analytic), abs(numeric)), "\(model.layout.describe(flatIndex: index))")
    }
  }
}
