import Corpus
import Foundation
import Reports
import SaliencyKit

/// The per-class word tables of an analysis (`words.csv`), held in memory, for
/// `GET /api/analyses/{id}/words`.
struct WordTable: Sendable {
  struct Row: Sendable, Equatable {
    var klass: String
    var token: String
    var meanSigned: Double
    var meanAbs: Double
    var count: Int
    var sharePositive: Double
    var method: String
    var model: String

    var json: JSONValue {
      .object([("class", .string(klass)), ("token", .string(token)), ("mean_signed", .double(meanSigned)),
               ("mean_abs", .double(meanAbs)), ("count", .int(count)), ("share_positive", .double(sharePositive)),
               ("method", .string(method)), ("model", .string(model))])
    }
  }

  /// The rows as `words.csv` orders them.
  let rows: [Row]

  /// - Throws: `AnalysisDirectoryError` naming the file and line that is not a row of `AnalysisFiles.wordsHeader`.
  init(url: URL) throws {
    var rows: [Row] = []
    var header = true
    try ExampleIndex.forEachLine(of: url) { number, _, bytes in
      let record = ArraySlice(bytes.last == 0x0D ? Array(bytes.dropLast()) : Array(bytes))
      if header {
        header = false
        guard String(decoding: record, as: UTF8.self) + "\n" == AnalysisFiles.wordsHeader else {
          throw AnalysisDirectoryError("\(url.path): the header is not \(AnalysisFiles.wordsHeader.dropLast()); run saliency analyze again")
        }
        return
      }
      guard case .success(let fields) = CSVParser.fields(of: record), fields.count == 8,
            let meanSigned = Double(String(decoding: fields[2], as: UTF8.self)),
            let meanAbs = Double(String(decoding: fields[3], as: UTF8.self)),
            let count = Int(String(decoding: fields[4], as: UTF8.self)),
            let share = Double(String(decoding: fields[5], as: UTF8.self)) else {
        throw AnalysisDirectoryError("\(url.path), line \(number + 1): not a row of \(AnalysisFiles.wordsHeader.dropLast()); run saliency analyze again")
      }
      let text = fields.map { String(decoding: $0, as: UTF8.self) }
      rows.append(Row(klass: text[0], token: text[1], meanSigned: meanSigned, meanAbs: meanAbs, count: count,
                      sharePositive: share, method: text[6], model: text[7]))
    }
    self.rows = rows
  }

  /// A page of the rows `query` selects, and how many it selects.
  func page(_ query: WordQuery) -> (total: Int, rows: [Row]) {
    var selected = rows.filter { row in
      (query.klass.map { row.klass == $0 } ?? true) && (query.method.map { row.method == $0 } ?? true)
        && (query.model.map { row.model == $0 } ?? true)
    }
    if let key = query.sort.key {
      // Highest first, ties in the file's order; NaN (an undefined mean) counts as the lowest.
      let value = { (row: Row) -> Double in key(row).isNaN ? -.infinity : key(row) }
      selected = selected.enumerated().sorted { a, b in
        value(a.element) != value(b.element) ? value(a.element) > value(b.element) : a.offset < b.offset
      }.map(\.element)
      if query.ascending { selected.reverse() }
    }
    let start = min(query.offset, selected.count)
    return (selected.count, Array(selected[start..<min(selected.count, start + query.limit)]))
  }
}

/// What `GET /api/analyses/{id}/words` asks for: `class`, `method`, `model` (exact), `sort` (`mean_signed`,
/// `mean_abs`, `count`, highest first; default: the file's order, by class then mean signed score),
/// `order` (`desc` default, `asc` reverses a sort), `offset` (0 … 10,000,000), `limit` (1 … 500, default 50).
struct WordQuery: Sendable, Equatable {
  enum Sort: String, Sendable, CaseIterable {
    case file
    case meanSigned = "mean_signed"
    case meanAbs = "mean_abs"
    case count

    /// The figure rows are sorted by; nil keeps the file's order.
    var key: (@Sendable (WordTable.Row) -> Double)? {
      switch self {
      case .file: nil
      case .meanSigned: { $0.meanSigned }
      case .meanAbs: { $0.meanAbs }
      case .count: { Double($0.count) }
      }
    }
  }

  var klass: String?
  var method: String?
  var model: String?
  var sort = Sort.file
  var ascending = false
  var offset = 0
  var limit = 50

  static let parameters = ["class", "method", "model", "sort", "order", "offset", "limit"]

  /// - Throws: `APIError` 400 naming the parameter and what it accepts.
  init(parameters: [(String, String)], labels: [String], methods: [String], models: [String]) throws {
    for (name, value) in parameters {
      switch name {
      case "class": klass = labels[try QueryParameter.choice(value, name, labels, "labels")]
      case "method": method = methods[try QueryParameter.choice(value, name, methods, "methods")]
      case "model": model = models[try QueryParameter.choice(value, name, models, "models")]
      case "sort": sort = try QueryParameter.keyword(value, name)
      case "order": ascending = try !QueryParameter.descending(value, name)
      case "offset": offset = try QueryParameter.integer(value, name, 0...ExampleQuery.maxOffset)
      case "limit": limit = try QueryParameter.integer(value, name, 1...ExampleQuery.maxLimit)
      default:
        throw APIError.badRequest("unknown parameter '\(name)'; the parameters are \(Self.parameters.joined(separator: ", "))")
      }
    }
  }
}
