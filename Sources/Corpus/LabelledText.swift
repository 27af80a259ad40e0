/// One record read from a corpus: a text, its label if the input has one, and where it came from.
public struct LabelledText: Sendable, Equatable, Hashable, Codable {
  /// The text, exactly as in the file (quoting undone, line ending removed).
  public var text: String
  /// The label (surrounding white space trimmed), or `nil` for unlabelled input.
  public var label: String?
  /// The 1-based physical line of the file where the record starts.
  public var line: Int

  /// Creates a record.
  public init(text: String, label: String?, line: Int) {
    self.text = text
    self.label = label
    self.line = line
  }
}

/// A malformed record that was skipped because `skipBadRows` was set.
public struct RejectedRow: Sendable, Equatable, Hashable {
  /// The 1-based physical line of the file where the problem is.
  public var line: Int
  /// What is wrong with the record.
  public var problem: RowProblem
  /// The record as it appears in the file (undecodable bytes shown as U+FFFD), without its line ending.
  public var raw: String

  /// Creates a rejected-row entry.
  public init(line: Int, problem: RowProblem, raw: String) {
    self.line = line
    self.problem = problem
    self.raw = raw
  }

  /// A one-line description of the problem, e.g. `unterminated quoted field (…)`.
  public var reason: String { problem.description }
}
