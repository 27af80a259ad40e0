import Foundation
import LSTMCore
import SystemSupport

/// Random weights and token ids of the standard workload, fixed by seed so both tools see the same numbers.
struct StandardWorkload {
  let config = ModelConfig(vocabularySize: 20_000, embeddingSize: 128, hiddenSize: 256, classCount: 2)
  let length = 40
  let model: Classifier
  /// 512 sequences of T tokens with ids in 1..<V.
  let sequences: [[Int]]

  init() {
    var generator = SplitMix64(seed: 2026)
    model = Classifier(randomlyInitialised: config, generator: &generator)
    sequences = (0..<512).map { _ in (0..<40).map { _ in 1 + Int(generator.next() % UInt64(20_000 - 1)) } }
  }

  /// Writes `model.safetensors` and `tokens.json` for the PyTorch side.
  func write(to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try model.archive().write(to: directory.appendingPathComponent("model.safetensors"))
    let json = "[" + sequences.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    try AtomicFile.write(json, to: directory.appendingPathComponent("tokens.json"))
  }
}
