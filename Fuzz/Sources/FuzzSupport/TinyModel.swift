import Foundation
import LSTMCore

/// A small valid classifier whose size the fuzzer chooses, for targets that fuzz what surrounds the
/// tensors (the metadata) rather than the tensors themselves.
///
/// Sizes: V = `vocabularySize`, E = 2, H = 2, K = `classCount`; parameters follow a fixed finite pattern
/// (w_i = sin(i)/4), so the same sizes always give the same model.
public enum TinyModel {
  /// Largest vocabulary the fuzzer can ask for; keeps each run cheap.
  public static let maximumVocabularySize = 17
  /// Largest number of classes the fuzzer can ask for.
  public static let maximumClassCount = 4

  /// The classifier with V = 2 + `vocabularyByte` mod 16 and K = 1 + `classByte` mod 4.
  public static func classifier(vocabularyByte: UInt8, classByte: UInt8) -> Classifier {
    let config = ModelConfig(
      vocabularySize: 2 + Int(vocabularyByte) % (maximumVocabularySize - 1),
      embeddingSize: 2, hiddenSize: 2,
      classCount: 1 + Int(classByte) % maximumClassCount)
    let layout = ParameterLayout(config)
    let parameters = (0..<layout.totalCount).map { Float(sin(Double($0))) / 4 }
    return Classifier(config: config, parameters: parameters)
  }
}
