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
      } else if !Self.isStableIdeograph(v) {
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

  /// CJK unified ideographs (all extensions, not the compatibility ones): caseless and unchanged by NFKC.
  private static func isStableIdeograph(_ v: UInt32) -> Bool {
    (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
      || (0x20000...0x2F7FF).contains(v) || (0x30000...0x323AF).contains(v)
  }
}
