import LSTMCore
import Testing
@testable import Saliency

@Suite("Methods own their options; the registry and the shared options follow from them")
struct MethodRegistryTests {
  let fixture: ReferenceFixture

  init() throws { fixture = try ReferenceFixture.load() }

  @Test("ids are unique, every shared option has a reader, and every reader's option is a shared option")
  func registry() {
    let ids = SaliencyMethods.ids.map(\.rawValue)
    #expect(Set(ids).count == ids.count)
    #expect(ids.first == "trajectory" && ids.contains("embedding-norm"))
    for option in MethodOption.allCases { #expect(!option.readers.isEmpty, "\(option.flag) is read by no method") }
    #expect(MethodOption.erasure.readers.map(\.rawValue) == ["occlusion", "shapley"])
    #expect(MethodOption.of.readers.map(\.rawValue) == ["gradient", "grad-input", "integrated-gradients", "smoothgrad"])
    #expect(EmbeddingNorm.reads.isEmpty && PrefixPrediction.reads.isEmpty)
    #expect(SaliencyMethods.named(SaliencyMethodID(rawValue: "no-such-method")) == nil)
  }

  @Test("default options survive the field codec, and options not given keep their defaults")
  func defaultsRoundTrip() throws {
    for type in SaliencyMethods.all {
      let method = try type.init(MethodParameters())
      #expect(method.options.fields.map(\.key) == type.defaultOptions.fields.map(\.key), "\(type.id)")
      #expect(method.options.isEqual(to: type.defaultOptions), "\(type.id)")
      #expect(method.id == type.id)
    }
  }

  @Test("a shared option reaches exactly the methods that read it")
  func parametersReachTheirReaders() throws {
    let given = MethodParameters.with { $0.erasure = .unk; $0.window = 3; $0.of = .probability; $0.seed = 9 }
    #expect(given.given == [.of, .erasure, .window, .seed])
    let occlusion = try Occlusion(given)
    #expect(occlusion.options.erasure == .unk && occlusion.options.window == 3 && occlusion.options.measure == .probability)
    let shapley = try Shapley(given)
    #expect(shapley.options.erasure == .unk && shapley.options.seed == 9 && shapley.options.samples == 200)
    #expect(try GradientTimesInput(given).options.of == .probability)
    #expect(try LRP(given).options.isEqual(to: LRP.defaultOptions))
  }

  @Test("every shared option, all given at once, reaches each of its readers with its type (no method traps)")
  func everyOptionGiven() throws {
    let all = MethodParameters.with {
      $0.normalize = true; $0.of = .probability; $0.erasure = .zero; $0.measure = .logit; $0.window = 2
      $0.baseline = .zero; $0.steps = 64; $0.rule = .gaussLegendre; $0.tolerance = 1e-3; $0.base = .gradInput
      $0.samples = 10; $0.noise = 0.05; $0.seed = 7; $0.epsilon = 0.01
    }
    #expect(all.given == MethodOption.allCases)
    let given = Dictionary(uniqueKeysWithValues: all.fields.map { ($0.key, $0.value) })
    for type in SaliencyMethods.all {
      let options = try type.init(all).options.fields
      for option in type.reads {
        #expect(options.first { $0.key == option.rawValue }?.value == given[option.rawValue], "\(type.id) \(option)")
      }
    }
  }

  @Test("validation is the method's: each range error names the option")
  func validation() {
    #expect(throws: SaliencyOptionError.windowTooSmall(0)) { try Occlusion(.with { $0.window = 0 }) }
    #expect(throws: SaliencyOptionError.measureIsNotACoalitionValue(.hiddenDistance)) {
      try Shapley(.with { $0.measure = .hiddenDistance })
    }
    #expect(throws: SaliencyOptionError.removeIsNotABaseline) { try IntegratedGradients(.with { $0.baseline = .remove }) }
    #expect("\(SaliencyOptionError.windowTooSmall(0))".contains("--window"))
  }

  @Test("a seed beyond Int.max is recorded as text and read back exactly")
  func largeSeed() throws {
    let seed = UInt64.max - 1
    let options = try SmoothGrad(.with { $0.seed = seed }).options
    #expect(options.fields.first { $0.key == "seed" }?.value == .string(String(seed)))
    #expect(try OptionFields.decode(SmoothGrad.Options.self, from: options.fields) == options)
    #expect(options.fields.contains { $0.key == "noise" } == false)  // nil optionals are left out
  }

  @Test("a method's cost grows with the text and with its own options")
  func costs() throws {
    for type in SaliencyMethods.all {
      let method = try type.init(MethodParameters())
      #expect(method.estimatedCost(tokens: 40) > method.estimatedCost(tokens: 20), "\(type.id)")
    }
    #expect(try IntegratedGradients(.with { $0.steps = 100 }).estimatedCost(tokens: 10)
      == 2 * (try IntegratedGradients(MethodParameters())).estimatedCost(tokens: 10))
    #expect(Occlusion.traits.contains(.perturbation) && Shapley.traits.contains(.perturbation))
    #expect(!GradientTimesInput.traits.contains(.perturbation))
  }

  @Test("embedding-norm is the length of each token's embedding row, whatever the context and the target")
  func embeddingNorm() throws {
    let model = fixture.model
    let e = model.config.embeddingSize
    let table = Array(model.tensor(.embedding))
    func norm(_ id: Int) -> Double {
      (0..<e).reduce(0.0) { $0 + Double(table[id * e + $1]) * Double(table[id * e + $1]) }.squareRoot()
    }
    let method = EmbeddingNorm(options: .init())
    let sequences = fixture.sequences.map(\.tokens)
    let targets = sequences.map { _ in 1 }
    let batched = try method.saliency(of: sequences, targets: targets, in: model)
    let traced = try method.saliency(of: sequences, targets: targets, reusing: model.forward(sequences), in: model)
    for (index, tokens) in sequences.enumerated() {
      let alone = try method.saliency(of: tokens, target: 0, in: model)
      #expect(alone.scores == batched[index].scores && traced[index].scores == batched[index].scores)
      for (score, id) in zip(alone.scores, tokens) { #expect(abs(score - norm(id)) <= 1e-12 * max(1, norm(id))) }
      #expect(alone.sign == .unsigned && alone.axiomGap == nil && alone.colorSaturation == nil)
    }
    #expect(try method.saliency(of: [0, 0], target: 0, in: model).scores == [0, 0])  // <pad>'s row is zero
  }
}
