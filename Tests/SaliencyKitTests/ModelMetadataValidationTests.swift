import Corpus
import Foundation
import LSTMCore
import Testing
@testable import SaliencyKit

/// Metadata that would make a model mean something else is refused at load, naming the key (before: swapped or
/// absurd special ids, a non-JSON `saliency.config` and an empty tokenizer object were accepted).
@Suite("Model metadata is validated at load")
struct ModelMetadataValidationTests {
  /// The tiny model's archive with `key` set to `value`.
  static func archive(_ key: String, _ value: String) throws -> SafetensorsArchive {
    var archive = try TextModelTests.model().archive()
    archive.metadata[key] = value
    return archive
  }

  static func expectRejected(_ key: String, _ value: String, mentioning fragment: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
    let archive = try archive(key, value)
    do {
      _ = try TextModel(archive: archive, name: "tiny", path: nil)
      Issue.record("\(key) = \(value) was accepted", sourceLocation: sourceLocation)
    } catch {
      #expect("\(error)".contains(key) && "\(error)".contains(fragment), "\(error)", sourceLocation: sourceLocation)
    }
  }

  @Test("special ids: distinct, integer, in range, no unknown key, and where the vocabulary puts <pad> and <unk>")
  func specialIds() throws {
    let key = Classifier.specialIdsKey
    try Self.expectRejected(key, #"{"pad":1,"unk":1}"#, mentioning: "must differ")
    try Self.expectRejected(key, #"{"pad":0,"unk":7}"#, mentioning: "outside the vocabulary of 7")
    try Self.expectRejected(key, #"{"pad":-1}"#, mentioning: "outside the vocabulary")
    try Self.expectRejected(key, #"{"pad":0.5}"#, mentioning: "integer ids")
    try Self.expectRejected(key, #"{"pad":true}"#, mentioning: "integer ids")
    try Self.expectRejected(key, #"{"pad":0,"unk":1,"bos":2}"#, mentioning: "unknown key 'bos'")
    try Self.expectRejected(key, #"{"unk":1}"#, mentioning: "pad id is missing")
    try Self.expectRejected(key, #"{"pad":1,"unk":0}"#, mentioning: "disagree with the vocabulary")
    try Self.expectRejected(key, #"{"pad":0,"unk":3}"#, mentioning: "disagree with the vocabulary")
  }

  @Test("saliency.config: a JSON object whose sizes are the tensors'")
  func config() throws {
    let key = TextModel.MetadataKey.config
    try Self.expectRejected(key, "V=7", mentioning: "expected a JSON object")
    try Self.expectRejected(key, #"{"V":7,"E":4,"H":6,"K":2}"#, mentioning: "H is 6, but the tensors give 5")
    try Self.expectRejected(key, #"{"K":"two"}"#, mentioning: "K is two")
    #expect(throws: Never.self) { try TextModel(archive: Self.archive(key, #"{"V":7,"E":4,"H":5,"K":2,"seed":1}"#), name: "t", path: nil) }
  }

  @Test("saliency.config: a stated encoder other than the one the tensors describe is refused; train records it")
  func encoder() throws {
    let key = TextModel.MetadataKey.config
    try Self.expectRejected(key, #"{"V":7,"cell":"gru"}"#, mentioning: "cell is gru, but this build runs cell lstm")
    try Self.expectRejected(key, #"{"layers":2}"#, mentioning: "layers is 2")
    try Self.expectRejected(key, #"{"bidirectional":true}"#, mentioning: "bidirectional is true")
    let stated = #"{"V":7,"E":4,"H":5,"K":2,"cell":"lstm","layers":1,"bidirectional":false}"#
    #expect(throws: Never.self) { try TextModel(archive: Self.archive(key, stated), name: "t", path: nil) }
    let written = ModelConfigMetadata(config: try TextModelTests.model().classifier.config).jsonValue.serialized()
    #expect(written.contains(#""cell":"lstm","layers":1,"bidirectional":false"#), "\(written)")
  }

  @Test("saliency.tokenizer: every setting stated")
  func tokenizer() throws {
    try Self.expectRejected(Tokenizer.metadataKey, "{}", mentioning: "lack kind")
  }
}
