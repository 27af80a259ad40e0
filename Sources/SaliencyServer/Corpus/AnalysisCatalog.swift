import Foundation
import Reports
import SaliencyKit

/// A directory given to `saliency serve --analysis` that is not one `saliency analyze` wrote; the message names
/// the file and what to do.
public struct AnalysisDirectoryError: Error, Sendable, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}

/// The analyses a server offers (every `--analysis DIR`, in order), each read once at start: its summary, its
/// word tables and an index of its examples. Requests name an analysis by its position (`id`), never by a path.
public struct AnalysisCatalog: Sendable {
  public struct Entry: Sendable {
    /// Position in the catalog: the `{id}` of the corpus endpoints.
    let id: Int
    /// The directory's name, made unique with ` (2)`, ` (3)`… for display.
    public let name: String
    /// `summary.json`, compact.
    let summary: [UInt8]
    /// The classes of the analysis, the models that read its rows and its methods, as in `summary.json`.
    let labels: [String]
    let models: [String]
    let methods: [String]
    let examples: ExampleIndex
    let words: WordTable

    var json: JSONValue {
      .object([("id", .int(id)), ("name", .string(name)), ("examples", .int(examples.records.count)),
               ("labels", .array(labels.map(JSONValue.string))), ("models", .array(models.map(JSONValue.string))),
               ("methods", .array(methods.map(JSONValue.string))), ("summary", .verbatim(summary))])
    }
  }

  public let entries: [Entry]

  /// No analysis.
  public init() { entries = [] }

  /// Reads each directory.
  /// - Throws: `AnalysisDirectoryError` naming the first file that is missing or not as `analyze` writes it.
  public init(directories: [String]) throws {
    var entries: [Entry] = []
    var names: [String: Int] = [:]
    for (id, path) in directories.enumerated() {
      let directory = URL(fileURLWithPath: path)
      let base = directory.standardizedFileURL.lastPathComponent
      names[base, default: 0] += 1
      let name = names[base] == 1 ? base : "\(base) (\(names[base] ?? 0))"
      entries.append(try Self.read(directory, id: id, name: name))
    }
    self.entries = entries
  }

  /// The analysis a request names by its id.
  /// - Throws: `APIError` 404 for an id this server does not offer.
  func entry(_ id: String) throws -> Entry {
    guard let index = Int(id), entries.indices.contains(index) else {
      throw APIError(.notFound, "no analysis '\(id.prefix(40))'; this server offers "
        + (entries.isEmpty ? "none (saliency serve --analysis DIR)" : "ids 0…\(entries.count - 1) (GET /api/analyses)"))
    }
    return entries[index]
  }

  private static func read(_ directory: URL, id: Int, name: String) throws -> Entry {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw AnalysisDirectoryError("--analysis \(directory.path): no such directory; give a directory written by saliency analyze CORPUS --out DIR")
    }
    let summaryURL = directory.appendingPathComponent(AnalysisFiles.summary)
    for file in [AnalysisFiles.summary, AnalysisFiles.examples, AnalysisFiles.words] {
      let url = directory.appendingPathComponent(file)
      guard FileManager.default.isReadableFile(atPath: url.path) else {
        throw AnalysisDirectoryError("--analysis \(directory.path): \(file) is missing or unreadable, so this is not a directory written by saliency analyze; run saliency analyze CORPUS --out \(directory.path)")
      }
    }
    guard let data = FileManager.default.contents(atPath: summaryURL.path),
          let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let metrics = summary["metrics"] as? [String: Any],
          let perClass = metrics["per_class"] as? [[String: Any]],
          let models = summary["models"] as? [[String: Any]],
          let methods = summary["methods"] as? [[String: Any]] else {
      throw AnalysisDirectoryError("\(summaryURL.path): not a summary written by saliency analyze (no metrics, models or methods); run saliency analyze again")
    }
    let labels = perClass.compactMap { $0["label"] as? String }
    let modelNames = models.compactMap { $0["name"] as? String }
    let methodNames = methods.compactMap { $0["method"] as? String }
    guard labels.count == perClass.count, modelNames.count == models.count, methodNames.count == methods.count, !labels.isEmpty else {
      throw AnalysisDirectoryError("\(summaryURL.path): its labels, models or methods are not names; run saliency analyze again")
    }
    let examples = try ExampleIndex(url: directory.appendingPathComponent(AnalysisFiles.examples), labels: labels, models: modelNames)
    let words = try WordTable(url: directory.appendingPathComponent(AnalysisFiles.words))
    // Line feeds in JSON lie only between tokens (strings escape theirs), so dropping them keeps the value.
    return Entry(id: id, name: name, summary: data.filter { $0 != 0x0A }, labels: labels, models: modelNames,
                 methods: methodNames, examples: examples, words: words)
  }
}
