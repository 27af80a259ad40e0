import Foundation

/// Splits text into `Token`s and computes each token's vocabulary form.
///
/// The settings are stored with a model (metadata key `saliency.tokenizer`) so that explaining uses
/// exactly the tokenization the model was trained with. Their JSON form has a stable key set:
///
/// ```json
/// {"kind": "character-han", "lowercase": true, "mask_hashtags": false, "mask_mentions": false, "mask_urls": false}
/// ```
///
/// A model's settings state every key and no unknown one, and an unknown `kind` is rejected (see
/// `init(metadataJSON:)`): a setting filled in or ignored could change how text is cut, and with it every id.
///
/// ## Tokenization rules (`.characterHan`)
/// - White space, control characters (C0 and C1, including ESC) and invisible format characters
///   separate tokens and are never part of one.
/// - Every Han-script character is a token of its own.
/// - A word is a run of letters, marks and digits of any other script (`don't`, `abc123`, `naïve`),
///   with an apostrophe (`'` or `’`) between letters, and `.` or `,` between digits (`3.14`, `1,000`).
/// - Every punctuation or symbol scalar is a token of its own, together with the marks after it; an
///   emoji sequence (skin tones, variation selectors, ZWJ sequences, flags, tag sequences, keycaps)
///   is one token.
/// - `http://…`, `https://…` and `www.…` are one token (trailing punctuation excluded); so are
///   `@handle` and `#hashtag`. The `mask…` settings replace their vocabulary forms.
///
/// ## Tokenization rules (`.wordJieba`)
/// The tokens of `.characterHan`, then adjacent tokens that lie inside one word of `ChineseSegmenter`
/// (jieba 0.42.1's dictionary and HMM) are joined into one token when they include a Han character
/// (`屏` `幕` → `屏幕`, `T` `恤` → `T恤`; rules on `WordGrouping`). Tokens are only ever joined, never split,
/// so text without Han characters is tokenized exactly as by `.characterHan`. Should the embedded segmenter
/// tables be broken (a broken build; `init(metadataJSON:)` and `ChineseSegmenter.embedded()` report it),
/// Han text falls back to one token per character.
///
/// ## Tokenization rules (`.wordJiebaBackoff`)
/// The tokens of `.wordJieba`, except that a joined word the model's vocabulary lacks stays as the
/// `.characterHan` tokens it joins (`伤心` → `伤` `心` when the vocabulary has no `伤心`), so a word seen too
/// rarely in training reaches the model through its characters rather than as `<unk>`. Which words stay
/// joined thus depends on the vocabulary passed to `tokenize(_:vocabulary:)`; without one the tokens are
/// those of `.wordJieba`. `SequenceEncoder` builds such a model's vocabulary in two passes (words, then
/// the characters of the words left out).
///
/// The vocabulary form (`norm`) is the NFKC normalisation of the surface form (so fullwidth `，` becomes
/// `,` and `ﬁ` becomes `fi`), then lower-cased when `lowercase` is set; a soft hyphen inside a word is
/// dropped.
public struct Tokenizer: Sendable, Equatable, Hashable, Codable {
  /// How text is cut into tokens.
  public enum Kind: String, Sendable, Codable, CaseIterable {
    /// One token per Han-script character; words, numbers and symbols as described on `Tokenizer`.
    case characterHan = "character-han"
    /// As `characterHan`, with Han characters joined into the words of jieba 0.42.1 (`ChineseSegmenter`).
    /// A different dictionary would be a new kind: a model's vocabulary depends on the exact words.
    case wordJieba = "word-jieba"
    /// As `wordJieba`, with a word the vocabulary lacks read as its characters (rules on `Tokenizer`).
    case wordJiebaBackoff = "word-jieba-backoff"

    /// Whether Han characters are joined into words.
    var joinsWords: Bool { self != .characterHan }
    /// Whether the tokens depend on the vocabulary (a word it lacks stays in characters).
    public var backsOffToCharacters: Bool { self == .wordJiebaBackoff }
  }

  /// The metadata key under which a model stores these settings.
  public static let metadataKey = "saliency.tokenizer"
  /// The vocabulary form of a URL when `maskURLs` is set.
  public static let urlMask = "<url>"
  /// The vocabulary form of an `@handle` when `maskMentions` is set.
  public static let mentionMask = "@user"
  /// The vocabulary form of a `#hashtag` when `maskHashtags` is set.
  public static let hashtagMask = "<hashtag>"

