import Foundation
import Testing
@testable import LSTMCore

/// The four encoders of the reference fixtures, at tiny sizes (V=9, E=3, H=4, K=3).
enum Architecture: String, CaseIterable, CustomStringConvertible, Sendable {
  case lstm2Layer = "lstm-2layer"
  case biLSTM = "bilstm"
  case gru
  case biGRU2Layer = "bigru-2layer"

  var description: String { rawValue }

  var model: Classifier {
    switch self {
    case .lstm2Layer: return TestModels.tiny(layers: 2)
    case .biLSTM: return TestModels.tiny(bidirectional: true)
    case .gru: return TestModels.tiny(cell: .gru)
    case .biGRU2Layer: return TestModels.tiny(cell: .gru, layers: 2, bidirectional: true)
    }
  }
}

/// A plain float64 encoder written straight from PyTorch's equations (LSTM (F1)–(F4), GRU (G1)–(G4)), layer by
/// layer and direction by direction, one sequence at a time: the reference the packed, batched paths must match.
struct ReferenceEncoder {
  let model: Classifier

  func parameter(_ name: ParameterLayout.Name) -> [Double] { model.tensor(name).map(Double.init) }

  /// The logits of one sequence.
  func logits(_ tokens: [Int]) -> [Double] {
    let config = model.config, h = config.hiddenSize, e = config.embeddingSize
    let embedding = parameter(.embedding)
    var layerInput = tokens.map { id in Array(embedding[(id * e)..<((id + 1) * e)]) }
    var final: [Double] = []
    for layer in 0..<config.layers {
      var outputs = [[Double]](repeating: [], count: tokens.count)
      final = []
      for reverse in [false, true].prefix(config.directions) {
        let wih = parameter(.recurrent(.inputWeights, layer: layer, reverse: reverse))
        let whh = parameter(.recurrent(.recurrentWeights, layer: layer, reverse: reverse))
        let bih = parameter(.recurrent(.inputBias, layer: layer, reverse: reverse))
        let bhh = parameter(.recurrent(.recurrentBias, layer: layer, reverse: reverse))
        let width = config.inputWidth(layer: layer)
        var hidden = [Double](repeating: 0, count: h), cell = [Double](repeating: 0, count: h)
        let order = reverse ? Array(tokens.indices.reversed()) : Array(tokens.indices)
        for t in order {
          let x = layerInput[t]
          func affine(_ row: Int) -> (input: Double, recurrent: Double) {
            var a = bih[row], b = bhh[row]
            for i in 0..<width { a += wih[row * width + i] * x[i] }
            for m in 0..<h { b += whh[row * h + m] * hidden[m] }
            return (a, b)
          }
          func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
          var next = [Double](repeating: 0, count: h)
          if config.cell == .lstm {
            for j in 0..<h {
              let (ai, bi) = affine(j), (af, bf) = affine(h + j), (ag, bg) = affine(2 * h + j), (ao, bo) = affine(3 * h + j)
              cell[j] = sigmoid(af + bf) * cell[j] + sigmoid(ai + bi) * tanh(ag + bg)
              next[j] = sigmoid(ao + bo) * tanh(cell[j])
            }
          } else {
            for j in 0..<h {
              let (ar, br) = affine(j), (az, bz) = affine(h + j), (an, bn) = affine(2 * h + j)
              let r = sigmoid(ar + br), z = sigmoid(az + bz), n = tanh(an + r * bn)
              next[j] = (1 - z) * n + z * hidden[j]
            }
          }
          hidden = next
          outputs[t] += hidden
        }
        final += hidden
      }
      layerInput = outputs
    }
    let weights = parameter(.outputWeights), bias = parameter(.outputBias), width = config.outputWidth
    return (0..<config.classCount).map { k in bias[k] + (0..<width).reduce(0) { $0 + weights[k * width + $1] * final[$1] } }
  }
}

@Suite("Stacked, bidirectional and GRU encoders")
struct ArchitectureTests {
  let sequences = TestModels.sequences(lengths: [4, 2, 6, 0, 5], vocabularySize: 9, seed: 5)

