import Corpus
import Foundation
import LSTMCore
import Reports
import Saliency
import Testing
@testable import SaliencyKit

@Suite("Text model, encoding and the contract JSON")
struct TextModelTests {
  static func model() throws -> TextModel {
    let vocabulary = try Vocabulary(tokens: ["<pad>", "<unk>", "好", "差", "great", "bad", "!"])
    var generator = SplitMix64(seed: 4)
    let classifier = Classifier(
      randomlyInitialised: ModelConfig(vocabularySize: vocabulary.count, embeddingSize: 4, hiddenSize: 5, classCount: 2),
      generator: &generator)
    return TextModel(classifier: classifier, labels: ["negative", "positive"], vocabulary: vocabulary, tokenizer: Tokenizer(),
                     metadata: [TextModel.MetadataKey.metrics: "{\"dev\":{\"accuracy\":0.5}}"], name: "tiny")
  }

  @Test("a model file keeps labels, vocabulary, tokenizer and other metadata")
  func roundTrip() throws {
    let original = try Self.model()
    let bytes = try original.archive().serialized()
    let reread = try TextModel(archive: SafetensorsArchive(bytes: bytes, source: "memory"), name: "tiny", path: nil)
    #expect(reread.labels == original.labels)
    #expect(reread.vocabulary == original.vocabulary)
    #expect(reread.tokenizer == original.tokenizer)
    #expect(reread.classifier.parameters == original.classifier.parameters)
    #expect(reread.classifier.specialIds == SpecialTokenIds(pad: 0, unk: 1))
    #expect(reread.metadata[TextModel.MetadataKey.metrics] == "{\"dev\":{\"accuracy\":0.5}}")
  }

  @Test("labels that do not fit the model are rejected")
  func badLabels() throws {
    var archive = try Self.model().archive()
    archive.metadata[TextModel.MetadataKey.labels] = "[\"only-one\"]"
    #expect(throws: ModelFileError.self) { try TextModel(archive: archive, name: "x", path: nil) }
  }

  @Test("encoding keeps offsets, maps unknown words to <unk> and truncates")
  func encoding() throws {
    let model = try Self.model()
    let encoded = try model.encode(text: "Great 好 zzz!", maxTokens: nil)
    #expect(encoded.tokens.map(\.text) == ["Great", "好", "zzz", "!"])
    #expect(encoded.ids == [4, 2, 1, 6])
    #expect(encoded.tokens.map(\.start) == [0, 6, 8, 11])
    #expect(encoded.unknownCount == 1)
    let cut = try model.encode(text: "great bad great bad", maxTokens: 2)
    #expect(cut.truncated && cut.tokens.count == 2 && cut.originalTokenCount == 4)
    #expect(throws: InputError.emptyText) { try model.encode(text: " \n\t ", maxTokens: nil) }
    #expect(throws: InputError.self) { try model.encode(tokenIds: [1, 99], maxTokens: nil) }
  }

  @Test("the JSON object has the contract's fields in the contract's order")
  func contractJSON() throws {
    let model = try Self.model()
    let explainer = Explainer(model: model, methods: [Trajectory(options: .init()), Occlusion(options: .init())])
    let explanation = try #require(try explainer.explain([model.encode(text: "好 great", maxTokens: nil)]).first)
    let json = explanation.jsonValue(model: model).serialized()
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(json.hasPrefix("{\"text\":\"好 great\",\"model\":{\"name\":\"tiny\",\"path\":null,\"labels\":[\"negative\",\"positive\"],\"tokenizer\":\"character-han\"},\"predicted\":"))
    let tokens = try #require(object["tokens"] as? [[String: Any]])
    #expect(tokens.count == 2)
    #expect(tokens[1]["norm"] as? String == "great" && tokens[1]["start"] as? Int == 2 && tokens[1]["end"] as? Int == 7)
    let explanations = try #require(object["explanations"] as? [[String: Any]])
    #expect(explanations.map { $0["method"] as? String } == ["trajectory", "occlusion"])
    #expect(explanations[0]["sign"] as? String == "class-independent")
    #expect(explanations[1]["sign"] as? String == "supports-target")
    #expect((explanations[1]["options"] as? [String: Any])?["erasure"] as? String == "pad")
    #expect((explanations[0]["scores"] as? [Double])?.count == 2)
    #expect(explanations[1]["axiom_gap"] is NSNull)
    let gap = try #require(explanations[0]["axiom_gap"] as? Double)
    #expect(abs(gap) < 1e-6)
  }

