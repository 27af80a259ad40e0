import LSTMCore
import Saliency

/// The cascading model-randomisation check (Adebayo et al. 2018): each method's maps on models whose layers are
/// re-initialised from the top down, compared with its maps on the trained model by Spearman ρ per text. The
/// targets stay the trained model's predictions, so only the weights change.
struct SanityCheck {
  let methods: [any SaliencyMethod]
  /// The trained model's maps. [methods][texts]
  let original: [[SaliencyMap]]
  let sequences: [[Int]]
  let targets: [Int]
  let threads: Int

  /// ρ per method, stage (in `CascadingRandomization.Stage.allCases` order) and text; nil where ρ is undefined
  /// (fewer than two tokens, or all scores tied on one side). [methods][stages][texts]
  /// `onChunkDone(method, texts)` is called from the workers as each chunk of texts is explained at each stage.
  func rhos(model: Classifier, seed: UInt64,
            onChunkDone: @escaping @Sendable (Int, Range<Int>) -> Void = { _, _ in }) throws -> [[[Double?]]] {
    var rhos = [[[Double?]]](repeating: [], count: methods.count)
    for (_, randomised) in CascadingRandomization.models(from: model, seed: seed) {
      let maps = try MethodMaps(methods: methods, sequences: sequences, targets: targets, model: randomised,
                                threads: threads, onChunkDone: onChunkDone)
      for method in methods.indices {
        rhos[method].append(zip(original[method], maps.maps[method]).map {
          SpearmanCorrelation.rho($0.scores, $1.scores)
        })
      }
    }
    return rhos
  }
}
