/// The named tensors of the classifier, in one flat Float buffer.
///
/// One buffer lets Adam, zeroing, checkpoint I/O and gradient checks each be one loop; a failure names the
/// parameter by its layout entry. Names and shapes are PyTorch's `state_dict()` ones: `embedding.weight [V, E]`;
/// per layer k and direction, `lstm.weight_ih_l{k}[_reverse] [G, in_k]`, `…weight_hh… [G, H]`, `…bias_ih…`,
/// `…bias_hh… [G]` (`gru.*` for a GRU; in_0 = E, in_k = D·H); `fc.weight [K, D·H]`, `fc.bias [K]`.
/// Entries are in that order: layer by layer, the forward direction before the backward one.
public struct ParameterLayout: Sendable, Equatable {
  /// One of the four tensors of a recurrent layer direction.
  public enum RecurrentTensor: String, CaseIterable, Sendable {
    case inputWeights = "weight_ih"
    case recurrentWeights = "weight_hh"
    case inputBias = "bias_ih"
    case recurrentBias = "bias_hh"
  }

  /// Which tensor of the model an entry is.
  public enum Name: Hashable, Sendable {
    case embedding
    /// A tensor of layer `layer` (0 = the one reading the embeddings), direction backward when `reverse`.
    case recurrent(RecurrentTensor, layer: Int, reverse: Bool)
    case outputWeights
    case outputBias

    /// Layer 0's forward tensors (the whole encoder of a one-layer unidirectional model).
    public static let inputWeights = Name.recurrent(.inputWeights, layer: 0, reverse: false)
    public static let recurrentWeights = Name.recurrent(.recurrentWeights, layer: 0, reverse: false)
    public static let inputBias = Name.recurrent(.inputBias, layer: 0, reverse: false)
    public static let recurrentBias = Name.recurrent(.recurrentBias, layer: 0, reverse: false)

    /// The name in the file, e.g. `gru.weight_hh_l1_reverse`, for an encoder of `cell`.
    public func tensorName(cell: ModelConfig.Cell) -> String {
      switch self {
      case .embedding: return "embedding.weight"
      case .recurrent(let tensor, let layer, let reverse):
        return "\(cell.rawValue).\(tensor.rawValue)_l\(layer)" + (reverse ? "_reverse" : "")
      case .outputWeights: return "fc.weight"
      case .outputBias: return "fc.bias"
      }
    }

    /// Whether the tensor belongs to the recurrent encoder.
    public var isRecurrent: Bool {
      if case .recurrent = self { return true }
      return false
    }
  }

  /// One tensor's place in the flat buffer.
  public struct Entry: Sendable, Equatable {
    public let name: Name
    /// The name in the file (`lstm.weight_ih_l0`).
    public let tensorName: String
    public let shape: [Int]
    public let offset: Int
    public var count: Int { shape.reduce(1, *) }
    public var range: Range<Int> { offset..<(offset + count) }
  }

  public let entries: [Entry]
  public let totalCount: Int
  private let indexOfName: [Name: Int]

  public init(_ config: ModelConfig) {
    let v = config.vocabularySize, e = config.embeddingSize, h = config.hiddenSize, k = config.classCount
    let g = config.gateWidth
    var shapes: [(Name, [Int])] = [(.embedding, [v, e])]
    for layer in 0..<config.layers {
      for reverse in [false, true].prefix(config.directions) {
        let input = config.inputWidth(layer: layer)
        shapes += [
          (.recurrent(.inputWeights, layer: layer, reverse: reverse), [g, input]),
          (.recurrent(.recurrentWeights, layer: layer, reverse: reverse), [g, h]),
          (.recurrent(.inputBias, layer: layer, reverse: reverse), [g]),
          (.recurrent(.recurrentBias, layer: layer, reverse: reverse), [g]),
        ]
      }
    }
    shapes += [(.outputWeights, [k, config.outputWidth]), (.outputBias, [k])]
    var offset = 0
    var entries: [Entry] = []
    for (name, shape) in shapes {
      let entry = Entry(name: name, tensorName: name.tensorName(cell: config.cell), shape: shape, offset: offset)
      entries.append(entry)
      offset += entry.count
    }
    self.entries = entries
    self.totalCount = offset
    indexOfName = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
  }

  /// - Precondition: the model has the tensor (layer and direction within the config's).
  public subscript(name: Name) -> Entry {
    guard let index = indexOfName[name] else { preconditionFailure("the model has no tensor \(name)") }
    return entries[index]
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
    return "\(entry.tensorName)[\(indices.reversed().map(String.init).joined(separator: ", "))]"
  }
}
