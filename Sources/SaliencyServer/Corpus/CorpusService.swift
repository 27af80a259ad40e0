import Foundation
import Reports

/// The corpus endpoints: the analyses, a page of an analysis's examples, one example, its word tables.
/// Example pages read the file, so they run on the work queue within the time budget, as explanations do.
struct CorpusService: Sendable {
  let catalog: AnalysisCatalog
  let queue: WorkQueue
  let limits: ServerLimits

  /// `GET /api/analyses`: each analysis with its summary (metrics, confusion matrix, …).
  var list: JSONValue { .array(catalog.entries.map(\.json)) }

  /// `GET /api/analyses/{id}/examples`: `{"total", "offset", "limit", "examples": [{"index", "line", "model",
  /// "gold", "predicted", "confidence", "tokens", "text"}]}`, `total` counting every example that passes the filters.
  func examples(analysis id: String, parameters: [(String, String)]) async throws -> JSONValue {
    let entry = try catalog.entry(id)
    let query = try ExampleQuery(parameters: parameters, labels: entry.labels, models: entry.models)
    let index = entry.examples
    return try await queue.run(deadline: .now + .milliseconds(Int(limits.timeBudget * 1000))) {
      let matches = try index.matches(query)
      let start = min(query.offset, matches.count)
      let page = matches[start..<min(matches.count, start + query.limit)]
      let lines = try index.lines(page)
      let rows: [JSONValue] = zip(page, lines).map { number, line in
        let record = index.records[Int(number)]
        let text = line.withUnsafeBufferPointer { bytes -> String? in
          let spans = JSONSpans(bytes: bytes)
          guard let member = try? spans.members(ofObjectAt: 0).first(where: { spans.key($0.key, is: "text") }) else { return nil }
          return spans.string(member.value)
        }
        return .object([
          ("index", .int(Int(number))), ("line", .int(Int(record.line))), ("model", .string(index.models[Int(record.model)])),
          ("gold", .string(index.labels[Int(record.gold)])), ("predicted", .string(index.labels[Int(record.predicted)])),
          ("confidence", .float(record.confidence)), ("tokens", .int(Int(record.tokens))),
          ("text", text.map(JSONValue.string) ?? .null),
        ])
      }
      return .object([("total", .int(matches.count)), ("offset", .int(query.offset)), ("limit", .int(query.limit)),
                      ("examples", .array(rows))])
    }
  }

  /// `GET /api/analyses/{id}/examples/{index}`: `{"index", "example"}`, the example as `examples.jsonl` holds it
  /// (the contract object of `explain --format json` with `line` and `gold`).
  func example(analysis id: String, index text: String) throws -> JSONValue {
    let entry = try catalog.entry(id)
    let count = entry.examples.records.count
    guard let number = Int(text), (0..<count).contains(number) else {
      throw APIError(.notFound, "no example '\(text.prefix(40))' in analysis \(entry.id); it has indices 0…\(count - 1)")
    }
    let line = try entry.examples.lines([Int32(number)])[0]
    return .object([("index", .int(number)), ("example", .verbatim(line))])
  }

  /// `GET /api/analyses/{id}/words`: `{"total", "offset", "limit", "rows": [{"class", "token", "mean_signed",
  /// "mean_abs", "count", "share_positive", "method", "model"}]}`.
  func words(analysis id: String, parameters: [(String, String)]) throws -> JSONValue {
    let entry = try catalog.entry(id)
    let query = try WordQuery(parameters: parameters, labels: entry.labels, methods: entry.methods, models: entry.models)
    let page = entry.words.page(query)
    return .object([("total", .int(page.total)), ("offset", .int(query.offset)), ("limit", .int(query.limit)),
                    ("rows", .array(page.rows.map(\.json)))])
  }
}
