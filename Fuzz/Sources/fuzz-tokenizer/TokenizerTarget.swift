import Corpus
import FuzzSupport

/// Fuzzes `Tokenizer.tokenize(_:)` over arbitrary text with every combination of its settings.
///
/// Input: byte 0 chooses the settings (bit 0 lowercase, bit 1 mask mentions, bit 2 mask URLs, bit 3 mask
/// hashtags); the rest is the text, decoded as UTF-8 with invalid bytes replaced by U+FFFD.
///
/// Invariants (the `Token` and `Tokenizer` contracts):
/// - offsets are half-open Unicode-scalar offsets: 0 ≤ start < end ≤ scalar count;
/// - tokens are in order and do not overlap (each starts at or after the previous one's end);
/// - a token's `text` is exactly the scalars `start..<end` of the original text;
/// - no token contains white space or a control character (they separate tokens), and every scalar outside
///   the tokens is one of those, an invisible format character or a variation selector: nothing visible is lost;
/// - a Han character is a token of its own (with the marks after it);
/// - a mention token (`@` and ASCII letters, digits, `_`) has the mask as `norm` when mentions are masked;
///   `norm` is lower-case when asked;
/// - `word-jieba-backoff` with the same settings and an empty vocabulary backs off every word it joins: its
///   tokens are these tokens.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let input = FuzzInput(data, size)
  let (flags, body) = input.flagsAndBody
  let text = String(decoding: body, as: UTF8.self)
  let chosen = Tokenizer(
    lowercase: flags & 1 != 0, maskMentions: flags & 2 != 0, maskURLs: flags & 4 != 0, maskHashtags: flags & 8 != 0)
  check(chosen, on: text)
  return 0
}

private func check(_ tokenizer: Tokenizer, on text: String) {
  let scalars = Array(text.unicodeScalars)
  let tokens = tokenizer.tokenize(text)
  var previousEnd = 0
  for (index, token) in tokens.enumerated() {
    Finding.require(token.start < token.end, "token \(index) \(token) is empty or reversed")
    Finding.require(token.end <= scalars.count, "token \(index) \(token) ends past the text's \(scalars.count) scalars")
    Finding.require(token.start >= previousEnd, "token \(index) \(token) starts before the previous token's end \(previousEnd)")
    requireDroppable(scalars[previousEnd..<token.start])
    previousEnd = token.end
    let surface = scalars[token.start..<token.end]
    var expected = String.UnicodeScalarView()
    expected.append(contentsOf: surface)
    Finding.require(token.text == String(expected), "token \(index) \(token) is not the text's scalars \(token.start)..<\(token.end)")
    Finding.require(!surface.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control },
                    "token \(index) \(token) contains white space or a control character")
    if let han = surface.indices.first(where: { surface[$0].isHanScript }) {
      Finding.require(han == token.start && surface.dropFirst().allSatisfy { !$0.isHanScript && !isWordScalar($0) },
                      "token \(index) \(token) holds a Han character that is not a token of its own")
    }
    if tokenizer.lowercase {
      Finding.require(token.norm == token.norm.lowercased(), "token \(index) \(token) is not lower-cased")
    }
  }
  requireDroppable(scalars[previousEnd...])
  if tokenizer.maskMentions {
    for token in tokens where isMention(token.text) {
      Finding.require(token.norm == Tokenizer.mentionMask, "mention \(token) is not masked")
    }
  }
  var backoff = tokenizer
  backoff.kind = .wordJiebaBackoff
  Finding.require(backoff.tokenize(text, vocabulary: .empty) == tokens,
                  "word-jieba-backoff without a vocabulary does not give the character tokens")
}

/// `@` followed by one or more ASCII letters, digits or underscores: the whole of a mention token.
private func isMention(_ text: String) -> Bool {
  let bytes = Array(text.utf8)
  guard bytes.count > 1, bytes[0] == UInt8(ascii: "@") else { return false }
  return bytes.dropFirst().allSatisfy { byte in
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
  }
}

/// Every scalar between tokens must be one tokenization may drop.
private func requireDroppable(_ gap: ArraySlice<Unicode.Scalar>) {
  if let position = gap.indices.first(where: { !isDroppable(gap[$0]) }) {
    Finding.fail("scalar U+\(String(gap[position].value, radix: 16, uppercase: true)) at \(position) is in no token")
  }
}

/// White space, control and format characters and variation selectors: what tokenization may drop.
private func isDroppable(_ scalar: Unicode.Scalar) -> Bool {
  let v = scalar.value
  if scalar.properties.isWhitespace || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return true }
  switch scalar.properties.generalCategory {
  case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
  default: return false
  }
}

/// Letters and numbers, which would make a word out of a Han character if a token joined them.
private func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar.properties.generalCategory {
  case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
       .decimalNumber, .letterNumber, .otherNumber:
    return true
  default:
    return false
  }
}