  @Test("verbatim token and score arrays give the same compact text as the value tree")
  func verbatimArrays() throws {
    let model = try Self.model()
    var explanation = try Explainer(model: model, methods: [Trajectory(options: .init()), GradientTimesInput(options: .init())])
      .explain([model.encode(text: "好 \"great\"\\ zzz\u{2028}!", maxTokens: nil)])[0]
    // Token-id input (no norm or offsets), escapes and non-finite scores take their own paths.
    explanation.input.tokens[0].norm = nil
    explanation.input.tokens[0].start = nil
    explanation.input.tokens[0].end = nil
    explanation.input.tokens[1].text = "tab\there\u{1}"
    explanation.maps[1].scores[0] = .nan
    explanation.maps[1].scores[1] = -.infinity
    explanation.maps[0].scores[2] = 1e-40
    let tree = explanation.jsonValue(model: model).serialized()
    let verbatim = explanation.jsonValue(model: model, verbatimArrays: true).serialized()
    #expect(verbatim == tree)
    #expect(tree.contains("\"norm\":null,\"start\":null,\"end\":null"))
    #expect(tree.contains("\\t") && tree.contains("\\u2028") && tree.contains("[null,null,"))
    // A token the model reads as <unk> says so; a known one has no such key.
    #expect(explanation.input.tokens.contains { $0.unknown } && explanation.input.tokens.contains { !$0.unknown })
    #expect(tree.components(separatedBy: "\"unknown\":true").count == explanation.input.unknownCount + 1)
    #expect(tree.contains("\"id\":1,\"unknown\":true}") && !tree.contains("\"unknown\":false"))
  }

  @Test("an only-unknown text is explained with a note")
  func onlyUnknown() throws {
    let model = try Self.model()
    let explanation = try Explainer(model: model, methods: [Trajectory(options: .init())]).explain([model.encode(text: "zzz qqq", maxTokens: nil)])[0]
    #expect(explanation.notes.contains { $0.contains("every token is unknown") })
    #expect(explanation.maps[0].scores.count == 2)
  }

  @Test("a fixed target is used for every method")
  func fixedTarget() throws {
    let model = try Self.model()
    let explanation = try Explainer(model: model, methods: [GradientTimesInput(options: .init())], target: .fixed(1))
      .explain([model.encode(text: "bad", maxTokens: nil)])[0]
    #expect(explanation.maps[0].target == 1)
  }
}

@Suite("Method agreement")
struct MethodAgreementTests {
  @Test("τ-b against occlusion when present, else the first method; JSON carries it for two or more methods")
  func agreement() throws {
    let agreement = try #require(MethodAgreement(methods: ["trajectory", "occlusion", "lrp"],
                                                 scores: [[1, 2, 3], [3, 2, 1], [0.1, 0.2, 0.3]]))
    #expect(agreement.reference == "occlusion")
    #expect(agreement.kendallTau.map(\.method) == ["trajectory", "lrp"])
    #expect(agreement.kendallTau.map(\.tau) == [-1, -1])
    let firstAsReference = try #require(MethodAgreement(methods: ["a", "b"], scores: [[1, 2, 3], [1, 3, 2]]))
    #expect(firstAsReference.reference == "a")
    #expect(abs((firstAsReference.kendallTau[0].tau ?? 0) - 1.0 / 3.0) < 1e-12)
    #expect(MethodAgreement(methods: ["only"], scores: [[1, 2]]) == nil)

    let model = try TextModelTests.model()
    let explanation = try Explainer(model: model, methods: [Trajectory(options: .init()), Occlusion(options: .init())]).explain([model.encode(text: "好 great bad", maxTokens: nil)])[0]
    let object = try #require(try JSONSerialization.jsonObject(with: Data(explanation.jsonValue(model: model).serialized().utf8)) as? [String: Any])
    let json = try #require(object["agreement"] as? [String: Any])
    #expect(json["reference"] as? String == "occlusion")
    #expect((json["kendall_tau"] as? [String: Any])?["trajectory"] != nil)
  }
}
