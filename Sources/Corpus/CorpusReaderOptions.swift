/// Whether a reader needs a label for every record.
public enum LabelRequirement: String, Sendable, Equatable, CaseIterable {
  /// Training and analysis: the label column must exist and every record needs a non-empty label.
  case required
  /// Reports and explanations: a missing label column or an empty label gives `label == nil`.
  case optional
}

/// How a `CorpusReader` interprets its input.
public struct CorpusReaderOptions: Sendable, Equatable {
  /// The default size of the chunks read from a file: 64 KiB.
  public static let defaultChunkSize = 1 << 16
  /// The default limit on the bytes of one quoted CSV record: 16 MiB.
  public static let defaultMaxQuotedRecordBytes = 1 << 24

  /// The header name (TSV, CSV) or key (JSONL) of the text.
  public var textColumn: String
  /// The header name (TSV, CSV) or key (JSONL) of the label.
  public var labelColumn: String
  /// Whether every record needs a label.
  public var labels: LabelRequirement
  /// Skip malformed records (and list them in `CorpusReader.rejected`) instead of failing on the first.
  public var skipBadRows: Bool
  /// The character encoding of the input.
  public var encoding: TextEncoding
  /// The number of bytes read at a time; small values exercise records that cross chunk boundaries.
  public var chunkSize: Int
  /// A quoted CSV field still open after this many bytes is reported as an unterminated quote, so a stray
  /// quote cannot make the reader buffer the rest of a huge file.
  public var maxQuotedRecordBytes: Int
  /// Added to every line number the reader reports (records, rejections, messages): for a slice of a larger
  /// file fed on standard input (`analyze --part`), so lines are those of the whole file. 0 by default.
  public var lineOffset = 0

  /// Creates options; the defaults read UTF-8 with columns `text` and `label`, labels required.
  public init(
    textColumn: String = "text",
    labelColumn: String = "label",
    labels: LabelRequirement = .required,
    skipBadRows: Bool = false,
    encoding: TextEncoding = .utf8,
    chunkSize: Int = CorpusReaderOptions.defaultChunkSize,
    maxQuotedRecordBytes: Int = CorpusReaderOptions.defaultMaxQuotedRecordBytes
  ) {
    self.textColumn = textColumn
    self.labelColumn = labelColumn
    self.labels = labels
    self.skipBadRows = skipBadRows
    self.encoding = encoding
    self.chunkSize = chunkSize
    self.maxQuotedRecordBytes = maxQuotedRecordBytes
  }
}
