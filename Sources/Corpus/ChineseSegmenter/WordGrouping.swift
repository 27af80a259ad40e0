/// Groups the tokens of a text into the words of `ChineseSegmenter`.
///
/// Items are half-open scalar ranges in ascending order, not overlapping (token extents). A group is a
/// maximal run of items i…j such that
/// - each item may be merged (plain text, not a URL, `@handle` or `#hashtag`),
/// - each item lies inside one segmenter word, the same word for the whole run,
/// - each item starts where the previous one ended (nothing between them), and
/// - the run contains a Han-script character.
/// Every other item is a group of its own. The groups cover the items in order.
///
/// So the segmenter only ever joins tokens, never splits one: `屏` `幕` → `屏幕`, `T` `恤` → `T恤`, while
/// English words, numbers and URLs keep the extents the tokenizer gave them.
struct WordGrouping {
  /// `wordIndex[s]`: the index of the segmenter word that contains scalar `s`.
  private let wordIndex: [Int32]
  private let scalars: [Unicode.Scalar]

  /// Prepares to group tokens of `scalars`, cut into `words` (as `ChineseSegmenter.wordRanges(in:)` gives).
  /// - Complexity: O(n) for n scalars.
  init(scalars: [Unicode.Scalar], words: [Range<Int>]) {
    var index = [Int32](repeating: -1, count: scalars.count)
    for (w, word) in words.enumerated() {
      for s in word where s >= 0 && s < scalars.count { index[s] = Int32(truncatingIfNeeded: w) }
    }
    wordIndex = index
    self.scalars = scalars
  }

  /// The groups of `items`, as ranges of item indices.
  /// - Parameter items: each item's scalar range and whether it may be merged.
  /// - Complexity: O(n + k) for n scalars covered and k items.
  func groups(of items: [(range: Range<Int>, mergeable: Bool)]) -> [Range<Int>] {
    var groups: [Range<Int>] = []
    groups.reserveCapacity(items.count)
    var i = 0
    while i < items.count {
      guard let word = soleWord(of: items[i]) else {
        groups.append(i..<(i + 1))
        i += 1
        continue
      }
      var j = i + 1
      while j < items.count, items[j].range.lowerBound == items[j - 1].range.upperBound,
        soleWord(of: items[j]) == word
      {
        j += 1
      }
      if j - i > 1 && (i..<j).contains(where: { containsHan(items[$0].range) }) {
        groups.append(i..<j)
      } else {
        for k in i..<j { groups.append(k..<(k + 1)) }
      }
      i = j
    }
    return groups
  }

  /// The word that holds the whole of a mergeable item, or `nil`.
  private func soleWord(of item: (range: Range<Int>, mergeable: Bool)) -> Int32? {
    let range = item.range
    guard item.mergeable, !range.isEmpty, range.lowerBound >= 0, range.upperBound <= scalars.count else {
      return nil
    }
    let word = wordIndex[range.lowerBound]
    return word >= 0 && wordIndex[range.upperBound - 1] == word ? word : nil
  }

  private func containsHan(_ range: Range<Int>) -> Bool {
    scalars[range].contains { $0.isHanScript }
  }
}
