/// How many terminal columns text occupies, in the spirit of POSIX `wcwidth`, written over Unicode scalar
/// properties so it needs no C library and gives the same answer on every system.
///
/// Rules, per Unicode scalar:
/// - 0 columns: control characters, combining marks (general categories Mn, Me), format characters (Cf, e.g.
///   zero-width joiner; variation selectors are Mn), Hangul medial vowels and final consonants
///   (U+1160–U+11FF, U+D7B0–U+D7FF), which join the preceding initial consonant.
/// - 2 columns: East Asian Wide and Fullwidth characters (CJK ideographs, kana, Hangul syllables, fullwidth
///   forms, CJK punctuation, …) and characters with default emoji presentation.
/// - 1 column: everything else.
///
/// A grapheme cluster (`Character`) takes the widest of its scalars, so an emoji ZWJ sequence or a flag counts
/// 2 rather than the sum of its parts, as modern terminals draw them; a text-default symbol followed by the
/// emoji variation selector U+FE0F counts 2.
public enum TerminalWidth {
  /// Closed ranges of East Asian Wide (W) and Fullwidth (F) code points, sorted and disjoint.
  /// Emoji are handled by `isEmojiPresentation`, so only non-emoji wide blocks are listed.
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo initial consonants
    0x2329...0x232A,  // angle brackets
    0x2E80...0x2FFF,  // CJK radicals supplement, Kangxi radicals, ideographic description characters
    0x3000...0x303E,  // ideographic space, CJK symbols and punctuation
    0x3041...0x33FF,  // hiragana, katakana, bopomofo, Hangul compatibility jamo, kanbun, CJK strokes, enclosed
    0x3400...0x4DBF,  // CJK unified ideographs extension A
    0x4E00...0x9FFF,  // CJK unified ideographs
    0xA000...0xA4CF,  // Yi syllables and radicals
    0xA960...0xA97F,  // Hangul Jamo extended-A
    0xAC00...0xD7A3,  // Hangul syllables
    0xF900...0xFAFF,  // CJK compatibility ideographs
    0xFE10...0xFE19,  // vertical forms
    0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
    0xFF00...0xFF60,  // fullwidth ASCII variants
    0xFFE0...0xFFE6,  // fullwidth signs
    0x16FE0...0x16FE4,  // ideographic symbols
    0x17000...0x18CFF,  // Tangut, Khitan
    0x1AFF0...0x1B2FF,  // kana extended, kana supplement, Nushu
    0x1F200...0x1F2FF,  // enclosed ideographic supplement
    0x20000...0x2FFFD,  // CJK extensions B–F, compatibility supplement
    0x30000...0x3FFFD,  // CJK extensions G–H
  ]

  /// Hangul Jamo that combine with a preceding initial consonant and take no column of their own.
  private static let conjoiningJamo: [ClosedRange<UInt32>] = [0x1160...0x11FF, 0xD7B0...0xD7FF]

  /// Columns one Unicode scalar occupies: 0, 1 or 2 (see the type's rules).
  public static func columns(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
    if value < 0x7F { return 1 }  // printable ASCII, the common case
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if conjoiningJamo.contains(where: { $0.contains(value) }) { return 0 }
    if scalar.properties.isEmojiPresentation || isWide(value) { return 2 }
    return 1
  }

  /// Columns one grapheme cluster occupies: the widest of its scalars, or 2 for an emoji with U+FE0F.
  public static func columns(of character: Character) -> Int {
    var widest = 0
    var hasEmoji = false
    var hasEmojiSelector = false
    for scalar in character.unicodeScalars {
      widest = max(widest, columns(of: scalar))
      if scalar.value == 0xFE0F { hasEmojiSelector = true }
      if scalar.properties.isEmoji { hasEmoji = true }
    }
    return hasEmoji && hasEmojiSelector ? 2 : widest
  }

  /// Columns a string occupies when printed on one line (sum over its grapheme clusters).
  /// The string must not contain escape sequences; sanitize user text first (`TerminalSanitizer`).
  /// - Complexity: O(n) in the number of scalars.
  public static func columns(of string: String) -> Int {
    var total = 0
    for character in string { total += columns(of: character) }
    return total
  }

  /// Binary search over `wideRanges`.
  private static func isWide(_ value: UInt32) -> Bool {
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let range = wideRanges[middle]
      if value < range.lowerBound {
        high = middle - 1
      } else if value > range.upperBound {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
  }
}
