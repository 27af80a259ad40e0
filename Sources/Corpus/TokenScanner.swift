/// Where a token lies in an array of scalars, and what it is.
struct TokenSpan: Sendable, Equatable {
  /// What kind of token a span is; entities can have masked vocabulary forms.
  enum Shape: Sendable, Equatable {
    case plain, url, mention, hashtag
  }

  var start: Int
  var end: Int
  var shape: Shape
}

/// Finds token extents for `Tokenizer.Kind.characterHan` (rules on `Tokenizer`).
///
/// Works on an array of scalars with their classes computed once up front, so that every look-ahead
/// and look-behind is O(1) and no `String` is built until a token's extent is known.
struct TokenScanner {
  private let scalars: [Unicode.Scalar]
  private let classes: [ScalarClass]
  private var position = 0

  /// Prepares to scan `scalars` from the start.
  /// - Complexity: O(n) to classify every scalar.
  init(scalars: [Unicode.Scalar]) {
    self.scalars = scalars
    self.classes = scalars.map(ScalarClass.init)
  }

  /// The next token's span, or `nil` at the end of the text.
  /// - Complexity: amortised O(1) per scalar consumed (URL trimming is linear in the URL's length).
  mutating func next() -> TokenSpan? {
    let count = scalars.count
    while position < count {
      let i = position
      let span: TokenSpan
      switch classes[i] {
      case .separator, .invisibleExtend, .joiner:
        position += 1
        continue
      case .han, .extend:
        span = TokenSpan(start: i, end: extenders(from: i + 1), shape: .plain)
      case .letter, .digit, .number:
        if let end = urlEnd(at: i) {
          span = TokenSpan(start: i, end: end, shape: .url)
        } else {
          span = TokenSpan(start: i, end: wordEnd(from: i), shape: .plain)
        }
      case .symbol:
        span = entity(at: i) ?? TokenSpan(start: i, end: symbolEnd(from: i), shape: .plain)
      }
      position = span.end
      return span
    }
    return nil
  }

  // MARK: Extents

  /// The end of a run of extenders (marks, joiners, variation selectors) starting at `j`.
  private func extenders(from j: Int) -> Int {
    var j = j
    while j < classes.count && classes[j].isExtender { j += 1 }
    return j
  }

  /// The end of the word that starts at `i`.
  private func wordEnd(from i: Int) -> Int {
    let count = scalars.count
    var j = i + 1
    while j < count {
      let c = classes[j]
      if c.isWordCharacter || c.isExtender {
        j += 1
        continue
      }
      guard j + 1 < count, c != .han else { break }
      let v = scalars[j].value
      let next = classes[j + 1]
      let isApostrophe = v == 0x27 || v == 0x2019
      let isDecimalSeparator = v == 0x2E || v == 0x2C
      if (isApostrophe && next == .letter)
        || (isDecimalSeparator && classes[j - 1] == .digit && next == .digit)
        || (v == 0xAD && next.isWordCharacter)  // soft hyphen inside a word
      {
        j += 2
        continue
      }
      break
    }
    return j
  }

  /// The end of the punctuation, symbol or emoji token that starts at `i`.
  private func symbolEnd(from i: Int) -> Int {
    let count = scalars.count
    let startsFlag = ScalarClass.isRegionalIndicator(scalars[i].value)
    var j = i + 1
    while j < count {
      let c = classes[j]
      if c == .joiner {
        j += 1
        if j < count && classes[j] == .symbol && ScalarClass.isPictographic(scalars[j]) { j += 1 }
      } else if c.isExtender {
        j += 1
      } else if startsFlag && j == i + 1 && ScalarClass.isRegionalIndicator(scalars[j].value) {
        j += 1  // the second half of a flag
      } else {
        break
      }
    }
    return j
  }

  // MARK: Entities

  private func entity(at i: Int) -> TokenSpan? {
    switch scalars[i] {
    case "@": return mention(at: i)
    case "#": return hashtag(at: i)
    default: return nil
    }
  }

