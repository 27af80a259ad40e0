import Foundation

/// Computes a token's vocabulary form: NFKC, then lower-cased if asked.
///
/// Most tokens are ASCII words or single CJK ideographs, which NFKC leaves unchanged; those take a fast
/// path that avoids Foundation's normaliser and, when nothing changes, returns the surface string itself.
struct TokenNormalizer: Sendable {
  /// Whether vocabulary forms are lower-cased.
  let lowercase: Bool

  /// The vocabulary form of a token whose scalars are `scalars` and whose surface form is `surface`.
  /// A soft hyphen (U+00AD) inside a word is dropped, so `in\u{AD}credible` and `incredible` share an id.
  /// - Complexity: O(n) in the token's length.
  func norm(of scalars: ArraySlice<Unicode.Scalar>, surface: String) -> String {
    var hasUppercaseASCII = false
    var isStable = true
    for scalar in scalars {
      let v = scalar.value
      if v < 0x80 {
        if v >= 0x41 && v <= 0x5A { hasUppercaseASCII = true }
      } else if !Self.isStable(v) {
        isStable = false
        break
      }
    }
    if isStable {
      return lowercase && hasUppercaseASCII ? surface.lowercased() : surface
    }
    var result = surface
    if scalars.contains("\u{AD}") {
      result.unicodeScalars.removeAll { $0 == "\u{AD}" }
    }
    result = result.precomposedStringWithCompatibilityMapping
    return lowercase ? result.lowercased() : result
  }

  /// Scalars that NFKC leaves unchanged and that have no case: CJK unified ideographs (all extensions,
  /// not the compatibility ones), common CJK punctuation and brackets, emoji pictographs and their
  /// joiners. A test checks every one of them against Foundation's NFKC.
  static func isStable(_ v: UInt32) -> Bool {
    switch v {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2F7FF, 0x30000...0x323AF: return true
    case 0x3001...0x3002, 0x3008...0x3011: return true  // 、。〈〉《》「」『』【】
    case 0x1F300...0x1FAFF, 0x200D, 0xFE0F: return true  // pictographs, skin tones, ZWJ, VS16
    default: return false
    }
  }
}
