import Foundation
import Testing
@testable import LSTMCore

/// The forward pass against the float64 PyTorch reference (Tests/Fixtures/pytorch-reference/ORIGIN.md).
@Suite("Forward pass matches the PyTorch reference")
struct ReferenceForwardTests {
  /// The reference files, shared with SaliencyTests (one copy).
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/pytorch-reference", isDirectory: true)

  static func loadModel() throws -> Classifier {
    try Classifier(archive: SafetensorsArchive(contentsOf: fixtures.appendingPathComponent("model.safetensors")))
  }

  static func loadSequences() throws -> [[String: Any]] {
    let data = try Data(contentsOf: fixtures.appendingPathComponent("attributions.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(root["sequences"] as? [[String: Any]])
  }

  /// |a − r| ≤ 1e-5 + 1e-3·|r| for every entry.
  static func expectClose(_ actual: [Double], _ reference: [Double], _ what: String) {
    #expect(actual.count == reference.count, "\(what): \(actual.count) values, reference has \(reference.count)")
    for (index, (a, r)) in zip(actual, reference).enumerated() {
      #expect(abs(a - r) <= 1e-5 + 1e-3 * abs(r), "\(what)[\(index)]: \(a) vs reference \(r)")
    }
  }

  @Test("config, logits, probabilities, gates, cell and hidden states of all six sequences")
  func forwardMatches() throws {
    let model = try Self.loadModel()
    #expect(model.config == ModelConfig(vocabularySize: 500, embeddingSize: 16, hiddenSize: 24, classCount: 3))
    #expect(model.specialIds == SpecialTokenIds(pad: 0, unk: nil))
    let sequences = try Self.loadSequences()
    #expect(sequences.count == 6)
    let ids = try sequences.map { try #require($0["token_ids"] as? [Int]) }
    let trace = try model.forward(ids)
    for (b, sequence) in sequences.enumerated() {
      let length = ids[b].count
      Self.expectClose(trace.logits(ofSequence: b).map(Double.init), sequence["logits"] as? [Double] ?? [], "logits L=\(length)")
      Self.expectClose(trace.probabilities(ofSequence: b).map(Double.init), sequence["probabilities"] as? [Double] ?? [], "probabilities L=\(length)")
      Self.expectClose(trace.hiddenStates(ofSequence: b).flatMap { $0 }.map(Double.init),
                       (sequence["hidden_states"] as? [[Double]] ?? []).flatMap { $0 }, "hidden L=\(length)")
      Self.expectClose(trace.cellStates(ofSequence: b).flatMap { $0 }.map(Double.init),
                       (sequence["cell_states"] as? [[Double]] ?? []).flatMap { $0 }, "cells L=\(length)")
      Self.expectClose(trace.gateActivations(ofSequence: b).flatMap { $0 }.map(Double.init),
                       (sequence["gates"] as? [[Double]] ?? []).flatMap { $0 }, "gates L=\(length)")
      Self.expectClose(trace.finalHidden(ofSequence: b).map(Double.init), sequence["h_n"] as? [Double] ?? [], "h_n L=\(length)")
    }
  }

  @Test("writing and reading the model file keeps every weight and the special ids")
  func roundTrip() throws {
    let model = try Self.loadModel()
    let withUnk = Classifier(config: model.config, parameters: model.parameters, specialIds: SpecialTokenIds(pad: 0, unk: 1))
    let archive = try withUnk.archive(metadata: ["saliency.labels": "[\"a\",\"b\",\"c\"]"])
    let reread = try Classifier(archive: SafetensorsArchive(bytes: archive.serialized(), source: "memory"))
    #expect(reread.parameters == model.parameters)
    #expect(reread.specialIds == SpecialTokenIds(pad: 0, unk: 1))
  }

  @Test("an unknown format version and inconsistent shapes are rejected with a message")
  func rejections() throws {
    let model = try Self.loadModel()
    var metadata = try model.archive().metadata
    metadata[Classifier.formatVersionKey] = "7"
    let future = try SafetensorsArchive(tensors: model.archive().tensors, metadata: metadata, source: "future.safetensors")
    #expect(throws: ModelFileError.self) { try Classifier(archive: future) }
    do {
      _ = try Classifier(archive: future)
    } catch {
      #expect("\(error)".contains("format version 7 is not supported"))
    }
    var tensors = try model.archive().tensors
    tensors.removeAll { $0.name == "lstm.weight_hh_l0" }
    tensors.append(try .init(name: "lstm.weight_hh_l0", shape: [96, 23], values: [Float](repeating: 0, count: 96 * 23)))
    let broken = try SafetensorsArchive(tensors: tensors, source: "broken.safetensors")
    #expect(throws: CheckpointError.self) { try Classifier(archive: broken) }
  }

  @Test("a tensor the architecture does not use fails the load and is named; unsupported encoders say what they are")
  func neverLoadedWrong() throws {
    let model = try Self.loadModel()
    let base = try model.archive().tensors
    let h = model.config.hiddenSize, e = model.config.embeddingSize
    func extra(_ names: [(String, [Int])]) throws -> SafetensorsArchive {
      let added = try names.map { name, shape in
        try SafetensorsArchive.Tensor(name: name, shape: shape, values: [Float](repeating: 0.5, count: shape.reduce(1, *)))
      }
      return try SafetensorsArchive(tensors: base + added, source: "export.safetensors")
    }
    func message(_ archive: SafetensorsArchive) -> String {
      do { _ = try Classifier(archive: archive); return "loaded" } catch { return "\(error)" }
    }
    // nn.LSTM(num_layers=2): layer 1's four tensors beside layer 0's.
    let stacked = try extra([("lstm.weight_ih_l1", [4 * h, h]), ("lstm.weight_hh_l1", [4 * h, h]),
                             ("lstm.bias_ih_l1", [4 * h]), ("lstm.bias_hh_l1", [4 * h])])
    #expect(message(stacked).contains("a stacked LSTM of 2 layers (num_layers=2"), "\(message(stacked))")
    let bidirectional = try extra([("lstm.weight_ih_l0_reverse", [4 * h, e]), ("lstm.weight_hh_l0_reverse", [4 * h, h])])
    #expect(message(bidirectional).contains("a bidirectional LSTM (bidirectional=True"))
    let gru = try SafetensorsArchive(
      tensors: base.filter { !$0.name.hasPrefix("lstm.") } + [try .init(name: "gru.weight_ih_l0", shape: [3 * h, e],
                                                                         values: [Float](repeating: 0, count: 3 * h * e))],
      source: "gru.safetensors")
    #expect(message(gru).contains("a GRU encoder (nn.GRU"))
    let stray = try extra([("attention.weight", [h])])
    #expect(throws: ModelFileError.unusedTensor(source: "export.safetensors", name: "attention.weight",
                                                expected: ParameterLayout(model.config).entries.map(\.name.rawValue))) {
      try Classifier(archive: stray)
    }
    #expect(message(try SafetensorsArchive(tensors: base, source: "plain.safetensors")) == "loaded")
  }
}
