import LSTMCore

/// ∂F/∂e_t for each token of many sequences in one forward and one input-only backward pass (no weight
/// gradients), shared by the gradient methods. The rows stay packed as the trace packs them.
struct InputGradients {
  let batch: PackedBatch
  let embeddingSize: Int
  /// The embedded inputs e_t and ∂F/∂e_t, packed. [N, E] each
  let inputs: [Float]
  let gradients: [Float]

  /// - Precondition: `trace` is a forward trace of embedded inputs.
  init(trace: ForwardTrace, targets: [Int], output: ExplainedOutput, model: Classifier) {
    batch = trace.batch
    embeddingSize = model.config.embeddingSize
    inputs = trace.inputs
    gradients = model.inputGradients(of: trace, logitGradients: output.logitGradient(trace: trace, targets: targets))
  }

  /// One score per token of `sequence`, from that token's rows of ∂F/∂e and e (E values each).
  func tokenScores(of sequence: Int,
                   _ score: (_ gradient: UnsafePointer<Float>, _ input: UnsafePointer<Float>, _ count: Int) -> Double) -> [Double] {
    let e = embeddingSize
    return gradients.withUnsafeBufferPointer { dx in
      inputs.withUnsafeBufferPointer { x in
        (0..<batch.lengths[sequence]).map { step in
          let offset = batch.row(sequence: sequence, step: step) * e
          return score(dx.baseAddress! + offset, x.baseAddress! + offset, e)
        }
      }
    }
  }
}

/// The options of the methods read off ∂F/∂e (`gradient`, `grad-input`).
public struct InputGradientOptions: MethodOptions {
  /// F, the output differentiated: the target's logit or probability (`--of`).
  public var of = ExplainedOutput.logit

  public init() {}

  /// A signed score is a first-order share of F (saturates as F's unit); an unsigned one is ‖∂F/∂e_t‖, per unit
  /// of embedding, which has no model-independent strong value.
  public func colorSaturation(of map: SaliencyMap) -> ColorSaturation? {
    map.sign == .unsigned ? nil : of.colorSaturation
  }
}

/// A method whose score of token t is a function of ∂F/∂e_t and e_t alone: one forward and one input-only
/// backward pass for all sequences, shared with the other methods on the same texts.
public protocol InputGradientMethod: TraceReadingMethod where Options == InputGradientOptions {
  static var sign: SaliencySign { get }
  /// score_t from ∂F/∂e_t and e_t (`count` = E values each).
  static func score(gradient: UnsafePointer<Float>, input: UnsafePointer<Float>, count: Int) -> Double
}

extension InputGradientMethod {
  public static var traits: MethodTraits { [] }

  /// A forward and a backward pass.
  public static func cost(tokens: Int, options: Options) -> Double { 2 * Double(tokens) }

  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    let result = InputGradients(trace: trace, targets: targets, output: options.of, model: model)
    return sequences.indices.map { sequence in
      SaliencyMap(method: id, target: targets[sequence], sign: Self.sign, options: options,
                  scores: result.tokenScores(of: sequence, Self.score), axiomGap: nil)
    }
  }
}
