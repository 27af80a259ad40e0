import Corpus

/// A second, deliberately simple reading of a plain-lines file, which `CorpusReader` must agree with.
///
/// Rules (`CorpusReader` and `CorpusFormat.lines`): a UTF-8 byte-order mark at the very start is dropped;
/// lines end at LF, CRLF or a lone CR and are numbered from 1; a line of spaces and tabs only is skipped;
/// a UTF-8 line that is not valid UTF-8 is rejected; a line whose text has no token is skipped; every
/// other line is a text without a label. No chunking, no buffering, no state between lines.
public enum LinesOracle {
  /// The texts and the rejected line numbers of `bytes`, read in `encoding`.
  public static func read(_ bytes: ArraySlice<UInt8>, encoding: TextEncoding) -> (texts: [LabelledText], rejected: [Int]) {
    var body = bytes
    if encoding == .utf8 && body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var texts: [LabelledText] = []
    var rejected: [Int] = []
    for (index, line) in lines(of: body).enumerated() {
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      let text: String
      switch encoding {
      case .utf8:
        guard let decoded = String(validating: line, as: UTF8.self) else {
          rejected.append(index + 1)
          continue
        }
        text = decoded
      case .latin1:
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: line.map { Unicode.Scalar($0) })
        text = String(scalars)
      }
      if tokenizer.tokenize(text).isEmpty { continue }
      texts.append(LabelledText(text: text, label: nil, line: index + 1))
    }
    return (texts, rejected)
  }

  private static let tokenizer = Tokenizer()

  /// The physical lines, without their endings; input ending in a line break has no empty last line.
  private static func lines(of bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = bytes.startIndex
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte == 0x0A || byte == 0x0D {
        lines.append(bytes[start..<index])
        index += byte == 0x0D && index + 1 < bytes.endIndex && bytes[index + 1] == 0x0A ? 2 : 1
        start = index
      } else {
        index += 1
      }
    }
    if start < bytes.endIndex { lines.append(bytes[start...]) }
    return lines
  }
}