  /// How text is cut into tokens.
  public var kind: Kind
  /// Whether vocabulary forms are lower-cased.
  public var lowercase: Bool
  /// Whether `@handle` tokens get the vocabulary form `@user`.
  public var maskMentions: Bool
  /// Whether URL tokens get the vocabulary form `<url>`.
  public var maskURLs: Bool
  /// Whether `#hashtag` tokens get the vocabulary form `<hashtag>` (otherwise `#hashtag`, lower-cased).
  public var maskHashtags: Bool

  /// Creates a tokenizer. The defaults suit reviews in any language.
  public init(
    kind: Kind = .characterHan,
    lowercase: Bool = true,
    maskMentions: Bool = false,
    maskURLs: Bool = false,
    maskHashtags: Bool = false
  ) {
    self.kind = kind
    self.lowercase = lowercase
    self.maskMentions = maskMentions
    self.maskURLs = maskURLs
    self.maskHashtags = maskHashtags
  }

  /// Settings for tweets: lower-cased, with user names and URLs masked.
  public static let tweets = Tokenizer(maskMentions: true, maskURLs: true)

  /// Splits `text` into tokens, in order, with offsets in Unicode scalars of `text`.
  /// - Parameter vocabulary: the model's vocabulary, for `.wordJiebaBackoff` (a joined word it lacks stays
  ///   in characters); the other kinds do not read it.
  /// - Complexity: O(n) in the number of Unicode scalars of `text`; the word kinds add the segmenter's
  ///   O(n·L·log c) when the text has a Han character (`DictionaryRoute`).
  public func tokenize(_ text: String, vocabulary: Vocabulary? = nil) -> [Token] {
    let scalars = Array(text.unicodeScalars)
    let utf8 = Array(text.utf8)
    let normalizer = TokenNormalizer(lowercase: lowercase)
    var spans: [TokenSpan] = []
    var scanner = TokenScanner(scalars: scalars)
    while let span = scanner.next() { spans.append(span) }
    let groups = kind.joinsWords ? Self.wordGroups(spans, scalars: scalars) : spans.indices.map { $0..<($0 + 1) }
    let backoff = kind.backsOffToCharacters ? vocabulary : nil
    var tokens: [Token] = []
    tokens.reserveCapacity(groups.count)
    // Surface forms are cut from the UTF-8 bytes; `utf8Offset` is the byte offset of scalar `scalarOffset`.
    var scalarOffset = 0
    var utf8Offset = 0
    func token(_ span: TokenSpan) -> Token {
      while scalarOffset < span.start {
        utf8Offset += UTF8.width(scalars[scalarOffset])
        scalarOffset += 1
      }
      let startByte = utf8Offset
      while scalarOffset < span.end {
        utf8Offset += UTF8.width(scalars[scalarOffset])
        scalarOffset += 1
      }
      let slice = scalars[span.start..<span.end]
      let surface = utf8[startByte..<utf8Offset].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
      let norm: String
      switch span.shape {
      case .url where maskURLs: norm = Tokenizer.urlMask
      case .mention where maskMentions: norm = Tokenizer.mentionMask
      case .hashtag where maskHashtags: norm = Tokenizer.hashtagMask
      default: norm = normalizer.norm(of: slice, surface: surface)
      }
      return Token(text: surface, norm: norm, start: span.start, end: span.end)
    }
    for group in groups {
      guard group.count > 1 else {
        tokens.append(token(spans[group.lowerBound]))
        continue
      }
      let (groupStart, groupBytes) = (scalarOffset, utf8Offset)
      let word = token(TokenSpan(start: spans[group.lowerBound].start, end: spans[group.upperBound - 1].end, shape: .plain))
      if let backoff, !backoff.contains(word.norm) {
        (scalarOffset, utf8Offset) = (groupStart, groupBytes)
        for index in group { tokens.append(token(spans[index])) }
      } else {
        tokens.append(word)
      }
    }
    return tokens
  }

  /// The ranges of `spans` that form one Chinese word each (rules on `WordGrouping`), covering `spans` in
  /// order. Text without a Han character gets one group per span without running the segmenter.
  private static func wordGroups(_ spans: [TokenSpan], scalars: [Unicode.Scalar]) -> [Range<Int>] {
    guard scalars.contains(where: { $0.isHanScript }), let segmenter = try? ChineseSegmenter.embedded() else {
      return spans.indices.map { $0..<($0 + 1) }
    }
    let grouping = WordGrouping(scalars: scalars, words: segmenter.wordRanges(in: scalars))
    return grouping.groups(of: spans.map { (range: $0.start..<$0.end, mergeable: $0.shape == .plain) })
  }

