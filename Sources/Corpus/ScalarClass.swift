/// What a Unicode scalar does during tokenization.
///
/// The classes follow the Unicode general category, with the few refinements tokenization needs
/// (Han script, emoji modifiers, joiners). Punctuation and symbols share one class because both
/// become one token per scalar.
enum ScalarClass: Sendable, Equatable {
  /// White space, control characters (C0, C1, including ESC) and invisible format characters:
  /// never part of a token.
  case separator
  /// A Han-script character: always a token of its own (plus any marks after it).
  case han
  /// A letter of any other script (Lu, Ll, Lt, Lm, Lo).
  case letter
  /// A decimal digit (Nd).
  case digit
  /// Another number (Nl, No), e.g. `²`, `½`, `Ⅻ`.
  case number
  /// A visible mark that extends the preceding token (Mn, Mc, Me, emoji skin-tone modifiers).
  case extend
  /// An invisible extender (ZWNJ, variation selectors, emoji tag characters): extends the preceding
  /// token and is dropped where nothing precedes it.
  case invisibleExtend
  /// U+200D ZERO WIDTH JOINER: extends the preceding token and, after an emoji, glues the next emoji on.
  case joiner
  /// Punctuation or a symbol (P*, S*), private-use and unassigned scalars: one token per scalar.
  case symbol

  /// Classifies `scalar`.
  /// - Complexity: O(1); ASCII takes a fast path without property lookups.
  @inline(__always)
  init(_ scalar: Unicode.Scalar) {
    let v = scalar.value
    if v < 0x80 {
      switch v {
      case 0x30...0x39: self = .digit
      case 0x41...0x5A, 0x61...0x7A: self = .letter
      case 0x00...0x20, 0x7F: self = .separator
      default: self = .symbol
      }
      return
    }
    if scalar.isHanScript {
      self = .han
      return
    }
    self = ScalarClass.classifyNonASCII(scalar)
  }

  private static func classifyNonASCII(_ scalar: Unicode.Scalar) -> ScalarClass {
    let v = scalar.value
    if scalar.properties.isWhitespace { return .separator }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      return .letter
    case .decimalNumber:
      return .digit
    case .letterNumber, .otherNumber:
      return .number
    case .nonspacingMark, .spacingMark, .enclosingMark:
      return isVariationSelector(v) ? .invisibleExtend : .extend
    case .format:
      if v == 0x200D { return .joiner }
      if v == 0x200C || (0xE0020...0xE007F).contains(v) { return .invisibleExtend }
      return .separator
    case .control, .spaceSeparator, .lineSeparator, .paragraphSeparator, .surrogate:
      return .separator
    case .modifierSymbol:
      return isEmojiModifier(v) ? .extend : .symbol
    default:
      return .symbol
    }
  }

  /// Whether this class can start or continue a word (letters, digits, other numbers).
  @inline(__always)
  var isWordCharacter: Bool {
    self == .letter || self == .digit || self == .number
  }

  /// Whether this class extends whatever token precedes it.
  @inline(__always)
  var isExtender: Bool {
    self == .extend || self == .invisibleExtend || self == .joiner
  }

  /// Variation selectors VS1–VS16 and VS17–VS256.
  static func isVariationSelector(_ v: UInt32) -> Bool {
    (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
  }

  /// Emoji skin-tone modifiers (Fitzpatrick types 1–6).
  static func isEmojiModifier(_ v: UInt32) -> Bool {
    (0x1F3FB...0x1F3FF).contains(v)
  }

  /// Regional indicator symbols; two in a row make one flag.
  static func isRegionalIndicator(_ v: UInt32) -> Bool {
    (0x1F1E6...0x1F1FF).contains(v)
  }

  /// Whether a scalar may follow a ZERO WIDTH JOINER inside an emoji sequence.
  static func isPictographic(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 0x80 && (scalar.properties.isEmoji || scalar.properties.generalCategory == .otherSymbol)
  }
}

extension Unicode.Scalar {
  /// Whether the scalar belongs to the Han script (Chinese characters, also used in Japanese and Korean).
  ///
  /// Covers the CJK Unified Ideographs and all their extensions, the compatibility ideographs, the CJK and
  /// Kangxi radicals, and the Han-script signs in the CJK Symbols block (`々`, `〇`, Hangzhou numerals).
  /// - Complexity: O(1).
  public var isHanScript: Bool {
    let v = value
    if v < 0x2E80 { return false }
    switch v {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF: return true  // URO and extension A: the common case first
    case 0x2E80...0x2EFF, 0x2F00...0x2FDF: return true  // CJK radicals supplement, Kangxi radicals
    case 0x3005, 0x3007, 0x3021...0x3029, 0x3038...0x303B: return true
    case 0xF900...0xFAFF: return true  // compatibility ideographs
    case 0x16FE2...0x16FE3, 0x16FF0...0x16FF1: return true
    case 0x20000...0x2FA1F: return true  // extensions B–F, I, compatibility supplement
    case 0x30000...0x3FFFF: return true  // tertiary ideographic plane (extensions G, H, …)
    default: return false
    }
  }
}

extension StringProtocol {
  /// Whether the text contains at least one Han-script character (see `Unicode.Scalar.isHanScript`).
  ///
  /// `EmbeddedModel.default(forText:)` uses this to choose `default-zh` over `default-en`.
  /// - Complexity: O(n) in the number of Unicode scalars; stops at the first Han character.
  public var containsHanScript: Bool {
    unicodeScalars.contains { $0.isHanScript }
  }
}
