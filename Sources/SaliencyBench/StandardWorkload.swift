import Foundation
import LSTMCore
import SystemSupport

/// Random weights and token ids of the standard workload, fixed by seed so both tools see the same numbers.
/// The encoder is one LSTM layer unless another is asked for (`--encoders`); the token ids do not depend on it.
struct StandardWorkload {
  /// The encoders `--encoders` names: the standard one-layer LSTM, and a 2-layer bidirectional LSTM of the same H.
  enum Encoder: String, CaseIterable {
    case lstm
    case bilstm2Layer = "bilstm-2layer"
  }

  let encoder: Encoder
  let config: ModelConfig
  let length = 40
  let model: Classifier
  /// 512 sequences of T tokens with ids in 1..<V.
  let sequences: [[Int]]

  init(encoder: Encoder = .lstm) {
    self.encoder = encoder
    config = ModelConfig(vocabularySize: 20_000, embeddingSize: 128, hiddenSize: 256, classCount: 2,
                         layers: encoder == .lstm ? 1 : 2, bidirectional: encoder == .bilstm2Layer)
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
