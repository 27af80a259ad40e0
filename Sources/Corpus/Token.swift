/// One token of a text: its surface form, its vocabulary form and where it sits in the original text.
///
/// Offsets count **Unicode scalars** of the original text and are half-open: the token covers scalars
/// `start..<end`, and `text` is exactly that substring. This is the shape of a token in the JSON output
/// (`{"text": "屏", "norm": "屏", "start": 0, "end": 1}`; the `id` is added by whoever looks `norm` up).
public struct Token: Sendable, Equatable, Hashable, Codable {
  /// The surface form: exactly the original substring `start..<end` (in Unicode scalars).
  public var text: String
  /// The vocabulary form: NFKC-normalised, lower-cased when the tokenizer says so, or a mask such as
  /// `<url>` or `@user` (see `Tokenizer`).
  public var norm: String
  /// Offset of the first scalar, counted in Unicode scalars of the original text.
  public var start: Int
  /// Offset one past the last scalar, counted in Unicode scalars of the original text.
  public var end: Int

  /// Creates a token.
  /// - Precondition: `start <= end`.
  public init(text: String, norm: String, start: Int, end: Int) {
    self.text = text
    self.norm = norm
    self.start = start
    self.end = end
  }
}
