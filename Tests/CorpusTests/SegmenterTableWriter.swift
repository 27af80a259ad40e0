/// Writes tiny segmenter tables in the file format of scripts/build-jieba-data.py (documented on
/// `SegmenterTables`), so tests can run the route and the HMM on dictionaries whose answers are computed by
/// hand, and can damage a valid file on purpose.
struct SegmenterTableWriter {
  /// Dictionary words and their frequencies (BMP characters only).
  var words: [String: UInt32]
  /// The denominator of word probabilities.
  var total: UInt64
  /// log P(first state), states B E M S.
  var start: [Double] = [-0.26, -3.14e100, -3.14e100, -1.46]
  /// log P(to | from) at [from * 4 + to], states B E M S; jieba's allowed moves only.
  var transition: [Double] = [
    -3.14e100, -0.51, -0.92, -3.14e100,  // from B: to E, M
    -0.59, -3.14e100, -3.14e100, -0.81,  // from E: to B, S
    -3.14e100, -0.33, -1.26, -3.14e100,  // from M: to E, M
    -0.72, -3.14e100, -3.14e100, -0.67,  // from S: to B, S
  ]
  /// log P(character | state), states B E M S.
  var emission: [Unicode.Scalar: [Double]] = [:]

  func bytes() -> [UInt8] {
    // Trie: node 0 is the root; children kept as scalar → node.
    var children: [[UInt16: Int]] = [[:]]
    var frequency: [UInt32] = [0]
    for (word, f) in words {
      var node = 0
      for scalar in word.unicodeScalars {
        let key = UInt16(scalar.value)
        if let next = children[node][key] {
          node = next
        } else {
          children.append([:])
          frequency.append(0)
          children[node][key] = children.count - 1
          node = children.count - 1
        }
      }
      frequency[node] = f
    }
    let distinct = Array(Set(frequency + [0])).sorted()
    // Breadth-first renumbering with siblings sorted by character.
    var childStart: [UInt32] = [], labels: [UInt16] = [], frequencyIndex: [UInt16] = []
    var queue: [(old: Int, label: UInt16)] = [(0, 0)]
    var head = 0, nextId = 1
    while head < queue.count {
      let (old, label) = queue[head]
      head += 1
      labels.append(label)
      frequencyIndex.append(UInt16(distinct.firstIndex(of: frequency[old]) ?? 0))
      childStart.append(UInt32(nextId))
      for key in children[old].keys.sorted() {
        queue.append((children[old][key] ?? 0, key))
        nextId += 1
      }
    }
    childStart.append(UInt32(nextId))
    let emitChars = emission.keys.sorted { $0.value < $1.value }

    var out: [UInt8] = Array("SLJIEBA\0".utf8)
    func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
    func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
    func f64(_ v: Double) { u64(v.bitPattern) }
    func pad() { while out.count % 8 != 0 { out.append(0) } }
    u32(1)
    u32(UInt32(labels.count))
    u32(UInt32(distinct.count))
    u32(UInt32(emitChars.count))
    u64(total)
    start.forEach(f64)
    transition.forEach(f64)
    distinct.forEach(u32)
    pad()
    childStart.forEach(u32)
    pad()
    labels.forEach(u16)
    pad()
    frequencyIndex.forEach(u16)
    pad()
    emitChars.forEach { u16(UInt16($0.value)) }
    pad()
    for scalar in emitChars { (emission[scalar] ?? []).forEach(f64) }
    return out
  }
}