  @Test("forward matches a float64 loop written from PyTorch's equations", arguments: Architecture.allCases)
  func forwardMatchesReference(architecture: Architecture) throws {
    let model = architecture.model
    let trace = try model.forward(sequences)
    let reference = ReferenceEncoder(model: model)
    for (index, tokens) in sequences.enumerated() {
      let expected = reference.logits(tokens)
      let actual = trace.logits(ofSequence: index).map(Double.init)
      let worst = zip(expected, actual).map { abs($0 - $1) }.max() ?? 0
      #expect(worst <= 2e-6, "sequence \(index): \(actual) vs \(expected)")
    }
  }

  @Test("batched equals one by one; prediction-only equals the trace", arguments: Architecture.allCases)
  func batchedEqualsSingle(architecture: Architecture) throws {
    let model = architecture.model
    let batched = try model.forward(sequences)
    let (batch, inputs) = try model.embed(sequences)
    let outputs = model.finalOutputs(batch: batch, inputs: inputs)
    #expect(maxDifference(outputs.logits, batched.logits) <= 1e-6)
    #expect(maxDifference(outputs.finalHidden, batched.finalHidden) <= 1e-6)
    let projected = model.forward(batch: batch, projectedInputs: model.inputProjection(of: inputs))
    #expect(maxDifference(projected.logits, batched.logits) <= 1e-6)
    for (index, tokens) in sequences.enumerated() {
      let single = try model.forward([tokens])
      #expect(maxDifference(single.logits, batched.logits(ofSequence: index)) <= 1e-6)
      #expect(maxDifference(single.hiddenStates(ofSequence: 0).flatMap { $0 },
                            batched.hiddenStates(ofSequence: index).flatMap { $0 }) <= 1e-6)
    }
  }

  @Test("save and load keep the architecture and every tensor, under PyTorch's names", arguments: Architecture.allCases)
  func roundTrip(architecture: Architecture) throws {
    let model = architecture.model
    let archive = try model.archive()
    let loaded = try Classifier(archive: try SafetensorsArchive(bytes: archive.serialized(), source: "m.safetensors"))
    #expect(loaded.config == model.config)
    #expect(loaded.parameters == model.parameters)
    let prefix = model.config.cell.rawValue
    let names = Set(archive.tensorNames)
    #expect(names.contains("\(prefix).weight_ih_l0") && names.contains("fc.weight"))
    #expect(names.contains("\(prefix).weight_hh_l1") == (model.config.layers > 1))
    #expect(names.contains("\(prefix).bias_hh_l0_reverse") == model.config.bidirectional)
  }

  @Test("a unidirectional encoder resumes from every layer's state after a prefix",
        arguments: [Architecture.lstm2Layer, .gru])
  func resumes(architecture: Architecture) throws {
    let model = architecture.model
    let long = sequences.filter { $0.count > 3 }
    let whole = try model.forward(long)
    let prefixTrace = try model.forward(long.map { Array($0.prefix(3)) })
    let (batch, inputs) = try model.embed(long.map { Array($0.dropFirst(3)) })
    let continued = model.finalOutputs(batch: batch, inputs: inputs, initialState: prefixTrace.finalState)
    #expect(maxDifference(continued.logits, whole.logits) <= 1e-6)
    // The resumable state after step 3 is the prefix's final state.
    for index in long.indices {
      let state = whole.resumableStates(ofSequence: index)[2]
      #expect(maxDifference(state.hidden, prefixTrace.finalState.selecting([index], hiddenSize: model.config.stateWidth).hidden) <= 1e-6)
    }
  }

  /// Mean cross-entropy of the batch, in Double from the Float forward pass.
  func loss(_ model: Classifier, masks: [[Float]] = []) throws -> Double {
    let (batch, inputs) = try model.embed(sequences)
    let trace = model.forward(batch: batch, inputs: inputs, layerInputMasks: masks)
    return Softmax.crossEntropy(probabilities: trace.probabilities, labels: [0, 2, 1, 0, 2], classCount: 3)
  }

  @Test("backward equals finite differences over every parameter and every input", arguments: Architecture.allCases)
  func gradientCheck(architecture: Architecture) throws {
    let model = architecture.model
    let (batch, inputs) = try model.embed(sequences)
    // Dropout between layers (a fixed mask) must be differentiated through as well.
    var generator = SplitMix64(seed: 4)
    let masks = (1..<model.config.layers).map { _ in
      (0..<(batch.rowCount * model.config.outputWidth)).map { _ in generator.nextUniform(in: 0..<1) < 0.3 ? Float(0) : 1 / 0.7 }
    }
    let trace = model.forward(batch: batch, inputs: inputs, layerInputMasks: masks)
    let labels = [0, 2, 1, 0, 2]
    var gradients = [Float](repeating: 0, count: model.layout.totalCount)
    let inputGradients = model.backward(trace, logitGradients: Softmax.crossEntropyGradient(
      probabilities: trace.probabilities, labels: labels, classCount: 3), sequences: sequences, into: &gradients)
    let step: Float = 1e-2
    func excess(_ analytic: Double, _ numeric: Double) -> Double {
      abs(analytic - numeric) - (1e-4 + 1e-2 * max(abs(analytic), abs(numeric)))
    }
    var worst = (excess: -Double.infinity, name: "")
    for index in model.parameters.indices {
      var plus = model, minus = model
      plus.parameters[index] += step
      minus.parameters[index] -= step
      let numeric = (try loss(plus, masks: masks) - loss(minus, masks: masks)) / Double(2 * step)
      let analytic = Double(gradients[index])
      if excess(analytic, numeric) > worst.excess {
        worst = (excess(analytic, numeric), "\(model.layout.describe(flatIndex: index)): analytic \(analytic), numeric \(numeric)")
      }
    }
    for index in inputs.indices {
      var plus = inputs, minus = inputs
      plus[index] += step
      minus[index] -= step
      func value(_ x: [Float]) -> Double {
        let trace = model.forward(batch: batch, inputs: x, layerInputMasks: masks)
        return Softmax.crossEntropy(probabilities: trace.probabilities, labels: labels, classCount: 3)
      }
      let numeric = (value(plus) - value(minus)) / Double(2 * step), analytic = Double(inputGradients[index])
      if excess(analytic, numeric) > worst.excess {
        worst = (excess(analytic, numeric), "input row \(index / 3) dim \(index % 3): analytic \(analytic), numeric \(numeric)")
      }
    }
    #expect(worst.excess <= 0, "worst entry \(worst.name)")
  }

  @Test("training with dropout between layers is deterministic and learns", arguments: [Architecture.lstm2Layer, .biGRU2Layer])
  func training(architecture: Architecture) throws {
    var generator = SplitMix64(seed: 3)
    let task = (0..<240).map { _ -> LabelledSequence in
      let tokens = (0..<(1 + Int(generator.next() % 8))).map { _ in 1 + Int(generator.next() % 8) }
      return LabelledSequence(tokens: tokens, label: tokens.contains(2) ? 1 : 0)
    }
    var options = TrainingOptions()
    options.epochs = 8
    options.batchSize = 16
    options.learningRate = 2e-2
    options.layerDropout = 0.2
    options.patience = 8
    var initGenerator = SplitMix64(seed: 1)
    let config = architecture.model.config
    let fresh = Classifier(randomlyInitialised: ModelConfig(vocabularySize: 9, embeddingSize: 6, hiddenSize: 8, classCount: 2,
                                                            cell: config.cell, layers: config.layers,
                                                            bidirectional: config.bidirectional), generator: &initGenerator)
    let first = try Trainer(options: options).train(fresh, train: Array(task[..<180]), dev: Array(task[180...]))
    let second = try Trainer(options: options).train(fresh, train: Array(task[..<180]), dev: Array(task[180...]))
    #expect(first.best.parameters == second.best.parameters)
    let best = first.history.map(\.dev.accuracy).max() ?? 0
    #expect(best >= 0.9, "dev accuracy per epoch: \(first.history.map(\.dev.accuracy))")
  }
}
