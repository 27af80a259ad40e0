import Foundation
import Testing

@testable import Corpus

@Suite struct TokenizerSettingsTests {
  @Test func metadataJSONHasTheStableKeySet() {
    #expect(Tokenizer().metadataJSON()
      == #"{"kind":"character-han","lowercase":true,"mask_hashtags":false,"mask_mentions":false,"mask_urls":false}"#)
    #expect(Tokenizer.tweets.metadataJSON()
      == #"{"kind":"character-han","lowercase":true,"mask_hashtags":false,"mask_mentions":true,"mask_urls":true}"#)
  }

  @Test func metadataRoundTrips() throws {
    let settings = Tokenizer(lowercase: false, maskMentions: true, maskURLs: false, maskHashtags: true)
    #expect(try Tokenizer(metadataJSON: settings.metadataJSON()) == settings)
    let encoded = try JSONEncoder().encode(settings)
    #expect(try JSONDecoder().decode(Tokenizer.self, from: encoded) == settings)
  }

  @Test("a model states every setting and no unknown one (before: {} and unknown keys loaded with defaults)")
  func missingAndUnknownKeysAreRejected() throws {
    #expect(throws: MetadataError.incompleteTokenizer(missing: ["kind", "lowercase", "mask_mentions", "mask_urls", "mask_hashtags"])) {
      try Tokenizer(metadataJSON: "{}")
    }
    let complete = #""kind":"character-han","lowercase":true,"mask_hashtags":false,"mask_mentions":false,"mask_urls":true"#
    #expect(try Tokenizer(metadataJSON: "{" + complete + "}") == Tokenizer(maskURLs: true))
    #expect(throws: MetadataError.unknownTokenizerSetting("future_option")) {
      try Tokenizer(metadataJSON: "{" + complete + #","future_option":3}"#)
    }
    #expect(throws: MetadataError.incompleteTokenizer(missing: ["mask_hashtags"])) {
      try Tokenizer(metadataJSON: #"{"kind":"character-han","lowercase":true,"mask_mentions":false,"mask_urls":true}"#)
    }
  }

  @Test func unknownKindIsRejectedWithAClearMessage() {
    let error = #expect(throws: MetadataError.self) { try Tokenizer(metadataJSON: #"{"kind":"word-bpe"}"#) }
    #expect(error == .unknownTokenizerKind("word-bpe", known: ["character-han", "word-jieba", "word-jieba-backoff"]))
    #expect(error?.description
      == #"saliency.tokenizer: unknown tokenizer kind "word-bpe" (this build knows character-han, word-jieba, word-jieba-backoff); the model needs a newer saliency"#)
  }

  @Test func wrongTypesAndBadJSONAreMetadataErrors() {
    let wrongType = #expect(throws: MetadataError.self) { try Tokenizer(metadataJSON: #"{"lowercase":"yes"}"#) }
    #expect(wrongType?.description == "saliency.tokenizer: expected Bool at lowercase; expected a JSON object of settings")
    let notJSON = #expect(throws: MetadataError.self) { try Tokenizer(metadataJSON: "lowercase=true") }
    #expect(notJSON == .invalid(key: "saliency.tokenizer", detail: "not valid JSON"))
    #expect(throws: MetadataError.self) { try Tokenizer(metadataJSON: "[true]") }
  }
}
