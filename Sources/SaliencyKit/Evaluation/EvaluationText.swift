/// One labelled text under evaluation.
public struct EvaluationText: Sendable {
  /// 1-based line where the record starts, for messages.
  public var line: Int
  /// The gold class, an index into the model's labels.
  public var gold: Int
  public var input: EncodedText
  /// The index of the model that reads it among the evaluation's candidates (`ModelSelection.models`).
  public var model: Int

  public init(line: Int, gold: Int, input: EncodedText, model: Int = 0) {
    self.line = line
    self.gold = gold
    self.input = input
    self.model = model
  }
}
