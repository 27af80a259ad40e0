/// The sizes of an embedding → LSTM → dense → softmax classifier.
///
/// Dimension letters used throughout LSTMCore's doc comments:
/// V vocabulary, E embedding, H hidden, K classes, T tokens (time steps), B batch, N packed rows (Σ lengths).
/// Gate order is **i, f, g, o** (as PyTorch); every matrix is row-major.
public struct ModelConfig: Sendable, Equatable, Codable {
  /// V: number of token ids (rows of the embedding table).
  public var vocabularySize: Int
  /// E: embedding width.
  public var embeddingSize: Int
  /// H: LSTM hidden and cell width.
  public var hiddenSize: Int
  /// K: number of output classes.
  public var classCount: Int

  public init(vocabularySize: Int, embeddingSize: Int, hiddenSize: Int, classCount: Int) {
    self.vocabularySize = vocabularySize
    self.embeddingSize = embeddingSize
    self.hiddenSize = hiddenSize
    self.classCount = classCount
  }

  /// 4H: the width of the stacked gate pre-activations.
  public var gateWidth: Int { 4 * hiddenSize }

  /// The encoder, as `saliency.config` records it (`cell`, `layers`, `bidirectional`): this build runs one
  /// unidirectional LSTM layer, and refuses files whose tensors or config describe another encoder.
  public var cell: String { "lstm" }
  public var layers: Int { 1 }
  public var bidirectional: Bool { false }
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
