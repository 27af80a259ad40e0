/// Which tokens the word tables of `analyze` list (`--word-tokens`): `words.csv` and the per-class tables of
/// `index.html`.
///
/// Every token is still counted (so shards merge exactly and the choice can change between runs on the same
/// state); the choice only filters the rows written. The default, `lexical`, leaves out tokens that are only
/// punctuation: frequent and often consistently signed, full stops and exclamation marks otherwise crowd the
/// tables. Measured with `--word-tokens all` and `--method trajectory,grad-input`: on the Chinese test split
/// (1,712 reviews, `default-zh`) 4 of the 10 tokens most supporting each class under trajectory were
/// punctuation (`。 ~ ! .`), and 1 of 10 most opposing `positive` under grad-input (`?`); on the English test
/// split (2,221 tweets, `default-en`) 2 of 10 supporting `positive` under trajectory (`) !`).
public enum WordTokens: String, Sendable, Equatable, Codable, CaseIterable {
  /// Tokens with at least one letter, digit or other symbol (emoji, ♥): words, numbers, Han characters,
  /// emoji. Tokens made only of punctuation, math or currency signs, modifiers or spaces are left out.
  case lexical
  /// Every token, punctuation included.
  case all

  /// True when `token` (its vocabulary form) belongs in the tables.
  public func admits(_ token: String) -> Bool {
    switch self {
    case .all:
      return true
    case .lexical:
      return token.unicodeScalars.contains { scalar in
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .otherSymbol:
          return true
        default:
          return false
        }
      }
    }
  }

  /// The sentence the report shows above the tables.
  public var description: String {
    switch self {
    case .lexical:
      return "Tokens made only of punctuation (no letter, digit or symbol such as an emoji) are left out; "
        + "--word-tokens all keeps them."
    case .all:
      return "Every token is listed, punctuation included (--word-tokens all)."
    }
  }
}
