/// One labelled text under evaluation.
public struct EvaluationText: Sendable {
  /// 1-based line where the record starts, for messages.
  public var line: Int
  /// The gold class, an index into the model's labels.
  public var gold: Int
  public var input: EncodedText

  public init(line: Int, gold: Int, input: EncodedText) {
    self.line = line
    self.gold = gold
    self.input = input
  }
}
