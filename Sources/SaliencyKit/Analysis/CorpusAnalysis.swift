import Corpus
import LSTMCore
import Reports
import Saliency
import SystemSupport

/// One labelled row handed to the analysis.
public struct AnalysisRow: Sendable, Equatable {
  /// 0-based index among the corpus's well-formed records (the sharding key).
  public var index: Int
  /// 1-based line where the record starts.
  public var line: Int
  public var text: String
  /// The gold class, an index into the model's labels.
  public var gold: Int

  public init(index: Int, line: Int, text: String, gold: Int) {
    self.index = index
    self.line = line
    self.text = text
    self.gold = gold
  }
}

/// A record left out of the analysis, with why (a line of `rejected.tsv`).
public struct AnalysisRejection: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case malformed, noTokens = "no-tokens", unknownLabel = "unknown-label"
  }

  public var line: Int
  public var kind: Kind
  public var reason: String
  /// The record as in the file.
  public var raw: String

  public init(line: Int, kind: Kind, reason: String, raw: String) {
    self.line = line
    self.kind = kind
    self.reason = reason
    self.raw = raw
  }

  /// A record whose label (after `--label-map`) is not one of the models'.
  public static func unknownLabel(_ record: LabelledText, label: String, models: ModelSelection) -> AnalysisRejection {
    AnalysisRejection(
      line: record.line, kind: .unknownLabel,
      reason: "label '\(label)' is not a label of model \(models.names) (\(models.labels.joined(separator: ", ")))",
      raw: record.text)
  }

  /// A record the reader could not parse.
  public static func malformed(_ row: RejectedRow) -> AnalysisRejection {
    AnalysisRejection(line: row.line, kind: .malformed, reason: row.reason, raw: row.raw)
  }
}

/// What one chunk of rows adds: its partial state, its `examples.jsonl` lines and its rejections, in row order.
public struct ChunkOutcome: Sendable {
  public var state: AnalysisState
  /// The `examples.jsonl` lines of the analysed rows, in row order: one contract object per row (with `line`
  /// and `gold`), each followed by a line feed. UTF-8
  public var exampleLines: [UInt8]
  public var rejected: [AnalysisRejection]
}

/// Explains labelled rows with a list of methods, each row with its model (`ModelSelection`: one for all, or each
/// row's default by its script), and folds the results into an `AnalysisState`.
/// Pure apart from the model's arithmetic: the same rows give the same outcome on any thread.
public struct CorpusAnalysis: Sendable {
  public struct Configuration: Sendable {
    public var settings: MethodSettings
    public var target: TargetChoice = .predicted
    /// Texts per batched explanation call at most (see `batches(of:tokenCounts:size:)`); a round's texts are
    /// sorted by length before they are cut into batches. Products are row-stable (`Gemm.withRowStableProducts`), so a text's numbers do not depend on
    /// its batch-mates and sharded runs merge into exactly the unsharded result at any batch size.
    public var batchSize = 16
    /// Confident errors and unsure correct answers kept for the report (each).
    public var examplesKept = 10
    /// Reject rows without tokens instead of failing.
    public var skipBadRows = false
    /// The input's name in messages.
    public var inputName: String

    public init(settings: MethodSettings, inputName: String) {
      self.settings = settings
      self.inputName = inputName
    }
  }

  public let selection: ModelSelection
  public let configuration: Configuration
  /// One per candidate model. [models]
  private let explainers: [Explainer]

  /// - Throws: `InputError.noVocabulary` for a tensors-only model (texts cannot be encoded),
  ///   `SaliencyOptionError` when a method's options are out of range.
  public init(selection: ModelSelection, configuration: Configuration) throws {
    if let model = selection.models.first(where: { $0.vocabulary == nil }) { throw InputError.noVocabulary(model: model.name) }
    self.selection = selection
    self.configuration = configuration
    let methods = try configuration.settings.makeMethods()
    explainers = selection.models.map { Explainer(model: $0, methods: methods, target: configuration.target) }
  }

