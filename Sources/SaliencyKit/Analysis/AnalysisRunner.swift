import Corpus
import LSTMCore

/// `--shard K/N`: the rows whose 0-based index mod N is K (and the malformed records whose line mod N is K,
/// so that every rejected record is listed by exactly one shard).
public struct Shard: Sendable, Equatable, Codable {
  public var index: Int
  public var count: Int

  /// - Precondition: 0 ≤ index < count.
  public init(index: Int, count: Int) {
    precondition(count >= 1 && (0..<count).contains(index), "a shard index is in 0..<count")
    self.index = index
    self.count = count
  }

  /// Parses `K/N`; nil unless 0 ≤ K < N.
  public init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (0..<count).contains(index)
    else { return nil }
    self.init(index: index, count: count)
  }

  public var text: String { "\(index)/\(count)" }
}

/// Streams a labelled corpus through a `CorpusAnalysis`: reads a round of `2 · chunkSize · threads` rows on the
/// calling thread, analyses it on `threads` workers (`CorpusAnalysis.analyze`), and folds the rounds in row
/// order, so the result does not depend on `threads` or `chunkSize`. Memory stays flat: one round at a time,
/// plus the state.
public struct AnalysisRunner {
  /// Where rows come from: the next well-formed record, and the malformed ones skipped so far.
  public struct Source {
    public var next: () throws -> LabelledText?
    public var drainRejected: () -> [RejectedRow]

    public init(next: @escaping () throws -> LabelledText?, drainRejected: @escaping () -> [RejectedRow]) {
      self.next = next
      self.drainRejected = drainRejected
    }

    /// Reads from a corpus reader, after `first` (a record already read, e.g. to pick the model).
    public init(reader: CorpusReader, first: LabelledText? = nil) {
      var pending = first
      next = {
        if let row = pending {
          pending = nil
          return row
        }
        return try reader.next()
      }
      drainRejected = reader.drainRejected
    }
  }

  /// Progress after each round.
  public struct Progress: Sendable {
    /// Rows of this shard done (analysed or rejected).
    public var rows: Int
    /// The line of the last record read.
    public var line: Int
  }

  public var analysis: CorpusAnalysis
  public var labelMap = LabelMap.identity
  public var shard: Shard?
  /// Sets the round size: a round is `2 · chunkSize · threads` rows.
  public var chunkSize = 256
  public var threads = 2

  public init(analysis: CorpusAnalysis) { self.analysis = analysis }

  /// Runs to the end of the source.
  /// - Parameters:
  ///   - onChunk: receives the `examples.jsonl` lines of each round (UTF-8, each ending in a line feed) and its
  ///     rejections (sorted by line).
  ///   - shouldStop: polled between rounds and between batches; true stops with `AnalysisError.interrupted`.
  /// - Returns: the state over all rows.
  /// - Throws: reader errors, `AnalysisError` (unknown label, no tokens, interrupted), model errors.
  public func run(_ source: Source, onChunk: (_ lines: [UInt8], _ rejected: [AnalysisRejection]) throws -> Void,
                  onProgress: (Progress) -> Void = { _ in },
                  shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> AnalysisState {
    let configuration = analysis.configuration
    let labels = analysis.selection.labels
    let roundSize = max(1, chunkSize) * max(1, threads) * 2
    var state = analysis.emptyState()
    var rowIndex = 0
    var lastLine = 0
    var finished = false
    while !finished {
      if shouldStop() { throw AnalysisError.interrupted(rows: state.counts.rows) }
      var rows: [AnalysisRow] = []
      var rejected: [AnalysisRejection] = []
      while rows.count < roundSize {
        guard let record = try source.next() else {
          finished = true
          break
        }
        defer { rowIndex += 1 }
        lastLine = record.line
        guard shard.map({ rowIndex % $0.count == $0.index }) ?? true else { continue }
        state.counts.rows += 1
        let label = labelMap.map(record.label ?? "")
        guard let gold = labels.firstIndex(of: label) else {
          guard configuration.skipBadRows else {
            throw AnalysisError.unknownLabel(file: configuration.inputName, line: record.line, label: label,
                                             model: analysis.selection.names, labels: labels)
          }
          rejected.append(.unknownLabel(record, label: label, models: analysis.selection))
          state.counts.rejectedUnknownLabel += 1
          continue
        }
        rows.append(AnalysisRow(index: rowIndex, line: record.line, text: record.text, gold: gold))
      }
      for row in source.drainRejected() where shard.map({ row.line % $0.count == $0.index }) ?? true {
        rejected.append(.malformed(row))
        state.counts.rejectedMalformed += 1
      }
      let round: ChunkOutcome
      do {
        round = try analysis.analyze(rows, threads: threads, shouldStop: shouldStop)
      } catch AnalysisError.interrupted {
        throw AnalysisError.interrupted(rows: state.counts.rows)
      }
      try state.merge(round.state)
      rejected += round.rejected
      rejected.sort { $0.line < $1.line }
      try onChunk(round.exampleLines, rejected)
      onProgress(Progress(rows: state.counts.rows, line: lastLine))
    }
    return state
  }
}
