import Foundation
@testable import LSTMCore

/// Small models and inputs shared by the LSTMCore tests.
enum TestModels {
  /// A tiny random model (V=9, E=3, H=4, K=3) whose weights are scaled so gates are far from saturation.
  static func tiny(seed: UInt64 = 7, vocabularySize: Int = 9, embeddingSize: Int = 3, hiddenSize: Int = 4,
                   classCount: Int = 3, cell: ModelConfig.Cell = .lstm, layers: Int = 1, bidirectional: Bool = false) -> Classifier {
    var generator = SplitMix64(seed: seed)
    let config = ModelConfig(vocabularySize: vocabularySize, embeddingSize: embeddingSize, hiddenSize: hiddenSize,
                             classCount: classCount, cell: cell, layers: layers, bidirectional: bidirectional)
    var model = Classifier(randomlyInitialised: config, generator: &generator)
    // Non-zero biases everywhere so the bias paths are exercised.
    for index in model.parameters.indices where model.parameters[index] == 0 && index >= model.layout[.inputWeights].offset {
      model.parameters[index] = generator.nextUniform(in: -0.3..<0.3)
    }
    return model
  }

  /// Random token-id sequences with ids in 1..<V (so no `<pad>`), of the given lengths.
  static func sequences(lengths: [Int], vocabularySize: Int, seed: UInt64 = 3) -> [[Int]] {
    var generator = SplitMix64(seed: seed)
    return lengths.map { length in (0..<length).map { _ in 1 + Int(generator.next() % UInt64(vocabularySize - 1)) } }
  }
}

/// A plain float64 LSTM written straight from the formulas, as the reference the fast paths are compared with.
struct ReferenceLSTM {
  let config: ModelConfig
  let parameters: [Double]
  let layout: ParameterLayout

  init(_ model: Classifier) {
    config = model.config
    layout = model.layout
    parameters = model.parameters.map(Double.init)
  }

  struct Result {
    var hidden: [[Double]]   // h_1 … h_T
    var cells: [[Double]]
    var logits: [Double]
    var probabilities: [Double]
  }

  func value(_ name: ParameterLayout.Name, _ index: Int) -> Double { parameters[layout[name].offset + index] }

  func run(embedded: [[Double]]) -> Result {
    let e = config.embeddingSize, h = config.hiddenSize, k = config.classCount
    var hState = [Double](repeating: 0, count: h), cState = [Double](repeating: 0, count: h)
    var result = Result(hidden: [], cells: [], logits: [], probabilities: [])
    func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    for x in embedded {
      var z = [Double](repeating: 0, count: 4 * h)
      for row in 0..<(4 * h) {
        var sum = value(.inputBias, row) + value(.recurrentBias, row)
        for d in 0..<e { sum += value(.inputWeights, row * e + d) * x[d] }
        for j in 0..<h { sum += value(.recurrentWeights, row * h + j) * hState[j] }
        z[row] = sum
      }
      for j in 0..<h {
        let i = sigmoid(z[j]), f = sigmoid(z[h + j]), g = tanh(z[2 * h + j]), o = sigmoid(z[3 * h + j])
        cState[j] = f * cState[j] + i * g
        hState[j] = o * tanh(cState[j])
      }
      result.hidden.append(hState)
      result.cells.append(cState)
    }
    result.logits = (0..<k).map { klass in
      value(.outputBias, klass) + (0..<h).reduce(0) { $0 + value(.outputWeights, klass * h + $1) * hState[$1] }
    }
    let maximum = result.logits.max() ?? 0
    let exps = result.logits.map { exp($0 - maximum) }
    result.probabilities = exps.map { $0 / exps.reduce(0, +) }
    return result
  }

  func run(tokens: [Int]) -> Result {
    let e = config.embeddingSize
    return run(embedded: tokens.map { id in (0..<e).map { value(.embedding, id * e + $0) } })
  }
}

