/// The file formats the readers understand.
public enum CorpusFormat: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
  /// Tab-separated values with a header row (`label<TAB>text`); no quoting: a TAB always separates.
  case tsv
  /// Comma-separated values with a header row; RFC 4180 quoting (`""` inside quotes; CR, LF, CRLF allowed
  /// inside quoted fields).
  case csv
  /// One JSON object per line with a string `text` and a string or integer `label`; blank lines skipped.
  case jsonl
  /// One text per line, no label; blank lines skipped.
  case lines

  /// The format a file name extension implies: `tsv`, `csv`, `jsonl` or `ndjson`, and `lines` for
  /// anything else (`txt`, no extension, …). Case-insensitive; a leading dot is ignored.
  ///
  /// Returns `nil` only for compressed or binary formats that cannot be read as text (`gz`, `zip`,
  /// `xlsx`, `parquet`, …), so the caller can say so instead of reading bytes as lines.
  public init?(pathExtension: String) {
    var ext = pathExtension.lowercased()
    if ext.hasPrefix(".") { ext.removeFirst() }
    switch ext {
    case "tsv", "tab": self = .tsv
    case "csv": self = .csv
    case "jsonl", "ndjson": self = .jsonl
    case "gz", "bz2", "xz", "zst", "zip", "7z", "tar", "xls", "xlsx", "parquet", "arrow", "feather", "pkl":
      return nil
    default: self = .lines
    }
  }

  /// Whether records of this format can carry a label.
  public var hasLabels: Bool { self != .lines }

  /// Whether the first record is a header row naming the columns.
  public var hasHeader: Bool { self == .tsv || self == .csv }
}
