import Foundation
import SystemSupport

/// The mapping between vocabulary forms (`Token.norm`) and the integer ids a model embeds.
///
/// `tokens[id]` is the vocabulary form with that id. Ids 0 and 1 are reserved: `<pad>` (`padId`), whose
/// embedding row is all zeros, and `<unk>` (`unkId`), which every unknown form maps to.
/// A model stores the list as a JSON array under metadata key `saliency.vocabulary`.
public struct Vocabulary: Sendable, Equatable {
  /// The padding token, id 0.
  public static let padToken = "<pad>"
  /// The unknown-token token, id 1.
  public static let unkToken = "<unk>"
  /// The id of `<pad>`.
  public static let padId = 0
  /// The id of `<unk>`.
  public static let unkId = 1
  /// The metadata key under which a model stores the vocabulary.
  public static let metadataKey = "saliency.vocabulary"

  /// The vocabulary forms; the index is the id.
  public let tokens: [String]
  private let ids: [String: Int]

  /// Creates a vocabulary from its list of forms, index = id.
  /// - Throws: `MetadataError` if the list does not start with `<pad>`, `<unk>` or has duplicates.
  /// - Complexity: O(n).
  public init(tokens: [String]) throws {
    guard tokens.count >= 2 else { throw MetadataError.vocabularyTooShort(count: tokens.count) }
    for (id, expected) in [(Self.padId, Self.padToken), (Self.unkId, Self.unkToken)] where tokens[id] != expected {
      throw MetadataError.wrongSpecialToken(id: id, expected: expected, found: tokens[id])
    }
    var ids = [String: Int](minimumCapacity: tokens.count)
    for (id, token) in tokens.enumerated() {
      if let first = ids.updateValue(id, forKey: token) {
        throw MetadataError.duplicateToken(token, firstId: first, secondId: id)
      }
    }
    self.tokens = tokens
    self.ids = ids
  }

  /// The vocabulary with only `<pad>` and `<unk>`.
  public static let empty = Vocabulary(validated: [padToken, unkToken])

  private init(validated tokens: [String]) {
    self.tokens = tokens
    var ids = [String: Int](minimumCapacity: tokens.count)
    for (id, token) in tokens.enumerated() { ids[token] = id }
    self.ids = ids
  }

  /// The number of ids (V), including the two reserved ones.
  public var count: Int { tokens.count }

  /// The id of a vocabulary form; `unkId` if the form is unknown.
  /// - Complexity: O(1) expected (hashing the form).
  public func id(of norm: String) -> Int {
    ids[norm] ?? Self.unkId
  }

  /// Whether the vocabulary has an id of its own for `norm`.
  public func contains(_ norm: String) -> Bool {
    ids[norm] != nil
  }

  /// The ids of `tokens`' vocabulary forms, in order.
  /// - Complexity: O(n) in the number of tokens.
  public func ids(of tokens: [Token]) -> [Int] {
    tokens.map { id(of: $0.norm) }
  }

  /// The vocabulary form with id `id`, or `nil` if `id` is out of range.
  public func token(at id: Int) -> String? {
    tokens.indices.contains(id) ? tokens[id] : nil
  }

  /// Builds a vocabulary from tokenized texts.
  ///
  /// Forms are ordered by count, descending, then by their Unicode scalar values, ascending, so the
  /// result depends only on the counts, never on hashing or input order. Empty forms and the reserved
  /// forms themselves are not counted.
  /// - Parameters:
  ///   - texts: the vocabulary forms of each text.
  ///   - minCount: forms seen fewer times are left out (they map to `<unk>`).
  ///   - maxSize: the most ids, including `<pad>` and `<unk>` (values below 2 count as 2); `nil` = no limit.
  /// - Complexity: O(n + m log m) for n forms in all and m distinct forms.
  public static func build(
    counting texts: some Sequence<[String]>, minCount: Int = 1, maxSize: Int? = nil
  ) -> Vocabulary {
    var counts: [String: Int] = [:]
    for text in texts {
      for norm in text where !norm.isEmpty && norm != padToken && norm != unkToken {
        counts[norm, default: 0] += 1
      }
    }
    var entries = counts.filter { $0.value >= minCount }.map { (norm: $0.key, count: $0.value) }
    entries.sort { a, b in
      a.count != b.count ? a.count > b.count : a.norm.unicodeScalars.lexicographicallyPrecedes(b.norm.unicodeScalars)
    }
    var tokens = [padToken, unkToken]
    let limit = maxSize.map { max($0, 2) - 2 } ?? entries.count
    tokens.append(contentsOf: entries.prefix(limit).map(\.norm))
    return Vocabulary(validated: tokens)
  }

  // MARK: Model metadata

  /// The vocabulary as a JSON array of strings, index = id, for metadata key `saliency.vocabulary`.
  /// - Complexity: O(total length of the forms).
  public func metadataJSON() -> String {
    var json = "["
    json.reserveCapacity(tokens.reduce(2) { $0 + $1.utf8.count + 3 })
    for (index, token) in tokens.enumerated() {
      if index > 0 { json += "," }
      json += JSONString.quoted(token)
    }
    json += "]"
    return json
  }

  /// Reads a vocabulary written by `metadataJSON()` (or any JSON array of strings with the reserved entries).
  /// - Throws: `MetadataError` naming the problem: not a JSON array of strings, a wrong reserved entry,
  ///   or a duplicate.
  public init(metadataJSON: String) throws {
    let tokens: [String]
    do {
      tokens = try JSONDecoder().decode([String].self, from: Data(metadataJSON.utf8))
    } catch let error as DecodingError {
      throw MetadataError.invalid(key: Self.metadataKey, detail: error.briefDescription)
    }
    try self.init(tokens: tokens)
  }
}

extension Vocabulary: Codable {
  /// Decodes a JSON array of strings, index = id, validated as `init(tokens:)` does.
  public init(from decoder: any Decoder) throws {
    try self.init(tokens: decoder.singleValueContainer().decode([String].self))
  }

  /// Encodes the vocabulary as a JSON array of strings, index = id.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(tokens)
  }
}
