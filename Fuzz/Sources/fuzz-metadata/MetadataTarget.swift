import Corpus
import Foundation
import FuzzSupport
import LSTMCore
import SaliencyKit

/// Fuzzes the readers of a model file's `saliency.*` metadata: a tiny valid model whose metadata strings
/// come from the input, loaded as a `TextModel`, plus the vocabulary and tokenizer parsers on their own.
///
/// Input: byte 0 says which keys are present (bit k for `keys[k]`), byte 1 chooses V (2…17) and byte 2
/// chooses K (1…4) of the tiny model (`TinyModel`); the rest is cut at 0xFF into one value per key, in
/// the order of `keys` (bytes that are not UTF-8 become U+FFFD, as no JSON string can hold them).
///
/// Invariants:
/// - `Vocabulary(metadataJSON:)` and `Tokenizer(metadataJSON:)` throw or give a value that
///   `metadataJSON()` writes back to text that parses to the same value;
/// - `TextModel(archive:name:path:)` throws or gives a model with K distinct labels, a vocabulary of V
///   entries (if any), whose model card is valid JSON, whose own `archive()` loads back to the same labels,
///   vocabulary, tokenizer and special ids, and which encodes a text to ids inside the vocabulary.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMetadata(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = FuzzInput(data, size).bytes
  var header = Array(bytes.prefix(3))
  while header.count < 3 { header.append(0) }
  let values = FuzzInput.fields(of: bytes.dropFirst(3), count: keys.count).map { String(decoding: $0, as: UTF8.self) }
  var metadata: [String: String] = [:]
  for (index, key) in keys.enumerated() where header[0] & (1 << index) != 0 {
    metadata[key] = values[index]
  }

  if let json = metadata[Vocabulary.metadataKey], let vocabulary = try? Vocabulary(metadataJSON: json) {
    let again = try? Vocabulary(metadataJSON: vocabulary.metadataJSON())
    Finding.require(again == vocabulary, "a vocabulary does not survive metadataJSON(): \(json.prefix(200))")
  }
  if let json = metadata[Tokenizer.metadataKey], let tokenizer = try? Tokenizer(metadataJSON: json) {
    let again = try? Tokenizer(metadataJSON: tokenizer.metadataJSON())
    Finding.require(again == tokenizer, "tokenizer settings do not survive metadataJSON(): \(json.prefix(200))")
  }

  let classifier = TinyModel.classifier(vocabularyByte: header[1], classByte: header[2])
  var archive: SafetensorsArchive
  do {
    archive = try classifier.archive()
  } catch {
    Finding.fail("the tiny model cannot be archived: \(error)")
  }
  archive.metadata = metadata
  let model: TextModel
  do {
    model = try TextModel(archive: archive, name: "fuzz", path: nil)
  } catch {
    _ = String(describing: error)  // the message itself must not trap
    return 0
  }
  check(model, config: classifier.config)
  return 0
}

/// The metadata keys the fuzzer fills, in input order.
private let keys = [
  Classifier.formatVersionKey, TextModel.MetadataKey.labels, Vocabulary.metadataKey, Classifier.specialIdsKey,
  Tokenizer.metadataKey, TextModel.MetadataKey.config, TextModel.MetadataKey.metrics, TextModel.MetadataKey.trainSHA256,
]

private func check(_ model: TextModel, config: ModelConfig) {
  Finding.require(model.labels.count == config.classCount && Set(model.labels).count == model.labels.count,
                  "labels \(model.labels) are not \(config.classCount) distinct strings")
  if let vocabulary = model.vocabulary {
    Finding.require(vocabulary.count == config.vocabularySize, "vocabulary of \(vocabulary.count) for V = \(config.vocabularySize)")
  }
  let special = model.classifier.specialIds
  for id in [special.pad] + (special.unk.map { [$0] } ?? []) {
    Finding.require((0..<config.vocabularySize).contains(id), "special id \(id) outside V = \(config.vocabularySize)")
  }

  let card = model.cardJSON().serialized()
  Finding.require((try? JSONSerialization.jsonObject(with: Data(card.utf8))) != nil, "the model card is not valid JSON: \(card.prefix(300))")
  _ = model.cardText()

  let reloaded: TextModel
  do {
    reloaded = try TextModel(archive: model.archive(), name: "fuzz round trip", path: nil)
  } catch {
    Finding.fail("a loaded model's own archive does not load: \(error)")
  }
  Finding.require(reloaded.labels == model.labels, "labels changed in a round trip: \(model.labels) → \(reloaded.labels)")
  Finding.require(reloaded.vocabulary == model.vocabulary, "the vocabulary changed in a round trip")
  Finding.require(reloaded.tokenizer == model.tokenizer, "tokenizer settings changed in a round trip")
  Finding.require(reloaded.classifier.specialIds == special, "special ids changed in a round trip")

  guard model.vocabulary != nil else { return }
  do {
    let encoded = try model.encode(text: "Good #Fun @Someone http://x.y 好吗 \(model.vocabulary?.tokens.last ?? "")", maxTokens: 8)
    Finding.require(encoded.ids.allSatisfy { (0..<config.vocabularySize).contains($0) }, "encoded ids \(encoded.ids) outside V")
    let probabilities = try model.classifier.probabilities(of: [encoded.ids])
    Finding.require(probabilities.first?.count == config.classCount, "probabilities have the wrong shape")
  } catch {
    Finding.fail("a text with words could not be encoded and scored: \(error)")
  }
}
