import Corpus
import Foundation
import LSTMCore
import Reports
import SystemSupport

/// The files of an analysis directory and their text formats.
public enum AnalysisFiles {
  public static let report = "index.html"
  public static let examples = "examples.jsonl"
  public static let words = "words.csv"
  public static let summary = "summary.json"
  /// The raw accumulators and run settings that `saliency merge` combines.
  public static let state = "state.json"
  public static let rejected = "rejected.tsv"

  /// Writes `summary.json`, `state.json`, `words.csv` and `index.html` into `directory` (`examples.jsonl` and
  /// `rejected.tsv` are streamed by the caller).
  /// With two threads, `state.json` (the slowest to encode) is written beside the other three.
  public static func writeResults(_ stored: Stored, to directory: OutputDirectory, threads: Int = 1) throws {
    let parts = Parallel.map(count: 2, threads: threads) { part -> Result<Void, any Error> in
      Result {
        if part == 0 {
          try directory.write(encodeState(stored), to: state)
        } else {
          try writeReadableResults(stored, to: directory)
        }
      }
    }
    for part in parts { try part.get() }
  }

  /// `summary.json`, `words.csv` and `index.html`.
  private static func writeReadableResults(_ stored: Stored, to directory: OutputDirectory) throws {
    let tables = stored.tokenTables
    let tokenText: (Int, Int) -> String = { model, id in tables[model][id] ?? "#\(id)" }
    let summary = AnalysisSummary.json(info: stored.info, state: stored.state).prettyPrinted() + "\n"
    try directory.write(summary, to: Self.summary)
    let words = try directory.stream(Self.words)
    try writeWords(state: stored.state, models: stored.info.models.map(\.name), tokenText: tokenText,
                   minCount: stored.info.minCount, tokens: stored.info.effectiveWordTokens, emit: words.write)
    try words.close()
    let document = AnalysisReport.document(info: stored.info, state: stored.state, tokenText: tokenText)
    try directory.write(CorpusReportRenderer().render(document), to: report)
  }

  // MARK: words.csv

  /// The header of `words.csv`.
  public static let wordsHeader = "class,token,mean_signed,mean_abs,count,share_positive,method,model\n"

  /// `words.csv` rows: for each candidate model (in `AnalysisInfo.models` order; a model that read no row has no
  /// rows) and each method (in `--method` order), every (class, token) seen at least `minCount` times whose text
  /// `tokens` admits, by class, then mean signed score (highest first), then token id. Tables are per model,
  /// since each model scores its own vocabulary. Numbers are written with the shortest digits that read back to
  /// the same Double.
  /// - Parameter models: the candidate models' names, one per `state.models`.
  /// - Parameter tokenText: the text of a token id of a model (by index).
  /// - Parameter emit: receives the text in pieces.
  public static func writeWords(state: AnalysisState, models: [String], tokenText: (_ model: Int, _ id: Int) -> String,
                                minCount: Int, tokens: WordTokens = .lexical, emit: (String) throws -> Void) throws {
    try emit(wordsHeader)
    for (model, tally) in state.models.enumerated() {
      let name = "," + CSVField.escaped(models.indices.contains(model) ? models[model] : "#\(model)") + "\n"
      for (index, method) in state.methods.enumerated() {
        var text = ""
        for row in tally.words[index].rows(minCount: minCount) {
          let token = tokenText(model, row.token)
          guard tokens.admits(token) else { continue }
          text += CSVField.escaped(state.labels[row.klass]) + "," + CSVField.escaped(token) + "," + number(row.cell.meanSigned) + ","
            + number(row.cell.meanMagnitude) + "," + String(row.cell.count) + "," + number(row.cell.sharePositive) + ","
            + CSVField.escaped(method) + name
          if text.utf8.count > 1 << 16 {
            try emit(text)
            text = ""
          }
        }
        try emit(text)
      }
    }
  }

