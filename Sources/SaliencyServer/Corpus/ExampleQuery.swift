/// One page of an analysis's examples as `GET /api/analyses/{id}/examples` asks for it: filters, order and
/// window, read from the query string and checked against the analysis (its labels and models).
///
/// | parameter | values | default |
/// |---|---|---|
/// | `offset` | 0 … 10,000,000 | 0 |
/// | `limit` | 1 … 500 | 50 |
/// | `sort` | `index`, `confidence`, `length` (tokens) | `index` |
/// | `order` | `asc`, `desc` | `asc` |
/// | `gold`, `predicted` | a label of the analysis | any |
/// | `min_confidence`, `max_confidence` | 0 … 1, bounds included | any |
/// | `text` | up to 200 characters: the text contains it, ignoring case | any |
/// | `word` | up to 100 characters: a token's vocabulary form equals it | any |
/// | `model` | a model of the analysis | any |
struct ExampleQuery: Sendable, Equatable {
  enum Sort: String, Sendable, CaseIterable { case index, confidence, length }

  var offset = 0
  var limit = 50
  var sort = Sort.index
  var descending = false
  var gold: Int?
  var predicted: Int?
  var minConfidence: Double?
  var maxConfidence: Double?
  var text: String?
  var word: String?
  var model: Int?

  static let maxLimit = 500
  static let maxOffset = 10_000_000
  static let maxTextLength = 200
  static let maxWordLength = 100
  static let parameters = ["offset", "limit", "sort", "order", "gold", "predicted", "min_confidence", "max_confidence",
                           "text", "word", "model"]

  init() {}

  /// - Throws: `APIError` 400 naming the parameter and what it accepts.
  init(parameters: [(String, String)], labels: [String], models: [String]) throws {
    for (name, value) in parameters {
      switch name {
      case "offset": offset = try QueryParameter.integer(value, name, 0...Self.maxOffset)
      case "limit": limit = try QueryParameter.integer(value, name, 1...Self.maxLimit)
      case "sort": sort = try QueryParameter.keyword(value, name)
      case "order": descending = try QueryParameter.descending(value, name)
      case "gold": gold = try QueryParameter.choice(value, name, labels, "labels")
      case "predicted": predicted = try QueryParameter.choice(value, name, labels, "labels")
      case "model": model = try QueryParameter.choice(value, name, models, "models")
      case "min_confidence": minConfidence = try QueryParameter.probability(value, name)
      case "max_confidence": maxConfidence = try QueryParameter.probability(value, name)
      case "text": text = try Self.needle(value, name, Self.maxTextLength)
      case "word": word = try Self.needle(value, name, Self.maxWordLength)
      default:
        throw APIError.badRequest("unknown parameter '\(name)'; the parameters are \(Self.parameters.joined(separator: ", "))")
      }
    }
    if let minConfidence, let maxConfidence, minConfidence > maxConfidence {
      throw APIError.badRequest("min_confidence \(minConfidence) is above max_confidence \(maxConfidence); swap them")
    }
  }

  /// The filters that read the file (text and word), as a cache key; nil when there are none.
  var scanKey: String? {
    guard text != nil || word != nil else { return nil }
    return "text=\(text ?? "")\u{0}word=\(word ?? "")"
  }

  /// Whether an example passes the filters the index answers by itself.
  func admits(_ record: ExampleIndex.Record) -> Bool {
    if let gold, Int(record.gold) != gold { return false }
    if let predicted, Int(record.predicted) != predicted { return false }
    if let model, Int(record.model) != model { return false }
    if let minConfidence, !(Double(record.confidence) >= minConfidence) { return false }
    if let maxConfidence, !(Double(record.confidence) <= maxConfidence) { return false }
    return true
  }




  private static func needle(_ value: String, _ name: String, _ limit: Int) throws -> String? {
    guard value.count <= limit else {
      throw APIError.badRequest("\(name) has \(value.count) characters; give at most \(limit)")
    }
    return value.isEmpty ? nil : value
  }
}
