/// `--max-tokens`: where long texts are cut, and how every output says so.
public enum TokenLimit {
  /// The default of runs whose memory grows with T (a forward trace of about 6H floats per token, and as much
  /// again for a backward pass) and of `score`: one 10 MB line must not be run whole. 10,000 tokens of a model
  /// with H = 256 take about 130 MB.
  public static let long = 10_000
  /// The default of runs with a perturbation method, whose cost grows with T²; of `analyze` for every method, so
  /// one runaway row cannot take gigabytes of state; and of `train`, whose memory grows with its longest text (a
  /// batch of 64 texts of 2,000 tokens needs about 0.8 GB at H = 128).
  public static let short = 2_000

  /// The line that reports cut texts, e.g. `3 text(s) were cut at 2000 tokens (--max-tokens)`.
  public static func note(cut count: Int, at limit: Int) -> String {
    "\(count) text(s) were cut at \(limit) tokens (--max-tokens)"
  }

  /// The same for outputs that mark each cut text: `…; they are marked "truncated": true`.
  public static func markedNote(cut count: Int, at limit: Int) -> String {
    note(cut: count, at: limit) + "; they are marked \"truncated\": true"
  }
}