  /// A Double with the shortest round-trip digits; `nan` when undefined.
  static func number(_ value: Double) -> String { value.isFinite ? value.description : "nan" }

  // MARK: rejected.tsv

  public static let rejectedHeader = "line\treason\traw\n"

  /// One `rejected.tsv` line: TAB, CR, LF and backslash in a field are written `\t`, `\r`, `\n`, `\\`.
  public static func rejectedLine(_ rejection: AnalysisRejection) -> String {
    String(rejection.line) + "\t" + tsvField(rejection.reason) + "\t" + tsvField(rejection.raw) + "\n"
  }

  static func tsvField(_ value: String) -> String {
    guard value.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return value }
    var output = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\t": output += "\\t"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\\": output += "\\\\"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  // MARK: state.json

  /// What `state.json` holds: the run's settings, the state, and the text of every token id in its word
  /// tables (so merge needs no model file).
  public struct Stored: Codable, Sendable {
    public var info: AnalysisInfo
    public var state: AnalysisState
    /// Per candidate model, (id, vocabulary form) pairs, by id.
    public var tokens: [[TokenText]]

    public struct TokenText: Codable, Sendable, Equatable {
      public var id: Int
      public var text: String
    }

    /// - Parameter tokens: per candidate model, the text of token ids.
    public init(info: AnalysisInfo, state: AnalysisState, tokens: [[Int: String]]) {
      self.info = info
      self.state = state
      self.tokens = tokens.map { table in table.sorted { $0.key < $1.key }.map { TokenText(id: $0.key, text: $0.value) } }
    }

    /// The token texts as lookup tables, one per candidate model.
    public var tokenTables: [[Int: String]] {
      tokens.map { texts in
        var table: [Int: String] = [:]
        for token in texts { table[token.id] = token.text }
        return table
      }
    }
  }

  /// Per candidate model, the vocabulary form of every token id in that model's word tables.
  /// - Parameter vocabularies: one per `state.models`.
  public static func tokenTexts(of state: AnalysisState, vocabularies: [Vocabulary?]) -> [[Int: String]] {
    state.models.enumerated().map { model, tally in
      let vocabulary = vocabularies.indices.contains(model) ? vocabularies[model] : nil
      var table: [Int: String] = [:]
      for words in tally.words {
        for key in words.cells.keys where table[key.token] == nil {
          table[key.token] = vocabulary?.token(at: key.token) ?? "#\(key.token)"
        }
      }
      return table
    }
  }

  /// Just the format version of a `state.json`.
  private struct FormatProbe: Decodable {
    struct Info: Decodable { var formatVersion: Int }
    var info: Info
  }

  public static func encodeState(_ stored: Stored) throws -> Data {
    try StateJSON.encoded(stored)
  }

  /// Reads `DIR/state.json`.
  /// - Throws: `AnalysisError.incompatible` naming the file when it is missing or unreadable.
  public static func readState(directory: URL) throws -> Stored {
    let url = directory.appendingPathComponent(state)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw AnalysisError.incompatible("\(url.path): no such file; merge takes directories written by saliency analyze")
    }
    let decoder = StateJSON.decoder
    do {
      // The version first: a state of another format fails on it, not on the first field that moved.
      let version = try decoder.decode(FormatProbe.self, from: data).info.formatVersion
      guard version == AnalysisInfo.currentFormatVersion else {
        throw AnalysisError.incompatible("\(url.path): state format \(version) is not supported by this version "
          + "(it reads format \(AnalysisInfo.currentFormatVersion)); analyse the shards again with this version")
      }
      let stored = try decoder.decode(Stored.self, from: data)
      guard stored.state.models.count == stored.info.models.count, stored.tokens.count == stored.info.models.count else {
        throw AnalysisError.incompatible("\(url.path): the per-model tallies do not match the models of the run")
      }
      return stored
    } catch let error as AnalysisError {
      throw error
    } catch {
      throw AnalysisError.incompatible("\(url.path): not a valid analysis state (\(error))")
    }
  }
}
