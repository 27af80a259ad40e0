/// Why a corpus analysis or a merge cannot go on. Messages name the file and line where there is one and
/// say what to do.
public enum AnalysisError: Error, Equatable, CustomStringConvertible {
  /// A label that is not one of the model's (after `--label-map`).
  case unknownLabel(file: String, line: Int, label: String, model: String, labels: [String])
  /// A text with no token.
  case noTokens(file: String, line: Int)
  /// The input has no row at all.
  case emptyCorpus(file: String)
  /// Every row was rejected.
  case nothingAnalysed(file: String, rejected: Int)
  /// Ctrl-C.
  case interrupted(rows: Int)
  /// Analyses that cannot be merged, or a `state.json` that cannot be read.
  case incompatible(String)

  public var description: String {
    switch self {
    case .unknownLabel(let file, let line, let label, let model, let labels):
      let list = labels.joined(separator: ", ")
      return "\(file):\(line): label '\(label)' is not a label of model \(model) (\(list)); map corpus labels to the "
        + "model's with --label-map, e.g. --label-map neg=\(labels.first ?? "negative"),pos=\(labels.last ?? "positive"), "
        + "or pass --skip-bad-rows"
    case .noTokens(let file, let line):
      return "\(file):\(line): the text has no token the model can read; remove the row or pass --skip-bad-rows"
    case .emptyCorpus(let file):
      return "\(file): no rows to analyse (the input is empty or has only a header)"
    case .nothingAnalysed(let file, let rejected):
      return "\(file): no row could be analysed: all \(rejected) row(s) were rejected"
    case .interrupted(let rows):
      return "interrupted after \(rows) row(s)"
    case .incompatible(let detail):
      return detail
    }
  }
}

/// `--label-map neg=negative,pos=positive`: corpus labels renamed to the model's; other labels pass unchanged.
public struct LabelMap: Sendable, Equatable {
  /// (corpus label, model label) pairs in the order given.
  public let pairs: [(from: String, to: String)]
  private let lookup: [String: String]

  public static let identity = LabelMap(validated: [])

  /// Parses `FROM=TO[,FROM=TO…]`.
  /// - Throws: `LabelMapError` for a malformed or repeated entry.
  public init(parsing text: String) throws(LabelMapError) {
    var pairs: [(String, String)] = []
    for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
      let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let from = parts.first.map { Self.trimmed(String($0)) } ?? ""
      let to = parts.count == 2 ? Self.trimmed(String(parts[1])) : ""
      guard parts.count == 2, !from.isEmpty, !to.isEmpty else { throw .malformed(String(entry)) }
      guard !pairs.contains(where: { $0.0 == from }) else { throw .repeated(from) }
      pairs.append((from, to))
    }
    self.init(validated: pairs)
  }

  private init(validated pairs: [(String, String)]) {
    self.pairs = pairs
    var lookup: [String: String] = [:]
    for (from, to) in pairs { lookup[from] = to }
    self.lookup = lookup
  }

  /// The model label for a corpus label.
  public func map(_ label: String) -> String { lookup[label] ?? label }

  /// The targets that are not labels of the model.
  public func unknownTargets(labels: [String]) -> [String] { pairs.map(\.to).filter { !labels.contains($0) } }

  private static func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
          let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    return String(scalars[first...last])
  }

  public static func == (a: LabelMap, b: LabelMap) -> Bool {
    a.pairs.map(\.from) == b.pairs.map(\.from) && a.pairs.map(\.to) == b.pairs.map(\.to)
  }
}

public enum LabelMapError: Error, Equatable, CustomStringConvertible {
  case malformed(String)
  case repeated(String)

  public var description: String {
    switch self {
    case .malformed(let entry):
      return "--label-map entry '\(entry)' is not FROM=TO; write e.g. --label-map neg=negative,pos=positive"
    case .repeated(let label):
      return "--label-map maps '\(label)' twice; give each corpus label once"
    }
  }
}

