import Reports
import Saliency

/// What an analysis ran on and with: stored in `state.json` beside the state, shown in `summary.json` and the
/// report, and compared by `saliency merge` (shards of one run agree on everything but the shard index).
public struct AnalysisInfo: Sendable, Equatable, Codable {
  /// The version of `state.json`; `merge` refuses others.
  public static let currentFormatVersion = 3

  public struct Model: Sendable, Equatable, Codable {
    public var name: String
    public var path: String?
    public var labels: [String]
  }

  public var formatVersion = AnalysisInfo.currentFormatVersion
  /// The input as named on the command line (`<stdin>` for standard input).
  public var input: String
  /// sha256 of the input file's bytes; nil for standard input.
  public var inputSHA256: String?
  /// `tsv`, `csv` or `jsonl`.
  public var inputFormat: String
  /// nil for a run over every row.
  public var shard: Shard?
  /// The shards a merged analysis was made of (empty otherwise).
  public var mergedShards: [Shard] = []
  /// For `analyze --part K/N`: this run read part K of N consecutive slices of the input (a Spark partition),
  /// counting rows from 0; `merge` puts the parts back in order as one run over the whole input. nil otherwise
  /// (and then absent from `state.json`).
  public var part: Shard?
  /// How each row's model was chosen, and the candidates (`ModelSelection`), in the order of the state's
  /// per-model tallies.
  public var modelChoice: ModelSelection.Rule
  public var models: [Model]
  public var methodSettings: RecordedMethodSettings
  /// The label `--target` fixes, if any.
  public var target: String?
  /// `--label-map` as (corpus, model) pairs.
  public var labelMap: [[String]]
  public var minCount: Int
  /// Which tokens the word tables list; nil in states written before the choice existed (read as `lexical`).
  /// It filters the written tables only, so shards need not agree on it: a merge uses the first shard's.
  public var wordTokens: WordTokens?
  public var batchSize: Int
  public var chunkSize: Int
  public var generator: String

  public init(input: String, inputSHA256: String?, inputFormat: String, shard: Shard?, selection: ModelSelection,
              settings: MethodSettings, target: String?, labelMap: LabelMap, minCount: Int,
              wordTokens: WordTokens = .lexical, batchSize: Int, chunkSize: Int, generator: String) {
    self.input = input
    self.inputSHA256 = inputSHA256
    self.inputFormat = inputFormat
    self.shard = shard
    modelChoice = selection.rule
    models = selection.models.map { Model(name: $0.name, path: $0.path, labels: $0.labels) }
    methodSettings = RecordedMethodSettings(settings)
    self.target = target
    self.labelMap = labelMap.pairs.map { [$0.from, $0.to] }
    self.minCount = minCount
    self.wordTokens = wordTokens
    self.batchSize = batchSize
    self.chunkSize = chunkSize
    self.generator = generator
  }

  /// The word-table filter in force (`lexical` when the state predates it).
  public var effectiveWordTokens: WordTokens { wordTokens ?? .lexical }

  /// What must agree for two analyses to be shards of one run (everything but the shard index, the input's
  /// name and the generator), or nil when they agree.
  public func mismatch(with other: AnalysisInfo) -> String? {
    if other.formatVersion != formatVersion { return "state.json format \(other.formatVersion) vs \(formatVersion)" }
    if other.inputSHA256 != inputSHA256 {
      return "different inputs (sha256 \(other.inputSHA256 ?? "none, standard input") vs \(inputSHA256 ?? "none, standard input"))"
    }
    if other.models != models || other.modelChoice != modelChoice {
      return "different models (\(other.models.map(\.name).joined(separator: ", ")) vs \(models.map(\.name).joined(separator: ", ")))"
    }
    if other.methodSettings != methodSettings { return "different method settings (\(other.methodSettings.jsonValue.serialized()) vs \(methodSettings.jsonValue.serialized()))" }
    if other.target != target || other.labelMap != labelMap { return "different --target or --label-map" }
    if other.minCount != minCount { return "different --min-count (\(other.minCount) vs \(minCount))" }
    if other.batchSize != batchSize || other.chunkSize != chunkSize { return "different --batch-size" }
    if other.shard?.count != shard?.count { return "different shard counts (\(other.shard?.text ?? "none") vs \(shard?.text ?? "none"))" }
    if other.part?.count != part?.count { return "different part counts (\(other.part?.text ?? "none") vs \(part?.text ?? "none"))" }
    return nil
  }
}

/// The method settings of a run, as recorded in `state.json` and `summary.json`: each method with its options as
/// used (its defaults, overridden by the options given).
public struct RecordedMethodSettings: Sendable, Equatable, Codable {
  /// Method ids, in the order run.
  public var methods: [String]
  /// Each method's options, `key=value, …` (`MethodOptions.summary`), in `methods` order.
  public var options: [String]
  public var maxTokens: Int?

  /// - Precondition: the settings make their methods (`MethodSettings.makeMethods()` does not throw).
  public init(_ settings: MethodSettings) {
    guard let made = try? settings.makeMethods() else { preconditionFailure("recorded settings must be valid") }
    methods = made.map { $0.id.rawValue }
    options = made.map { $0.options.summary }
    maxTokens = settings.effectiveMaxTokens
  }

  /// Keys in a fixed order: `{"methods": […], "options": {"occlusion": "erasure=pad, …"}, "max_tokens": N}`.
  public var jsonValue: JSONValue {
    .object([
      ("methods", .array(methods.map(JSONValue.string))),
      ("options", .object(zip(methods, options).map { ($0, .string($1)) })),
      ("max_tokens", maxTokens.map(JSONValue.int) ?? .null),
    ])
  }
}
