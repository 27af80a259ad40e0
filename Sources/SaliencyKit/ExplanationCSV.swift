/// `explain --format csv`: one row per text, method and token, for spreadsheets and data frames.
extension TextExplanation {
  public static let csvHeader = "text_index,token_index,token,norm,start,end,id,method,target,score\n"

  /// The rows of this explanation; `index` is the text's 0-based position in the input.
  public func csvRows(model: TextModel, index: Int) -> String {
    var rows = ""
    for map in maps {
      let target = CSVField.escaped(model.labels[map.target])
      for (position, token) in input.tokens.enumerated() {
        let fields = [
          String(index), String(position), CSVField.escaped(token.text), CSVField.escaped(token.norm ?? ""),
          token.start.map(String.init) ?? "", token.end.map(String.init) ?? "", String(token.id), map.method.rawValue,
          target, map.scores[position].isFinite ? Float(map.scores[position]).description : "nan",
        ]
        rows += fields.joined(separator: ",") + "\n"
      }
    }
    return rows
  }
}