  /// Every row read by `model`.
  public init(model: TextModel, configuration: Configuration) throws {
    try self.init(selection: .fixed(model), configuration: configuration)
  }

  /// A state with nothing in it, for these models and methods.
  public func emptyState() -> AnalysisState {
    AnalysisState(labels: selection.labels, methods: configuration.settings.methods.map(\.rawValue),
                  examplesKept: configuration.examplesKept, modelCount: selection.models.count)
  }

  /// Analyses rows on up to `threads` workers: encodes them, explains them in length-sorted batches (longest
  /// first, each worker taking the next batch as it goes free, so that texts of unequal length keep every core
  /// busy), and folds the results in row order. The outcome does not depend on `threads`.
  /// - Parameter shouldStop: polled between batches; when it returns true, throws `AnalysisError.interrupted`.
  /// - Throws: `AnalysisError.noTokens` (without `skipBadRows`), errors of the model or methods.
  public func analyze(_ rows: [AnalysisRow], threads: Int = 1,
                      shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> ChunkOutcome {
    try Gemm.withRowStableProducts { try analyzeRowStable(rows, threads: threads, shouldStop: shouldStop) }
  }

  private func analyzeRowStable(_ rows: [AnalysisRow], threads: Int,
                                shouldStop: @escaping @Sendable () -> Bool) throws -> ChunkOutcome {
    var state = emptyState()
    var rejected: [AnalysisRejection] = []
    var kept: [(row: AnalysisRow, model: Int, input: EncodedText)] = []
    kept.reserveCapacity(rows.count)
    let encodingSlices = Self.slices(count: rows.count, parts: 4 * max(1, threads))
    let encoded = Parallel.map(count: encodingSlices.count, threads: threads) { [selection, configuration] slice in
      rows[encodingSlices[slice]].map { row in
        let model = selection.index(forText: row.text)
        return (model, Result {
          try selection.models[model].encode(text: row.text, maxTokens: configuration.settings.effectiveMaxTokens)
        })
      }
    }.joined()
    for (row, (model, input)) in zip(rows, encoded) {
      switch input {
      case .success(let input): kept.append((row, model, input))
      case .failure(let error):
        guard error is InputError else { throw error }
        guard configuration.skipBadRows else { throw AnalysisError.noTokens(file: configuration.inputName, line: row.line) }
        rejected.append(AnalysisRejection(line: row.line, kind: .noTokens, reason: "\(error)", raw: row.text))
        state.counts.rejectedNoTokens += 1
      }
    }
    let explanations = try explainInBatches(kept.map { ($0.model, $0.input) }, threads: threads, shouldStop: shouldStop)
    // One part per worker: every part's state is merged afterwards, and merging word tables is not free.
    let parts = Self.slices(count: kept.count, parts: max(1, threads))
    let folded = Parallel.map(count: parts.count, threads: threads) { [kept] part in
      var partState = emptyState()
      var lines: [UInt8] = []
      for index in parts[part] {
        let (row, model, explanation) = (kept[index].row, kept[index].model, explanations[index])
        // τ-b between the methods, computed once for the tally and the line's agreement object.
        let tau = KendallCorrelation.pairwiseTauB(explanation.maps.map(\.scores))
        partState.add(row: row.index, line: row.line, model: model, gold: row.gold, explanation: explanation,
                      pairwiseTau: tau) {
          example(of: explanation, row: row, model: selection.models[model])
        }
        appendExampleLine(of: explanation, row: row, model: selection.models[model], pairwiseTau: tau, to: &lines)
      }
      return (partState, lines)
    }
    var lines: [UInt8] = []
    for (part, partLines) in folded {
      try state.merge(part)
      lines += partLines
    }
    return ChunkOutcome(state: state, exampleLines: lines, rejected: rejected)
  }

  /// Explains inputs, each with its model's explainer, in batches of one model's texts of similar length (the
  /// models one after another, each model's longest batches first); results in input order.
  private func explainInBatches(_ inputs: [(model: Int, input: EncodedText)], threads: Int,
                                shouldStop: @escaping @Sendable () -> Bool) throws -> [TextExplanation] {
    let lengths = inputs.map(\.input.tokens.count)
    let order = inputs.indices.sorted { (lengths[$0], $0) > (lengths[$1], $1) }
    let batches = explainers.indices.flatMap { model in
      Self.batches(of: order.filter { inputs[$0].model == model }, tokenCounts: lengths, size: configuration.batchSize)
    }
    let results = Parallel.mapClaiming(count: batches.count, threads: threads) { [explainers] batch -> Result<[TextExplanation], any Error> in
      if shouldStop() { return .failure(AnalysisError.interrupted(rows: 0)) }
      let members = batches[batch]
      return Result { try explainers[inputs[members[0]].model].explain(members.map { inputs[$0].input }) }
    }
    var explanations = [TextExplanation?](repeating: nil, count: inputs.count)
    for (members, result) in zip(batches, results) {
      for (member, explanation) in zip(members, try result.get()) { explanations[member] = explanation }
    }
    return explanations.map { $0! }
  }

  /// Consecutive runs of `order`, each of at most `size` texts and, past its first text, at most
  /// `size · tokensPerText` tokens: long texts go fewer to a batch, so that a batch's forward trace and gradients
  /// (about 11 floats per token and hidden unit) stay near the size of a batch of average reviews instead of
  /// growing with the longest texts (whose batches would each touch tens of MB of fresh memory, paid for in page
  /// faults).
  static func batches(of order: [Int], tokenCounts: [Int], size: Int) -> [[Int]] {
    let size = max(1, size), tokenLimit = size * tokensPerText
    var batches: [[Int]] = [], current: [Int] = [], tokens = 0
    for index in order {
      if !current.isEmpty, current.count == size || tokens + tokenCounts[index] > tokenLimit {
        batches.append(current)
        current = []
        tokens = 0
      }
      current.append(index)
      tokens += tokenCounts[index]
    }
    if !current.isEmpty { batches.append(current) }
    return batches
  }

  /// The tokens a batch allows per text: about a review's length.
  static let tokensPerText = 128

  /// `parts` contiguous ranges that cover 0..<count (some empty when count < parts).
  private static func slices(count: Int, parts: Int) -> [Range<Int>] {
    (0..<parts).map { (count * $0 / parts)..<(count * ($0 + 1) / parts) }
  }

  /// Appends the contract object of `explain --format json` (its `model` the row's) plus `line` and `gold`, on one
  /// line, and a line feed.
  func appendExampleLine(of explanation: TextExplanation, row: AnalysisRow, model: TextModel, pairwiseTau: [[Double?]],
                         to lines: inout [UInt8]) {
    var members: [(String, JSONValue)] = []
    if case .object(let contract) = explanation.jsonValue(model: model, verbatimArrays: true, pairwiseTau: pairwiseTau) {
      members = contract
    }
    members.append(("line", .int(row.line)))
    members.append(("gold", .string(model.labels[row.gold])))
    JSONValue.object(members).serialize(appendingTo: &lines)
    lines.append(UInt8(ascii: "\n"))
  }

  func example(of explanation: TextExplanation, row: AnalysisRow, model: TextModel) -> AnalysisExample {
    let tokens = explanation.input.tokens
    let end = tokens.last?.end ?? 0
    let text = explanation.input.truncated
      ? String(String.UnicodeScalarView(row.text.unicodeScalars.prefix(end))) : row.text
    return AnalysisExample(
      row: row.index, line: row.line, model: model.name, gold: row.gold, predicted: explanation.predicted,
      probabilities: explanation.probabilities, text: text,
      tokens: tokens.map { AnalysisExample.Token(text: $0.text, start: $0.start ?? 0, end: $0.end ?? 0, unknown: $0.unknown) },
      truncated: explanation.input.truncated, notes: explanation.notes,
      explanations: explanation.maps.map { map in
        AnalysisExample.Explanation(
          method: map.method.rawValue, target: map.target, sign: map.sign.rawValue,
          options: map.options.summary,
          scores: map.scores, axiomGap: map.axiomGap, saturation: map.colorSaturation)
      })
  }
}
