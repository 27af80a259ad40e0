/// Which model reads each text of a corpus: one model for every text (`--model`), or each text's embedded
/// default by its own script (a Han character → `default-zh`, else `default-en`), decided row by row as the
/// corpus streams past, so nothing is read ahead to choose.
///
/// The candidates are fixed before the first row (both defaults are loaded under `.byScript`), so shards of one
/// run agree on them whatever rows each shard sees, and per-model accumulators merge position by position.
public struct ModelSelection: Sendable {
  public enum Rule: String, Sendable, Equatable, Codable {
    /// One model for every text.
    case fixed
    /// Each text's embedded default by its script (`EmbeddedModel.default(forText:)`).
    case byScript = "by-script"
  }

  public let rule: Rule
  /// The candidates: one for `.fixed`; for `.byScript`, in `EmbeddedModel.byScriptOrder`.
  public let models: [TextModel]

  /// Every text to `model`.
  public static func fixed(_ model: TextModel) -> ModelSelection { ModelSelection(rule: .fixed, models: [model]) }

  /// Each text to its script's embedded default.
  /// - Throws: a model loading error, or `AnalysisError.incompatible` if the defaults' labels differ (their
  ///   metrics are pooled, so they must classify into the same labels).
  public static func byScript() throws -> ModelSelection {
    let models = try EmbeddedModel.byScriptOrder.map { try $0.load() }
    guard Set(models.map(\.labels)).count == 1 else {
      throw AnalysisError.incompatible("the embedded default models have different labels; give one with --model")
    }
    return ModelSelection(rule: .byScript, models: models)
  }

  /// The labels every candidate shares.
  public var labels: [String] { models[0].labels }

  /// The candidates' names in words, for messages, e.g. `default-en or default-zh`.
  public var names: String { models.map(\.name).joined(separator: " or ") }

  /// The index in `models` of the model that reads `text`.
  public func index(forText text: String) -> Int {
    switch rule {
    case .fixed: return 0
    case .byScript: return EmbeddedModel.byScriptOrder.firstIndex(of: EmbeddedModel.default(forText: text)) ?? 0
    }
  }
}
