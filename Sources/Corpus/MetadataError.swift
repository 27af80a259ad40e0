/// A tokenizer or vocabulary entry of a model's metadata that cannot be used.
///
/// Each message starts with the metadata key and says what a valid entry looks like.
public enum MetadataError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The entry is not valid JSON or has the wrong shape; `detail` says what was expected.
  case invalid(key: String, detail: String)
  /// The tokenizer kind is not one this build knows.
  case unknownTokenizerKind(String, known: [String])
  /// The tokenizer settings lack these keys (a model file states every setting).
  case incompleteTokenizer(missing: [String])
  /// A tokenizer setting this build does not know.
  case unknownTokenizerSetting(String)
  /// The vocabulary has fewer than the two reserved entries.
  case vocabularyTooShort(count: Int)
  /// A reserved id holds the wrong token.
  case wrongSpecialToken(id: Int, expected: String, found: String)
  /// A token appears twice.
  case duplicateToken(String, firstId: Int, secondId: Int)

  public var description: String {
    let vocabularyKey = Vocabulary.metadataKey
    switch self {
    case .invalid(let key, let detail):
      let shape = key == vocabularyKey ? "a JSON array of strings" : "a JSON object of settings"
      return "\(key): \(detail); expected \(shape)"
    case .unknownTokenizerKind(let kind, let known):
      return "\(Tokenizer.metadataKey): unknown tokenizer kind \"\(kind)\" (this build knows "
        + "\(known.joined(separator: ", "))); the model needs a newer saliency"
    case .incompleteTokenizer(let missing):
      return "\(Tokenizer.metadataKey): the settings lack \(missing.joined(separator: ", ")); a model file states every "
        + "tokenizer setting (re-export it with saliency, or add the missing keys)"
    case .unknownTokenizerSetting(let key):
      return "\(Tokenizer.metadataKey): unknown setting \"\(key)\"; the model needs a newer saliency"
    case .vocabularyTooShort(let count):
      return "\(vocabularyKey): has \(count) entr\(count == 1 ? "y" : "ies"); a vocabulary starts with "
        + "\"\(Vocabulary.padToken)\" (id \(Vocabulary.padId)) and \"\(Vocabulary.unkToken)\" (id \(Vocabulary.unkId))"
    case .wrongSpecialToken(let id, let expected, let found):
      return "\(vocabularyKey): entry \(id) is \"\(found)\" but must be \"\(expected)\"; ids "
        + "\(Vocabulary.padId) and \(Vocabulary.unkId) are reserved for \"\(Vocabulary.padToken)\" and \"\(Vocabulary.unkToken)\""
    case .duplicateToken(let token, let firstId, let secondId):
      return "\(vocabularyKey): \"\(token)\" appears twice (ids \(firstId) and \(secondId)); every entry must be unique"
    }
  }
}
