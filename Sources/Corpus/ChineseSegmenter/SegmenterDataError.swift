/// Why the Chinese segmenter's tables cannot be used.
///
/// The tables are compiled into the binary (`samples/jieba/jieba-0.42.1.dict`, built by
/// `scripts/build-jieba-data.py`), so any of these means a broken build; every message names the tables'
/// source, what is wrong and how to repair it.
public enum SegmenterDataError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Fewer bytes than the fixed header.
  case truncatedHeader(source: String, size: Int)
  /// The first eight bytes are not the format's magic.
  case badMagic(source: String)
  /// A format version this build cannot read.
  case unsupportedVersion(source: String, version: UInt32)
  /// The file's size is not what its header's counts imply.
  case sizeMismatch(source: String, expected: Int, actual: Int)
  /// A section violates an invariant the lookups rely on; `detail` names the section and the entry.
  case corrupt(source: String, detail: String)

  public var description: String {
    let repair = "; rebuild it with `python3 scripts/build-jieba-data.py` and rebuild saliency"
    switch self {
    case .truncatedHeader(let source, let size):
      return "\(source): \(size) bytes is shorter than the \(SegmenterTables.headerSize)-byte header of the "
        + "Chinese segmenter's tables\(repair)"
    case .badMagic(let source):
      return "\(source): not a table file of the Chinese segmenter (wrong magic bytes)\(repair)"
    case .unsupportedVersion(let source, let version):
      return "\(source): table format version \(version); this build reads version "
        + "\(SegmenterTables.formatVersion)\(repair)"
    case .sizeMismatch(let source, let expected, let actual):
      return "\(source): \(actual) bytes, but its header describes \(expected)\(repair)"
    case .corrupt(let source, let detail):
      return "\(source): \(detail)\(repair)"
    }
  }
}
