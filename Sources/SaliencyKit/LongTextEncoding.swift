/// Encoding a text without holding every token of a huge one (a 10 MB row would otherwise need
/// hundreds of megabytes of token records for a few thousand kept tokens).
extension TextModel {
  /// Scalars per slice when counting the tokens of a long text.
  static let countingSlice = 1 << 16
  /// How far past a slice's end to look for a place to cut (white space or a Han character).
  static let cutSearch = 1 << 12

  /// Tokenizes and looks up a text, keeping at most `maxTokens` tokens. A text far longer than that is
  /// tokenized only up to a prefix of `maxTokens × 64 + 1024` scalars; its full token count (for the note and the
  /// length buckets) is counted slice by slice, cutting slices before white space or a Han character, so it is
  /// exact unless a run of 4,096 scalars has neither.
  /// - Complexity: O(n) time in the text's length, O(maxTokens + 2¹⁶) token records of memory.
  public func encode(text: String, maxTokens: Int?) throws -> EncodedText {
    guard let maxTokens, vocabulary != nil else { return try encodeWhole(text: text, maxTokens: maxTokens) }
    let prefixLength = maxTokens * 64 + 1024
    let scalars = text.unicodeScalars
    guard let prefixEnd = scalars.index(scalars.startIndex, offsetBy: prefixLength, limitedBy: scalars.endIndex),
          prefixEnd < scalars.endIndex else {
      return try encodeWhole(text: text, maxTokens: maxTokens)
    }
    var encoded = try encodeWhole(text: String(scalars[..<prefixEnd]), maxTokens: maxTokens)
    // The prefix must hold more tokens than are kept, so the last kept one ends before the cut.
    guard encoded.originalTokenCount > maxTokens + 1 else { return try encodeWhole(text: text, maxTokens: maxTokens) }
    encoded.text = text
    encoded.truncated = true
    encoded.originalTokenCount = tokenCount(of: scalars)
    return encoded
  }

  /// The number of tokens of a text, counted slice by slice.
  func tokenCount(of scalars: String.UnicodeScalarView) -> Int {
    var count = 0
    var start = scalars.startIndex
    while start < scalars.endIndex {
      var end = scalars.index(start, offsetBy: Self.countingSlice, limitedBy: scalars.endIndex) ?? scalars.endIndex
      if end < scalars.endIndex {
        let searchEnd = scalars.index(end, offsetBy: Self.cutSearch, limitedBy: scalars.endIndex) ?? scalars.endIndex
        if let cut = scalars[end..<searchEnd].firstIndex(where: { $0.properties.isWhitespace || $0.properties.isIdeographic }) {
          end = cut
        }
      }
      count += tokenizer.tokenize(String(scalars[start..<end]), vocabulary: vocabulary).count
      start = end
    }
    return count
  }
}
