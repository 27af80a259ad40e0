extension Tokenizer {
  /// The first `maxTokens` tokens of `text` and whether it has more, without tokenizing far past them
  /// (`vocabulary` as for `tokenize(_:vocabulary:)`).
  ///
  /// A text longer than `maxTokens × 64 + 1024` scalars is first tokenized only up to that many scalars; when
  /// that prefix holds more than `maxTokens + 1` tokens, the kept tokens all end before the cut, so they are
  /// exactly the whole text's first `maxTokens` (offsets count from the text's start either way). Otherwise
  /// the whole text is tokenized. One 10 MB line thus costs O(maxTokens) token records, not millions.
  /// - Precondition: `maxTokens ≥ 1`.
  /// - Complexity: O(min(n, 64·maxTokens)) when the prefix suffices, else O(n), in Unicode scalars.
  public func tokenize(_ text: String, maxTokens: Int, vocabulary: Vocabulary? = nil) -> (tokens: [Token], truncated: Bool) {
    let scalars = text.unicodeScalars
    let prefixLength = maxTokens.multipliedReportingOverflow(by: 64).partialValue + 1024
    if maxTokens < Int.max / 128,
       let cut = scalars.index(scalars.startIndex, offsetBy: prefixLength, limitedBy: scalars.endIndex), cut < scalars.endIndex {
      let tokens = tokenize(String(scalars[..<cut]), vocabulary: vocabulary)
      if tokens.count > maxTokens + 1 { return (Array(tokens.prefix(maxTokens)), true) }
    }
    let tokens = tokenize(text, vocabulary: vocabulary)
    return (tokens.count > maxTokens ? Array(tokens.prefix(maxTokens)) : tokens, tokens.count > maxTokens)
  }
}
