import Corpus
import LSTMCore

/// One input ready for the model: its tokens with their ids, and whether it was cut.
public struct EncodedText: Sendable {
  /// A token as the JSON contract shows it.
  public struct InputToken: Sendable, Equatable {
    /// Surface form; `#17` for token-id input.
    public var text: String
    /// Vocabulary form; nil for token-id input.
    public var norm: String?
    /// Half-open offsets in Unicode scalars of the text; nil for token-id input.
    public var start: Int?
    public var end: Int?
    public var id: Int
    /// True when the model reads the token as `<unk>` (the vocabulary does not have it, or token-id input
    /// gave the unk id).
    public var unknown: Bool
  }

  /// The original text; nil for token-id input.
  public var text: String?
  public var tokens: [InputToken]
  /// True when the input had more than the allowed number of tokens and was cut.
  public var truncated: Bool
  /// How many tokens the input had before truncation.
  public var originalTokenCount: Int

  public var ids: [Int] { tokens.map(\.id) }

  /// How many tokens map to `<unk>`.
  public var unknownCount: Int { tokens.count(where: \.unknown) }
}

/// Why an input cannot be explained.
public enum InputError: Error, Equatable, CustomStringConvertible {
  case noVocabulary(model: String)
  case emptyText
  case invalidTokenIds(String)

  public var description: String {
    switch self {
    case .noVocabulary(let model):
      return "model \(model) has no vocabulary (a tensors-only file); explain token ids with --token-ids 5,17,42"
    case .emptyText:
      return "the text is empty or only white space; give a text with at least one word"
    case .invalidTokenIds(let detail):
      return "invalid --token-ids: \(detail)"
    }
  }
}

extension EncodedText {
  /// The share of the kept tokens that the model does not know (`<unk>`); 0 for no tokens.
  public var unknownShare: Double { tokens.isEmpty ? 0 : Double(unknownCount) / Double(tokens.count) }

  /// Above this share of unknown tokens a text probably went to the wrong model: commands warn.
  public static let unknownShareWarning = 0.5

  /// True when more than `unknownShareWarning` of the kept tokens are unknown to the model.
  public var isMostlyUnknown: Bool { unknownShare > Self.unknownShareWarning }
}

extension TextModel {
  /// Tokenizes and looks up the whole of a text, keeping at most `maxTokens` tokens (see
  /// ``encode(text:maxTokens:)``, which does not tokenize far past the kept tokens).
  func encodeWhole(text: String, maxTokens: Int?) throws -> EncodedText {
    guard let vocabulary else { throw InputError.noVocabulary(model: name) }
    let all = tokenizer.tokenize(text, vocabulary: vocabulary)
    guard !all.isEmpty else { throw InputError.emptyText }
    let kept = maxTokens.map { Array(all.prefix(max(1, $0))) } ?? all
    let tokens = kept.map { token in
      let id = vocabulary.id(of: token.norm)
      return EncodedText.InputToken(text: token.text, norm: token.norm, start: token.start, end: token.end, id: id,
                                    unknown: id == Vocabulary.unkId)
    }
    return EncodedText(text: text, tokens: tokens, truncated: kept.count < all.count, originalTokenCount: all.count)
  }

  /// Wraps raw token ids, checking that each one indexes the embedding table.
  public func encode(tokenIds: [Int], maxTokens: Int?) throws -> EncodedText {
    guard !tokenIds.isEmpty else { throw InputError.invalidTokenIds("no ids given") }
    do {
      try classifier.validate(tokenIds: tokenIds)
    } catch {
      throw InputError.invalidTokenIds("\(error)")
    }
    let kept = maxTokens.map { Array(tokenIds.prefix(max(1, $0))) } ?? tokenIds
    let unk = classifier.specialIds.unk
    let tokens = kept.map {
      EncodedText.InputToken(text: "#\($0)", norm: nil, start: nil, end: nil, id: $0, unknown: $0 == unk)
    }
    return EncodedText(text: nil, tokens: tokens, truncated: kept.count < tokenIds.count, originalTokenCount: tokenIds.count)
  }
}
