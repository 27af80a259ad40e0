import Foundation
import Testing
import LSTMCore
@testable import Saliency

@Suite("Prefix prediction")
struct PrefixPredictionTests {
  let fixture: ReferenceFixture

  init() throws { fixture = try ReferenceFixture.load() }

  /// softmax(b_fc) in Double: the prediction before the first word (h_0 = 0).
  var initialProbabilities: [Double] {
    let bias = fixture.model.tensor(.outputBias).map(Double.init)
    let largest = bias.max() ?? 0
    let exps = bias.map { exp($0 - largest) }
    return exps.map { $0 / exps.reduce(0, +) }
  }

  @Test("scores are the differences of the reference's prefix_probabilities rows")
  func parity() throws {
    let k = fixture.model.config.classCount
    for sequence in fixture.sequences {
      let rows = sequence.numbers("prefix_probabilities")
      let target = sequence.predictedClass
      let reference = sequence.tokens.indices.map { t in
        rows[t * k + target] - (t == 0 ? initialProbabilities[target] : rows[(t - 1) * k + target])
      }
      let map = try PrefixPrediction(options: .init()).saliency(of: sequence.tokens, target: target, in: fixture.model)
      ReferenceFixture.expectClose(map.scores, reference, "prefix differences L=\(sequence.tokens.count)")
      let trace = try fixture.model.forward([sequence.tokens])
      let probabilities = PrefixPrediction(options: .init()).prefixProbabilities(of: trace, model: fixture.model).map(Double.init)
      ReferenceFixture.expectClose(probabilities, rows, "prefix_probabilities L=\(sequence.tokens.count)")
    }
  }

  @Test("the scores telescope: Σ = p_k(x) − softmax(b_fc)_k")
  func telescopes() throws {
    for sequence in fixture.sequences {
      let target = sequence.predictedClass
      let map = try PrefixPrediction(options: .init()).saliency(of: sequence.tokens, target: target, in: fixture.model)
      let final = sequence.numbers("probabilities")[target]
      #expect(abs(map.scores.reduce(0, +) - (final - initialProbabilities[target])) <= 1e-6)
      #expect(abs(map.axiomGap ?? .nan) <= 1e-6)
      #expect(map.sign == .supportsTarget && map.options.fields.isEmpty)
    }
  }

  @Test("batched sentences give the one-by-one results")
  func batchedEqualsOneByOne() throws {
    try fixture.expectBatchedMatchesOneByOne(try PrefixPrediction(options: .init()))
  }

  @Test("one-token and empty inputs")
  func tinyInputs() throws {
    let one = try PrefixPrediction(options: .init()).saliency(of: [42], target: 1, in: fixture.model)
    #expect(one.scores.count == 1 && abs(one.axiomGap ?? .nan) <= 1e-6)
    let none = try PrefixPrediction(options: .init()).saliency(of: [], target: 1, in: fixture.model)
    #expect(none.scores.isEmpty && abs(none.axiomGap ?? .nan) <= 1e-7)
  }
}
