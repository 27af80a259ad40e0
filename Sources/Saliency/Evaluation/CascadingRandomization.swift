import LSTMCore

/// The model-parameter randomisation test of Adebayo et al. (2018), cascading from the top: each stage
/// re-initialises one more layer, output layer first, as training initialises it (`Classifier(randomlyInitialised:)`),
/// so the last stage is an untrained model. A method whose maps survive this does not explain the model.
public enum CascadingRandomization {
  /// The layers in the order they are randomised.
  public enum Stage: String, Sendable, CaseIterable {
    case outputLayer = "output-layer"
    case lstm
    case embedding

    /// The tensors this stage re-initialises (`lstm`: every tensor of the recurrent encoder, whatever its cell).
    func tensors(in layout: ParameterLayout) -> [ParameterLayout.Name] {
      switch self {
      case .outputLayer: return [.outputWeights, .outputBias]
      case .lstm: return layout.entries.map(\.name).filter(\.isRecurrent)
      case .embedding: return [.embedding]
      }
    }
  }

  /// One model per stage, in `Stage.allCases` order: stage s has the layers of stages 0…s re-initialised and the
  /// rest trained. The fresh values come from one model initialised with `seed`, so a seed fixes them all.
  public static func models(from model: Classifier, seed: UInt64) -> [(stage: Stage, model: Classifier)] {
    var generator = SplitMix64(seed: seed)
    let fresh = Classifier(randomlyInitialised: model.config, specialIds: model.specialIds, generator: &generator)
    var parameters = model.parameters
    return Stage.allCases.map { stage in
      for name in stage.tensors(in: model.layout) {
        let range = model.layout[name].range
        parameters.replaceSubrange(range, with: fresh.parameters[range])
      }
      return (stage, Classifier(config: model.config, parameters: parameters, specialIds: model.specialIds))
    }
  }
}
