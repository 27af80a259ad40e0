import Foundation
import SystemSupport
import Testing
import LSTMCore
@testable import Saliency

@Suite("Shapley values")
struct ShapleyTests {
  let fixture: ReferenceFixture

  init() throws { fixture = try ReferenceFixture.load() }

  @Test("exact values match shapley_exact_prob and shapley_exact_logit (L ≤ 10)",
        arguments: [(PerturbationMeasure.probability, "prob"), (.logit, "logit")])
  func exactParity(measure: PerturbationMeasure, suffix: String) throws {
    let method = try Shapley(.with { $0.measure = measure })
    for sequence in fixture.sequences where sequence.tokens.count <= 10 {
      let map = try method.saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model)
      ReferenceFixture.expectClose(map.scores, sequence.numbers("shapley_exact_\(suffix)"),
                                   "shapley_exact_\(suffix) L=\(sequence.tokens.count)")
      // Efficiency against the reference's own v(N) − v(∅).
      let checks = try #require((sequence.fields["checks"] as? [String: Any])?["shapley"] as? [String: Any])
      let game = try #require(checks[suffix] as? [String: Any])
      let span = try #require(game["v_all_minus_v_empty"] as? Double)
      ReferenceFixture.expectClose([map.scores.reduce(0, +)], [span], "Σφ L=\(sequence.tokens.count)")
      #expect(map.options.fields.first { $0.key == "exact" }?.value == .bool(true))
    }
  }

  @Test("efficiency: Σ φ = v(N) − v(∅), exact and sampled, for every erasure")
  func efficiency() throws {
    let model = fixture.model
    let withUnk = Classifier(config: model.config, parameters: model.parameters, specialIds: SpecialTokenIds(pad: 0, unk: 1))
    for erasure in Erasure.allCases {
      for sequence in fixture.sequences {
        let map = try Shapley(.with { $0.erasure = erasure; $0.samples = 20 })
          .saliency(of: sequence.tokens, target: sequence.predictedClass, in: withUnk)
        #expect(abs(map.axiomGap ?? .nan) <= 1e-12, "\(erasure) L=\(sequence.tokens.count)")
      }
    }
  }

  @Test("in log-odds, Σ φ = L(x) − L(all erased) with L = log p/(1 − p) computed by hand, exact and sampled")
  func logOddsEfficiency() throws {
    let model = fixture.model
    func logOdds(_ ids: [Int], _ target: Int) throws -> Double {
      let p = Double(try model.forward([ids]).probabilities(ofSequence: 0)[target])
      return log(p / (1 - p))
    }
    for sequence in fixture.sequences {
      let tokens = sequence.tokens, target = sequence.predictedClass
      let span = try logOdds(tokens, target) - logOdds(tokens.map { _ in 0 }, target)
      for exactLimit in [Shapley.defaultExactLimit, 0] {
        let map = try Shapley(.with { $0.measure = .logOdds; $0.samples = 6 }, exactLimit: exactLimit).saliency(of: tokens, target: target, in: model)
        #expect(abs(map.scores.reduce(0, +) - span) <= 1e-4 + 1e-4 * abs(span), "L=\(tokens.count) limit \(exactLimit)")
        #expect(map.options.fields.first { $0.key == "measure" }?.value == .string("log-odds"))
      }
    }
  }

  @Test("with remove, v(∅) is the empty sequence: Σ φ = p_k(x) − softmax(b_fc)_k")
  func removeErasure() throws {
    let model = fixture.model
    let sequence = fixture.sequences[1]
    let map = try Shapley(.with { $0.erasure = .remove }).saliency(of: sequence.tokens, target: sequence.predictedClass, in: model)
    let full = Double(try model.forward([sequence.tokens]).probabilities(ofSequence: 0)[sequence.predictedClass])
    let empty = Double(try model.forward([[]]).probabilities(ofSequence: 0)[sequence.predictedClass])
    #expect(abs(map.scores.reduce(0, +) - (full - empty)) <= 1e-7)
  }

  @Test("sampling converges to the exact values on an 8-token input")
  func samplingConverges() throws {
    let tokens = Array(fixture.sequences[2].tokens.prefix(8)), target = fixture.sequences[2].predictedClass
    let exact = try Shapley(.with { $0.measure = .logit }).saliency(of: tokens, target: target, in: fixture.model).scores
    func error(samples: Int) throws -> Double {
      let sampled = try Shapley(.with { $0.measure = .logit; $0.samples = samples; $0.seed = 5 }, exactLimit: 0)
        .saliency(of: tokens, target: target, in: fixture.model)
      #expect(sampled.options.fields.first { $0.key == "exact" }?.value == .bool(false))
      return zip(sampled.scores, exact).map { abs($0 - $1) }.max() ?? 0
    }
    let scale = exact.map(abs).max() ?? 0
    let coarse = try error(samples: 16), fine = try error(samples: 2_000)
    #expect(fine < coarse / 3, "max error \(coarse) at 16 permutations, \(fine) at 2000")
    #expect(fine <= 0.05 * scale, "max error \(fine) against values up to \(scale)")
  }

  @Test("prefixes that resume from the previous prefix's state equal prefixes run in full", arguments: [Erasure.pad, .zero, .remove])
  func prefixReuse(erasure: Erasure) throws {
    let model = fixture.model
    let tokens = try #require(fixture.sequences.max { $0.tokens.count < $1.tokens.count }).tokens
    let game = try ShapleyGame(tokens: tokens, target: 1, erasure: erasure, measure: .probability, model: model)
    var generator = SplitMix64(seed: 5)
    let orders = (0..<3).map { _ in generator.permutation(count: tokens.count) }
    let resumed = game.prefixValues(orders: orders)
    for (order, values) in zip(orders, resumed) {
      #expect(values.count == tokens.count - 1)
      let full = game.values(count: tokens.count - 1) { index in
        (0..<tokens.count).map { order.prefix(index + 1).contains($0) }
      }
      for (a, b) in zip(values, full) { #expect(abs(a - b) <= 1e-6, "\(erasure): \(values) vs \(full)") }
    }
  }

  @Test("sampling is deterministic for a seed")
  func deterministic() throws {
    let sequence = fixture.sequences[3]  // L = 15 > 12: sampled by default
    let run = { (seed: UInt64) in
      try Shapley(.with { $0.samples = 20; $0.seed = seed }).saliency(of: sequence.tokens, target: sequence.predictedClass, in: fixture.model)
    }
    #expect(try run(1) == run(1))
    #expect(try run(1).scores != run(2).scores)
    #expect(try run(1).options.fields.first { $0.key == "exact" }?.value == .bool(false))
    // The orderings run in groups on every available thread; one thread gives the same values bit for bit.
    let (tokens, target, model) = (sequence.tokens, sequence.predictedClass, fixture.model)
    let alone = Parallel.map(count: 1, threads: 1) { _ in
      try? Shapley(.with { $0.samples = 20; $0.seed = 1 }).saliency(of: tokens, target: target, in: model)
    }
    #expect(try alone == [run(1)])
  }

  @Test("batched sentences give the one-by-one results")
  func batchedEqualsOneByOne() throws {
    let sequences = fixture.sequences.map(\.tokens), targets = fixture.sequences.map(\.predictedClass)
    let method = try Shapley(.with { $0.samples = 10 })
    let batched = try method.saliency(of: sequences, targets: targets, in: fixture.model)
    for (index, tokens) in sequences.enumerated() {
      #expect(batched[index] == (try method.saliency(of: tokens, target: targets[index], in: fixture.model)))
    }
  }

  @Test("one-token and empty inputs")
  func tinyInputs() throws {
    for erasure in [Erasure.pad, .remove] {
      let one = try Shapley(.with { $0.erasure = erasure }).saliency(of: [42], target: 1, in: fixture.model)
      #expect(one.scores.count == 1 && abs(one.axiomGap ?? .nan) <= 1e-12)
      #expect(try Shapley(.with { $0.erasure = erasure }).saliency(of: [], target: 1, in: fixture.model).scores.isEmpty)
    }
  }

  @Test("invalid options are errors that say what to do")
  func validation() {
    #expect(throws: SaliencyOptionError.measureIsNotACoalitionValue(.hiddenDistance)) {
      try Shapley(.with { $0.measure = .hiddenDistance })
    }
    #expect(throws: SaliencyOptionError.tooFewSamples(0)) { try Shapley(.with { $0.samples = 0 }) }
    #expect(throws: SaliencyOptionError.exactLimitOutOfRange(21)) { try Shapley(MethodParameters(), exactLimit: 21) }
    #expect(SaliencyOptionError.measureIsNotACoalitionValue(.hiddenDistance).description.contains("--measure probability"))
  }
}
