import LSTMCore
import Saliency

/// The explanation of one input: prediction and one map per method.
public struct TextExplanation: Sendable {
  public var input: EncodedText
  /// Class probabilities, model order. [K]
  public var probabilities: [Double]
  public var predicted: Int
  public var maps: [SaliencyMap]
  public var notes: [String]
  /// The class probabilities after each token, softmax(fc(h_t)), when `prefix-prediction` is among the methods
  /// (the curve its scores difference); nil otherwise. [T][K]
  public var prefixProbabilities: [[Double]]?
}

/// Which class explanations refer to.
public enum TargetChoice: Sendable, Equatable {
  /// The predicted class of each input.
  case predicted
  /// A fixed class index.
  case fixed(Int)
}

/// Predicts and explains encoded inputs with a list of methods, all inputs of a method in one batched call.
public struct Explainer: Sendable {
  public let model: TextModel
  public let methods: [any SaliencyMethod]
  public let target: TargetChoice

  public init(model: TextModel, methods: [any SaliencyMethod], target: TargetChoice = .predicted) {
    self.model = model
    self.methods = methods
    self.target = target
  }

  /// One forward pass predicts and serves every method that can reuse it (trajectory, gradient methods, LRP,
  /// prefix-prediction); the others run their own passes.
  public func explain(_ inputs: [EncodedText]) throws -> [TextExplanation] {
    let ids = inputs.map(\.ids)
    let trace = try model.classifier.forward(ids)
    let probabilities = inputs.indices.map { trace.probabilities(ofSequence: $0).map(Double.init) }
    let predicted = probabilities.map { row in row.indices.max { row[$0] < row[$1] } ?? 0 }
    let targets = predicted.map { prediction in
      if case .fixed(let index) = target { return index }
      return prediction
    }
    let mapsByMethod = try methods.map { try $0.saliency(of: ids, targets: targets, reusing: trace, in: model.classifier) }
    let curves = methods.contains { $0.id == PrefixPrediction.id } ? prefixCurves(trace) : nil
    return inputs.indices.map { index in
      TextExplanation(input: inputs[index], probabilities: probabilities[index], predicted: predicted[index],
                      maps: mapsByMethod.map { $0[index] }, notes: notes(for: inputs[index], maps: mapsByMethod.map { $0[index] }),
                      prefixProbabilities: curves?[index])
    }
  }

  /// softmax(fc(h_t)) for every step of every sequence of the trace. [sequence][t][K]
  private func prefixCurves(_ trace: ForwardTrace) -> [[[Double]]] {
    let flat = PrefixPrediction(options: .init()).prefixProbabilities(of: trace, model: model.classifier)
    let k = model.classifier.config.classCount
    return (0..<trace.batch.sequenceCount).map { s in
      (0..<trace.batch.lengths[s]).map { step in
        let row = trace.batch.row(sequence: s, step: step)
        return (0..<k).map { Double(flat[row * k + $0]) }
      }
    }
  }

  /// The text's notes: truncation, unknown tokens, and each method's own (integrated gradients' unmet
  /// tolerance), prefixed by the method's id, so that every output that shows notes shows them.
  private func notes(for input: EncodedText, maps: [SaliencyMap]) -> [String] {
    var notes: [String] = []
    if input.truncated {
      notes.append("the input has \(input.originalTokenCount) tokens; only the first \(input.tokens.count) were explained (--max-tokens)")
    }
    if input.unknownCount == input.tokens.count, !input.tokens.isEmpty, input.text != nil {
      notes.append("every token is unknown to the model, so the prediction reflects <unk> only")
    } else if input.unknownCount > 0, input.text != nil {
      notes.append("\(input.unknownCount) of \(input.tokens.count) tokens are unknown to the model (<unk>)")
    }
    for map in maps { notes += map.notes.map { "\(map.method.rawValue): \($0)" } }
    return notes
  }
}
