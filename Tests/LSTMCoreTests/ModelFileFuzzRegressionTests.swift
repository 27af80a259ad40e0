import Foundation
import Testing
@testable import LSTMCore

/// Model files that once made the loader trap, found while fuzzing it (docs/fuzzing.md). Each must now be
/// rejected with an error that names the file and the tensor.
@Suite("Model file regressions from fuzzing")
struct ModelFileFuzzRegressionTests {
  /// fc.weight [1, 100000] sets H = 100,000, so the LSTM tensors would need 4H·H = 4·10¹⁰ floats (160 GB);
  /// the file holds none of them. The loader used to allocate the whole parameter buffer before looking the
  /// tensors up, and trapped with "failed to allocate 160005200044 bytes" on a 400 KB file.
  @Test("a hidden size that no tensor backs is rejected before anything is allocated for it")
  func hugeHiddenSizeWithoutTensors() throws {
    let hidden = 100_000
    let archive = try SafetensorsArchive(tensors: [
      SafetensorsArchive.Tensor(name: "embedding.weight", shape: [2, 1], values: [0, 0]),
      SafetensorsArchive.Tensor(name: "fc.weight", shape: [1, hidden], values: [Float](repeating: 0, count: hidden)),
    ], source: "huge-hidden.safetensors")
    #expect(throws: CheckpointError.self) { try Classifier(archive: archive) }
    do {
      _ = try Classifier(archive: archive)
    } catch let error as CheckpointError {
      guard case .missingTensor(let source, let name, _) = error else {
        Issue.record("expected a missing tensor, got \(error)")
        return
      }
      #expect(source == "huge-hidden.safetensors")
      #expect(name == "lstm.weight_ih_l0")
    }
  }
}
