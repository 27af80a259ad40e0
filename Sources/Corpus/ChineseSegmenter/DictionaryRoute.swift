import Foundation

/// Cuts one block (a maximal run of `[U+4E00–U+9FD5 a-zA-Z0-9 + # & . _ % -]`) into words: jieba's
/// dictionary route with the HMM for what the dictionary does not know (`__cut_DAG`).
///
/// 1. The DAG: from each position k, an edge to every end x + 1 such that `c[k…x]` is a dictionary word
///    with frequency > 0; a position with no such word gets the single edge k → k + 1.
/// 2. The route of maximum probability, by dynamic programming from the right, with P(w) = freq(w) / total
///    (freq taken as 1 for a single character that is no word):
///    ```
///    R(N) = 0
///    R(k) = max over edges k → x + 1 of  (log freq(c[k…x]) − log total) + R(x + 1)
///    ```
///    summed in that order, ties going to the longer word (jieba compares `(R, x)` tuples).
/// 3. Following the route, consecutive one-character steps are gathered into a buffer. Before each
///    multi-character word and at the end, a buffer of one character is a word; a buffer that is itself a
///    dictionary word is cut into its characters; any other buffer goes to the HMM (`HMMSegmenter`).
struct DictionaryRoute {
  let tables: SegmenterTables

  /// Appends the words of the block `scalars[range]` to `words`, in order, covering `range` exactly.
  /// - Complexity: O(n·L·log c) for n characters, L the longest dictionary word (16), c the children of a
  ///   trie node; the HMM adds O(b) per buffer of b characters.
  func cut(_ scalars: [Unicode.Scalar], _ range: Range<Int>, into words: inout [Range<Int>]) {
    let low = range.lowerBound, count = range.count
    guard count > 0 else { return }
    let logTotal = tables.logTotal
    // best[k] = R(low + k); wordEnd[k] = the end of the route's word starting at low + k.
    var best = [Double](repeating: 0, count: count + 1)
    var wordEnd = [Int](repeating: 0, count: count)
    for k in stride(from: count - 1, through: 0, by: -1) {
      var bestValue = 0.0, bestEnd = -1
      var node = SegmenterTables.root
      var x = k
      while x < count, let next = tables.child(of: node, along: scalars[low + x]) {
        node = next
        let frequency = tables.frequency(of: node)
        if frequency > 0 {
          let candidate = (log(Double(frequency)) - logTotal) + best[x + 1]
          if bestEnd < 0 || candidate >= bestValue {  // `>=`: a tie goes to the longer word
            bestValue = candidate
            bestEnd = x + 1
          }
        }
        x += 1
      }
      if bestEnd < 0 {
        bestValue = (0 - logTotal) + best[k + 1]  // log 1 = 0
        bestEnd = k + 1
      }
      best[k] = bestValue
      wordEnd[k] = bestEnd
    }

    let hmm = HMMSegmenter(tables: tables)
    var bufferStart: Int? = nil
    func flush(upTo end: Int) {
      guard let start = bufferStart else { return }
      bufferStart = nil
      let buffer = (low + start)..<(low + end)
      if buffer.count == 1 {
        words.append(buffer)
      } else if tables.frequency(of: scalars[buffer]) > 0 {
        for i in buffer { words.append(i..<(i + 1)) }
      } else {
        hmm.cut(scalars, buffer, into: &words)
      }
    }
    var k = 0
    while k < count {
      let end = wordEnd[k]
      if end - k == 1 {
        if bufferStart == nil { bufferStart = k }
      } else {
        flush(upTo: k)
        words.append((low + k)..<(low + end))
      }
      k = end
    }
    flush(upTo: count)
  }
}