  // MARK: Codable (stable key set)

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case kind
    case lowercase
    case maskMentions = "mask_mentions"
    case maskURLs = "mask_urls"
    case maskHashtags = "mask_hashtags"
  }

  /// Decodes settings; missing keys take their defaults, an unknown `kind` is an error.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = Tokenizer()
    if let rawKind = try container.decodeIfPresent(String.self, forKey: .kind) {
      guard let kind = Kind(rawValue: rawKind) else {
        throw MetadataError.unknownTokenizerKind(rawKind, known: Kind.allCases.map(\.rawValue))
      }
      self.kind = kind
    } else {
      self.kind = defaults.kind
    }
    lowercase = try container.decodeIfPresent(Bool.self, forKey: .lowercase) ?? defaults.lowercase
    maskMentions = try container.decodeIfPresent(Bool.self, forKey: .maskMentions) ?? defaults.maskMentions
    maskURLs = try container.decodeIfPresent(Bool.self, forKey: .maskURLs) ?? defaults.maskURLs
    maskHashtags = try container.decodeIfPresent(Bool.self, forKey: .maskHashtags) ?? defaults.maskHashtags
  }

  /// Encodes every setting under its stable key.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(kind.rawValue, forKey: .kind)
    try container.encode(lowercase, forKey: .lowercase)
    try container.encode(maskMentions, forKey: .maskMentions)
    try container.encode(maskURLs, forKey: .maskURLs)
    try container.encode(maskHashtags, forKey: .maskHashtags)
  }

  // MARK: Model metadata

  /// The settings as a compact JSON object with sorted keys, for metadata key `saliency.tokenizer`.
  public func metadataJSON() -> String {
    let flag = { (value: Bool) in value ? "true" : "false" }
    // Written by hand so that the output is byte-for-byte stable; keys sorted.
    return "{\"kind\":\"\(kind.rawValue)\",\"lowercase\":\(flag(lowercase)),"
      + "\"mask_hashtags\":\(flag(maskHashtags)),\"mask_mentions\":\(flag(maskMentions)),"
      + "\"mask_urls\":\(flag(maskURLs))}"
  }

  /// Reads settings written by `metadataJSON()`.
  /// - Throws: `MetadataError` when the text is not a JSON object, a value has the wrong type, or the
  ///   tokenizer kind is unknown to this build; `SegmenterDataError` when the kind is `word-jieba` and the
  ///   segmenter tables embedded in this build are broken.
  public init(metadataJSON: String) throws {
    do {
      self = try JSONDecoder().decode(Tokenizer.self, from: Data(metadataJSON.utf8))
    } catch let error as MetadataError {
      throw error
    } catch let error as DecodingError {
      throw MetadataError.invalid(key: Tokenizer.metadataKey, detail: error.briefDescription)
    }
    // Every setting must be stated, and none unknown: a setting this build would ignore or fill in could
    // change how text is cut, and with it every id the model sees.
    if let object = try? JSONSerialization.jsonObject(with: Data(metadataJSON.utf8)) as? [String: Any] {
      let known = Set(CodingKeys.allCases.map(\.rawValue))
      if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
        throw MetadataError.unknownTokenizerSetting(unknown)
      }
      let missing = CodingKeys.allCases.map(\.rawValue).filter { object[$0] == nil }
      if !missing.isEmpty { throw MetadataError.incompleteTokenizer(missing: missing) }
    }
    if kind.joinsWords {
      _ = try ChineseSegmenter.embedded()
    }
  }
}

extension DecodingError {
  /// A one-line description naming the offending key, for error messages.
  var briefDescription: String {
    func path(_ context: Context) -> String {
      let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
      return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
    }
    switch self {
    case .typeMismatch(let type, let context):
      return "expected \(type)\(path(context))"
    case .valueNotFound(let type, let context):
      return "expected \(type)\(path(context)), found null"
    case .keyNotFound(let key, _):
      return "missing key \"\(key.stringValue)\""
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty ? "not valid JSON" : "invalid value\(path(context))"
    @unknown default:
      return "not valid JSON"
    }
  }
}
