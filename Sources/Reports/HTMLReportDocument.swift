/// Everything an HTML report shows: header facts, the colour-scale choice, and one item per text.
///
/// A plain value, so `HTMLRenderer` is a pure function of it. Facts that depend on the world (the date, the
/// tool's version, the input's name) are strings the caller fills in; the renderer adds nothing of its own.
public struct HTMLReportDocument: Sendable, Equatable {
  /// How scores are divided before colouring (`--scale`).
  public enum Scale: String, Sendable, Equatable, CaseIterable {
    /// Each method on a fixed absolute scale (`Normalization.absolute`: ±0.5 probability, ±2 logit, …), so a
    /// weak map looks weak and texts compare; methods without an absolute unit fall back to `text`.
    case absolute
    /// Each row (one method on one text) by its own largest |score|: every heatmap uses the full range.
    case text
    /// Each method by its largest |score| over every text of the report, so texts can be compared.
    case report
  }

  /// One quality figure of a model, e.g. dev accuracy 0.861.
  public struct Metric: Sendable, Equatable {
    /// The split, e.g. `dev` or `test`.
    public var split: String
    /// The figure's name for readers, e.g. `accuracy` or `macro-F1`.
    public var name: String
    public var value: Double

    public init(split: String, name: String, value: Double) {
      self.split = split
      self.name = name
      self.value = value
    }
  }

  /// A model as the header describes it.
  public struct ModelSummary: Sendable, Equatable {
    /// The name documents refer to (`HeatmapDocument.modelName`).
    public var name: String
    /// The file it came from; nil for a model built into the tool.
    public var path: String?
    public var labels: [String]
    /// In the order to show them.
    public var metrics: [Metric]

    public init(name: String, path: String? = nil, labels: [String], metrics: [Metric] = []) {
      self.name = name
      self.path = path
      self.labels = labels
      self.metrics = metrics
    }
  }

  /// A method as the header describes it.
  public struct MethodSummary: Sendable, Equatable {
    /// The method id, e.g. `occlusion`.
    public var method: String
    public var sign: HeatmapDocument.SignMeaning
    /// Settings in words, e.g. `erasure=pad, measure=probability`.
    public var optionsSummary: String

    public init(method: String, sign: HeatmapDocument.SignMeaning, optionsSummary: String) {
      self.method = method
      self.sign = sign
      self.optionsSummary = optionsSummary
    }
  }

  /// One explained text.
  public struct Item: Sendable, Equatable {
    /// What the page draws; its `gold` is the text's gold label when known.
    public var document: HeatmapDocument
    /// The machine-readable object of `explain --format json` for this text, embedded in the page; nil to
    /// embed `null`.
    public var contractJSON: JSONValue?

    public init(document: HeatmapDocument, contractJSON: JSONValue? = nil) {
      self.document = document
      self.contractJSON = contractJSON
    }
  }

  /// The page's title and main heading.
  public var title: String
  /// Every model the items refer to, in the order to show them.
  public var models: [ModelSummary]
  /// Every method of the report, in row order.
  public var methods: [MethodSummary]
  /// Where the texts came from (a file name, `command-line arguments`); nil to leave it out.
  public var inputName: String?
  /// When the report was made, already formatted; nil (the default) for a date-free, reproducible page.
  public var timestamp: String?
  /// The tool and version that made the page, e.g. `saliency 0.1.0`; nil to leave it out.
  public var generator: String?
  public var scale: Scale
  public var items: [Item]

  /// - Parameter methods: nil lists every method found in the items, in order of first appearance.
  public init(title: String, models: [ModelSummary], methods: [MethodSummary]? = nil, inputName: String? = nil,
              timestamp: String? = nil, generator: String? = nil, scale: Scale = .absolute, items: [Item]) {
    self.title = title
    self.models = models
    self.methods = methods ?? Self.methods(in: items)
    self.inputName = inputName
    self.timestamp = timestamp
    self.generator = generator
    self.scale = scale
    self.items = items
  }

  /// Every method of the items' explanations, once each, in order of first appearance.
  /// - Complexity: O(n) in the number of explanations.
  public static func methods(in items: [Item]) -> [MethodSummary] {
    var seen = Set<String>()
    var result: [MethodSummary] = []
    for item in items {
      for explanation in item.document.explanations where seen.insert(explanation.method).inserted {
        result.append(MethodSummary(method: explanation.method, sign: explanation.sign,
                                    optionsSummary: explanation.optionsSummary))
      }
    }
    return result
  }

  /// The normalisation of each method under `scale`: absolute, per text, or one constant per method (its
  /// largest finite |score| over every item) shared by the whole report.
  /// - Complexity: O(n) in the number of scores for `.report`.
  public func normalizations() -> [String: Normalization] {
    var result: [String: Normalization] = [:]
    for item in items {
      for explanation in item.document.explanations {
        switch scale {
        case .absolute:
          result[explanation.method] = .absolute
        case .text:
          result[explanation.method] = .perText
        case .report:
          let largest = Normalization.perText.constant(for: explanation.scores)
          if case .shared(let previous)? = result[explanation.method] {
            result[explanation.method] = .shared(max(previous, largest))
          } else {
            result[explanation.method] = .shared(largest)
          }
        }
      }
    }
    return result
  }
}
