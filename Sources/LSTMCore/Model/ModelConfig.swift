/// The sizes and encoder of an embedding → recurrent encoder → dense → softmax classifier.
///
/// Dimension letters used throughout LSTMCore's doc comments:
/// V vocabulary, E embedding, H hidden, K classes, T tokens (time steps), B batch, N packed rows (Σ lengths),
/// L layers, D directions (2 when bidirectional), G = 4H (LSTM) or 3H (GRU) gate pre-activations.
/// Gate order is **i, f, g, o** for an LSTM and **r, z, n** for a GRU (as PyTorch); every matrix is row-major.
public struct ModelConfig: Sendable, Equatable, Codable {
  /// The recurrent cell, as PyTorch's module (`nn.LSTM`, `nn.GRU`) and its `state_dict()` prefix.
  public enum Cell: String, Sendable, Equatable, Codable, CaseIterable {
    case lstm
    case gru

    /// Gate blocks of H rows in W_ih, W_hh, b_ih, b_hh: 4 (i, f, g, o) or 3 (r, z, n).
    public var gateCount: Int { self == .lstm ? 4 : 3 }
  }

  /// V: number of token ids (rows of the embedding table).
  public var vocabularySize: Int
  /// E: embedding width.
  public var embeddingSize: Int
  /// H: recurrent hidden (and LSTM cell) width of one direction.
  public var hiddenSize: Int
  /// K: number of output classes.
  public var classCount: Int
  /// The encoder, as `saliency.config` records it (`cell`, `layers`, `bidirectional`).
  public var cell: Cell
  /// L ≥ 1: stacked layers; layer k > 0 reads layer k − 1's output [N, D·H].
  public var layers: Int
  /// Whether each layer also runs over each sequence backwards (D = 2); the head reads [h_T→; h_1←].
  public var bidirectional: Bool

  public init(vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, classCount: Int, cell: Cell = .lstm,
              layers: Int = 1, bidirectional: Bool = false) {
    precondition(layers >= 1, "an encoder has at least one layer")
    self.vocabularySize = vocabularySize
    self.embeddingSize = embeddingSize
    self.hiddenSize = hiddenSize
    self.classCount = classCount
    self.cell = cell
    self.layers = layers
    self.bidirectional = bidirectional
  }

  private enum CodingKeys: String, CodingKey {
    case vocabularySize, embeddingSize, hiddenSize, classCount, cell, layers, bidirectional
  }

  /// Values encoded before the encoder was configurable decode as one unidirectional LSTM layer.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(vocabularySize: try container.decode(Int.self, forKey: .vocabularySize),
              embeddingSize: try container.decode(Int.self, forKey: .embeddingSize),
              hiddenSize: try container.decode(Int.self, forKey: .hiddenSize),
              classCount: try container.decode(Int.self, forKey: .classCount),
              cell: try container.decodeIfPresent(Cell.self, forKey: .cell) ?? .lstm,
              layers: max(1, try container.decodeIfPresent(Int.self, forKey: .layers) ?? 1),
              bidirectional: try container.decodeIfPresent(Bool.self, forKey: .bidirectional) ?? false)
  }

  /// G: the width of one direction's stacked gate pre-activations, 4H or 3H.
  public var gateWidth: Int { cell.gateCount * hiddenSize }
  /// D: 1, or 2 when bidirectional.
  public var directions: Int { bidirectional ? 2 : 1 }
  /// D·H: the width of a layer's output and of the head's input.
  public var outputWidth: Int { directions * hiddenSize }
  /// The width of layer k's input: E for layer 0, D·H above.
  public func inputWidth(layer: Int) -> Int { layer == 0 ? embeddingSize : outputWidth }
  /// D·G: the width of the projected inputs Z_in (layer 0's input projections of every direction, side by side).
  public var projectionWidth: Int { directions * gateWidth }
  /// L·H: the width of a unidirectional encoder's resumable state per sequence (every layer's h, and c), layer 0
  /// first.
  public var stateWidth: Int { layers * hiddenSize }
  /// Whether a step's state summarises the prefix read so far, so a forward pass may resume from it:
  /// true for unidirectional encoders (a backward direction reads the text from its end).
  public var isResumable: Bool { !bidirectional }

  /// The encoder in words, e.g. "2-layer bidirectional GRU".
  public var encoderDescription: String {
    (layers > 1 ? "\(layers)-layer " : "") + (bidirectional ? "bidirectional " : "") + cell.rawValue.uppercased()
  }
}

/// Token ids with a fixed meaning. `<pad>` (its embedding row is zero and frozen) is always 0;
/// `<unk>` is 1 when the model has a vocabulary, absent for a bare tensor export.
public struct SpecialTokenIds: Sendable, Equatable, Codable {
  public var pad: Int
  public var unk: Int?

  public init(pad: Int = 0, unk: Int? = 1) {
    self.pad = pad
    self.unk = unk
  }
}
