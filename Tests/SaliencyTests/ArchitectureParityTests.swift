import Foundation
import Testing
import LSTMCore
@testable import Saliency

/// The float64 PyTorch/Captum references of a 2-layer LSTM, a bidirectional LSTM, a GRU and a 2-layer
/// bidirectional GRU (Tests/Fixtures/architectures/ORIGIN.md): random weights, six texts, every class as target.
struct ArchitectureFixture {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/architectures", isDirectory: true)
  static let names = ["lstm-2layer", "bilstm", "gru", "bigru-2layer"]

  let model: Classifier
  /// `cases` of reference.json.
  let cases: [[String: Any]]

  init(_ name: String) throws {
    let directory = Self.folder.appendingPathComponent(name, isDirectory: true)
    model = try Classifier(archive: SafetensorsArchive(contentsOf: directory.appendingPathComponent("model.safetensors")))
    let data = try Data(contentsOf: directory.appendingPathComponent("reference.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    cases = try #require(object["cases"] as? [[String: Any]])
  }

  /// A copy with every bias set to zero (LRP then conserves the logit exactly with ε = 0).
  var biasFreeModel: Classifier {
    var parameters = model.parameters
    for entry in model.layout.entries {
      let isBias: Bool
      switch entry.name {
      case .recurrent(.inputBias, _, _), .recurrent(.recurrentBias, _, _), .outputBias: isBias = true
      default: isBias = false
      }
      if isBias { for index in entry.range { parameters[index] = 0 } }
    }
    return Classifier(config: model.config, parameters: parameters, specialIds: model.specialIds)
  }
}

@Suite("Every method on every architecture")
struct ArchitectureParityTests {
  /// The methods the references cover, with the settings their `options` state.
  static func methods() throws -> [(key: String, method: any SaliencyMethod)] {
    [
      ("gradient", try Gradient(.with { $0.of = .logit })),
      ("grad-input", try GradientTimesInput(.with { $0.of = .logit })),
      ("integrated-gradients", try IntegratedGradients(options: .init())),
      ("occlusion", try Occlusion(.with { $0.erasure = .pad; $0.measure = .probability })),
      ("shapley", try Shapley(.with { $0.erasure = .pad; $0.measure = .probability }, exactLimit: 12)),
      ("prefix-prediction", PrefixPrediction(options: .init())),
      ("lrp", try LRP(options: .init())),
    ]
  }

  @Test("probabilities, states and every method match the reference within 1e-5 + 1e-3·|r|",
        arguments: ArchitectureFixture.names)
  func parity(name: String) throws {
    let fixture = try ArchitectureFixture(name)
    let methods = try Self.methods()
    for reference in fixture.cases {
      let tokens = try #require(reference["token_ids"] as? [Int])
      let what = "\(name) L=\(tokens.count)"
      let trace = try fixture.model.forward([tokens])
      ReferenceFixture.expectClose(trace.probabilities.map(Double.init), try #require(reference["probabilities"] as? [Double]),
                                   "\(what) probabilities")
      ReferenceFixture.expectClose(trace.finalHidden.map(Double.init), try #require(reference["head_input"] as? [Double]),
                                   "\(what) head input")
      ReferenceFixture.expectClose(trace.hidden.map(Double.init),
                                   try #require(reference["top_states"] as? [[Double]]).flatMap { $0 }, "\(what) top states")
      let trajectory = try Trajectory(options: .init()).saliency(of: tokens, target: 0, in: fixture.model)
      ReferenceFixture.expectClose(trajectory.scores, try #require(reference["trajectory"] as? [Double]), "\(what) trajectory")
      #expect(abs(trajectory.axiomGap ?? 1) <= 1e-9, "\(what) trajectory telescopes")
      for target in try #require(reference["targets"] as? [[String: Any]]) {
        let k = try #require(target["target"] as? Int)
        for (key, method) in methods {
          let map = try method.saliency(of: tokens, target: k, in: fixture.model)
          ReferenceFixture.expectClose(map.scores, try #require(target[key] as? [Double]), "\(what) k=\(k) \(key)")
          if key == "lrp" {
            ReferenceFixture.expectClose([map.axiomGap ?? .nan], [try #require(target["lrp_axiom_gap"] as? Double)],
                                         "\(what) k=\(k) lrp gap")
            let relevance = try LRP(options: .init()).embeddingRelevance(in: trace, sequence: 0, target: k, model: fixture.model)
            ReferenceFixture.expectClose(relevance.flatMap { $0 },
                                         try #require(target["lrp_embedding_relevance"] as? [[Double]]).flatMap { $0 },
                                         "\(what) k=\(k) lrp embedding relevance")
          }
        }
      }
    }
  }

  @Test("batched equals one by one, twice the same, for every method", arguments: ArchitectureFixture.names)
  func batchedEqualsOneByOne(name: String) throws {
    let fixture = try ArchitectureFixture(name)
    let texts = try fixture.cases.map { try #require($0["token_ids"] as? [Int]) }
    let targets = texts.indices.map { $0 % fixture.model.config.classCount }
    let methods = try Self.methods().map(\.method) + [
      Trajectory(options: .init()), try SmoothGrad(options: .init()),
      // Sampled Shapley (coalitions resume from prefix states where the encoder allows) and occlusion windows.
      try Shapley(.with { $0.samples = 8 }, exactLimit: 3), try Occlusion(.with { $0.window = 2; $0.measure = .hiddenDistance }),
    ]
    for method in methods {
      let id = method.id.rawValue
      let batched = try method.saliency(of: texts, targets: targets, in: fixture.model)
      let again = try method.saliency(of: texts, targets: targets, in: fixture.model)
      for (index, tokens) in texts.enumerated() {
        #expect(batched[index].scores == again[index].scores, "\(name) \(id) is deterministic")
        let single = try method.saliency(of: tokens, target: targets[index], in: fixture.model)
        for (a, b) in zip(batched[index].scores, single.scores) {
          #expect(abs(a - b) <= 1e-6 + 1e-5 * abs(b), "\(name) \(id) L=\(tokens.count)")
        }
      }
    }
  }

  @Test("sampled Shapley equals the same permutations evaluated without resuming from prefix states",
        arguments: ["lstm-2layer", "gru"])
  func resumedShapleyEqualsRecomputed(name: String) throws {
    let fixture = try ArchitectureFixture(name)
    let tokens = try #require(fixture.cases.last?["token_ids"] as? [Int])
    let game = try ShapleyGame(tokens: tokens, target: 1, erasure: .pad, measure: .probability, model: fixture.model)
    let resumed = game.sampledValues(permutations: 6, seed: 0)
    // The same coalitions, each run whole.
    var generator = SplitMix64(seed: 0)
    var orders: [[Int]] = []
    while orders.count < 6 {
      let order = generator.permutation(count: tokens.count)
      orders.append(order)
      if orders.count < 6 { orders.append(order.reversed()) }
    }
    let ends = game.values(count: 2) { [Bool](repeating: $0 == 1, count: tokens.count) }
    var phi = [Double](repeating: 0, count: tokens.count)
    for order in orders {
      var members = [Bool](repeating: false, count: tokens.count), previous = ends[0]
      for position in order {
        members[position] = true
        let coalition = members
        let current = game.values(count: 1) { _ in coalition }[0]
        phi[position] += current - previous
        previous = current
      }
    }
    ReferenceFixture.expectClose(resumed.phi, phi.map { $0 / 6 }, "\(name) resumed Shapley")
  }

  @Test("LRP conserves the logit with ε = 0 on a bias-free copy", arguments: ArchitectureFixture.names)
  func lrpConservation(name: String) throws {
    let model = try ArchitectureFixture(name).biasFreeModel
    let method = try LRP(.with { $0.epsilon = 0 })
    for tokens in [[5, 9, 13, 2, 40], [7], [3, 3, 1, 0, 58, 12, 22]] {
      for target in 0..<model.config.classCount {
        let map = try method.saliency(of: tokens, target: target, in: model)
        let logit = Double(try model.forward([tokens]).logits(ofSequence: 0)[target])
        #expect(abs(map.scores.reduce(0, +) - logit) <= 1e-6 * max(1, abs(logit)), "\(name) k=\(target)")
        #expect(abs(map.axiomGap ?? 1) <= 1e-6 * max(1, abs(logit)))
      }
    }
  }
}
