/// The named tensors of the classifier, in one flat Float buffer.
///
/// One buffer lets Adam, zeroing, checkpoint I/O and gradient checks each be one loop; a failure names the
/// parameter by its layout entry. Names and shapes are PyTorch's `state_dict()` ones.
public struct ParameterLayout: Sendable, Equatable {
  /// Which tensor of the model an entry is.
  public enum Name: String, CaseIterable, Sendable {
    case embedding = "embedding.weight"
    case inputWeights = "lstm.weight_ih_l0"
    case recurrentWeights = "lstm.weight_hh_l0"
    case inputBias = "lstm.bias_ih_l0"
    case recurrentBias = "lstm.bias_hh_l0"
    case outputWeights = "fc.weight"
    case outputBias = "fc.bias"
  }

  /// One tensor's place in the flat buffer.
  public struct Entry: Sendable, Equatable {
    public let name: Name
    public let shape: [Int]
    public let offset: Int
    public var count: Int { shape.reduce(1, *) }
    public var range: Range<Int> { offset..<(offset + count) }
  }

  public let entries: [Entry]
  public let totalCount: Int

  public init(_ config: ModelConfig) {
    let v = config.vocabularySize, e = config.embeddingSize, h = config.hiddenSize, k = config.classCount
    let shapes: [(Name, [Int])] = [
      (.embedding, [v, e]), (.inputWeights, [4 * h, e]), (.recurrentWeights, [4 * h, h]),
      (.inputBias, [4 * h]), (.recurrentBias, [4 * h]), (.outputWeights, [k, h]), (.outputBias, [k]),
    ]
    var offset = 0
    var entries: [Entry] = []
    for (name, shape) in shapes {
      let entry = Entry(name: name, shape: shape, offset: offset)
      entries.append(entry)
      offset += entry.count
    }
    self.entries = entries
    self.totalCount = offset
  }

  public subscript(name: Name) -> Entry {
    // Every Name has exactly one entry, created in init.
    entries[Name.allCases.firstIndex(of: name) ?? 0]
  }

  /// The entry and the multi-index of a flat position, e.g. `lstm.weight_hh_l0[17, 3]`, for messages.
  public func describe(flatIndex: Int) -> String {
    guard let entry = entries.first(where: { $0.range.contains(flatIndex) }) else { return "#\(flatIndex)" }
    var remainder = flatIndex - entry.offset
    var indices: [Int] = []
    for size in entry.shape.reversed() {
      indices.append(remainder % size)
      remainder /= size
    }
    return "\(entry.name.rawValue)[\(indices.reversed().map(String.init).joined(separator: ", "))]"
  }
}
