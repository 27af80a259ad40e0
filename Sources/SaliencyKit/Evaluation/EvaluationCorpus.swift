import Corpus

/// The labelled texts of an evaluation: the first `limit` well-formed records of a corpus, each encoded by its model
/// (`ModelSelection`), with the records left out (malformed, unknown label, no tokens) when bad rows are skipped.
public struct EvaluationCorpus {
  public var texts: [EvaluationText] = []
  public var rejected: [AnalysisRejection] = []
  /// Texts cut at the token limit.
  public var truncated = 0
  /// Texts more than `EncodedText.unknownShareWarning` of whose tokens their model does not know, and the line of
  /// the first.
  public var mostlyUnknown = 0
  public var firstMostlyUnknownLine: Int?

  /// Reads records until `limit` texts are kept (all records when nil).
  /// - Throws: reader errors; `AnalysisError.unknownLabel` / `.noTokens` unless `skipBadRows`.
  public init(reader: CorpusReader, first: LabelledText?, selection: ModelSelection, labelMap: LabelMap, limit: Int?,
              maxTokens: Int?, skipBadRows: Bool) throws {
    var pending = first
    func next() throws -> LabelledText? {
      if let record = pending {
        pending = nil
        return record
      }
      return try reader.next()
    }
    while limit.map({ texts.count < $0 }) ?? true, let record = try next() {
      let label = labelMap.map(record.label ?? "")
      guard let gold = selection.labels.firstIndex(of: label) else {
        guard skipBadRows else {
          throw AnalysisError.unknownLabel(file: reader.displayName, line: record.line, label: label,
                                           model: selection.names, labels: selection.labels)
        }
        rejected.append(.unknownLabel(record, label: label, models: selection))
        continue
      }
      do {
        let model = selection.index(forText: record.text)
        let input = try selection.models[model].encode(text: record.text, maxTokens: maxTokens)
        if input.truncated { truncated += 1 }
        if input.isMostlyUnknown {
          mostlyUnknown += 1
          firstMostlyUnknownLine = firstMostlyUnknownLine ?? record.line
        }
        texts.append(EvaluationText(line: record.line, gold: gold, input: input, model: model))
      } catch let error as InputError {
        guard skipBadRows else { throw AnalysisError.noTokens(file: reader.displayName, line: record.line) }
        rejected.append(AnalysisRejection(line: record.line, kind: .noTokens, reason: "\(error)", raw: record.text))
      }
    }
    rejected += reader.drainRejected().map(AnalysisRejection.malformed)
    rejected.sort { $0.line < $1.line }
  }
}