  /// Whether the scalar before `i` glues onto what follows (so `a@b` is no mention).
  private func followsWord(_ i: Int) -> Bool {
    guard i > 0 else { return false }
    let c = classes[i - 1]
    return c.isWordCharacter || c == .extend || scalars[i - 1] == "_" || scalars[i - 1] == "&"
  }

  /// `@handle`: `@` followed by ASCII letters, digits and underscores.
  private func mention(at i: Int) -> TokenSpan? {
    guard !followsWord(i) else { return nil }
    var j = i + 1
    while j < scalars.count && Self.isHandleScalar(scalars[j]) { j += 1 }
    return j > i + 1 ? TokenSpan(start: i, end: j, shape: .mention) : nil
  }

  private static func isHandleScalar(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: return true
    default: return false
    }
  }

  /// `#hashtag`: `#` followed by letters (not Han), marks, digits and underscores, with a letter among them.
  private func hashtag(at i: Int) -> TokenSpan? {
    guard !followsWord(i) else { return nil }
    var j = i + 1
    var hasLetter = false
    while j < scalars.count {
      let c = classes[j]
      if c == .letter { hasLetter = true }
      guard c.isWordCharacter || (j > i + 1 && c.isExtender) || scalars[j] == "_" else { break }
      j += 1
    }
    return hasLetter ? TokenSpan(start: i, end: j, shape: .hashtag) : nil
  }

  // MARK: URLs

  /// The end of a URL starting at `i` (`http://`, `https://` or `www.`), or `nil` if none starts there.
  private func urlEnd(at i: Int) -> Int? {
    guard let prefix = urlPrefixLength(at: i) else { return nil }
    let count = scalars.count
    var j = i + prefix
    while j < count {
      let c = classes[j]
      if c == .separator || c == .han { break }
      let v = scalars[j].value
      if v < 0x80 {
        if Self.endsURL(v) { break }
      } else if c == .symbol {
        break  // non-ASCII punctuation (，。！) and emoji end a URL
      }
      j += 1
    }
    return trimURL(start: i, end: j, prefix: prefix)
  }

  private static func endsURL(_ v: UInt32) -> Bool {
    switch v {
    case 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: return true  // " < > \ ^ ` { | }
    default: return false
    }
  }

  /// Drops trailing punctuation that belongs to the sentence, and unbalanced closing brackets.
  private func trimURL(start: Int, end: Int, prefix: Int) -> Int {
    var open = [UInt32: Int]()
    var close = [UInt32: Int]()
    for s in scalars[(start + prefix)..<end] {
      switch s {
      case "(": open[0x29, default: 0] += 1
      case "[": open[0x5D, default: 0] += 1
      case ")", "]": close[s.value, default: 0] += 1
      default: break
      }
    }
    var j = end
    while j > start + prefix {
      let v = scalars[j - 1].value
      switch v {
      case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x2A:  // . , ; : ! ? ' *
        j -= 1
      case 0x29, 0x5D:  // ) ]
        guard close[v, default: 0] > open[v, default: 0] else { return j }
        close[v, default: 0] -= 1
        j -= 1
      default:
        return j
      }
    }
    return j
  }

  /// The length of a URL prefix at `i`: `http://` (7), `https://` (8) or `www.` (4) followed by a
  /// letter or digit; case-insensitive.
  private func urlPrefixLength(at i: Int) -> Int? {
    let first = scalars[i].value | 0x20
    guard first == 0x68 || first == 0x77 else { return nil }  // h, w
    for candidate in ["https://", "http://", "www."] where matchesASCII(candidate, at: i) {
      let length = candidate.utf8.count
      if candidate == "www." {
        guard i + length < scalars.count, classes[i + length].isWordCharacter else { return nil }
      }
      return length
    }
    return nil
  }

  private func matchesASCII(_ literal: String, at i: Int) -> Bool {
    var j = i
    for byte in literal.utf8 {
      guard j < scalars.count else { return false }
      let v = scalars[j].value
      let folded = (0x41...0x5A).contains(v) ? v | 0x20 : v
      guard folded == UInt32(byte) else { return false }
      j += 1
    }
    return true
  }
}
