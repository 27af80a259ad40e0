import Foundation

/// The `saliency.training_data` metadata of a model: which domains it was trained on, how many rows each gave,
/// and its test figures per domain beside a naive Bayes baseline (and, where measured, beside a model trained
/// without that domain). `saliency info` shows it as a table.
///
/// The JSON object (written by `scripts/model_card.py`):
/// `{"mixture", "train_rows", "dev_rows", "documentation", "domains": [{"name", "source", "train_rows",
/// "test_rows", "test": {"accuracy", "macro_f1", "balanced_accuracy"}?, "naive_bayes_test": {…}?,
/// "leave_one_out_test": {…}?, "leave_one_out_naive_bayes_test": {…}?}]}` (a training-only domain has
/// `test_rows` 0 and no figures). Unknown keys are ignored, so the object can grow.
public struct TrainingDataCard: Sendable, Equatable, Decodable {
  public struct Figures: Sendable, Equatable, Decodable {
    public var accuracy: Double
    public var macroF1: Double

    enum CodingKeys: String, CodingKey {
      case accuracy
      case macroF1 = "macro_f1"
    }
  }

  public struct Domain: Sendable, Equatable, Decodable {
    public var name: String
    public var source: String
    public var trainRows: Int
    public var testRows: Int
    /// nil for a domain that only gave training rows (no test split).
    public var test: Figures?
    public var naiveBayesTest: Figures?
    public var leaveOneOutTest: Figures?

    enum CodingKeys: String, CodingKey {
      case name, source, test
      case trainRows = "train_rows"
      case testRows = "test_rows"
      case naiveBayesTest = "naive_bayes_test"
      case leaveOneOutTest = "leave_one_out_test"
    }
  }

  public var trainRows: Int
  public var devRows: Int
  public var documentation: String?
  public var domains: [Domain]

  enum CodingKeys: String, CodingKey {
    case domains, documentation
    case trainRows = "train_rows"
    case devRows = "dev_rows"
  }

  /// Decodes the metadata string; nil when it is not such an object.
  public init?(json: String) {
    guard let card = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
    self = card
  }

  /// The card as text lines: a summary line, then one line per domain with its source.
  ///
  /// Accuracy columns: the model on the domain's test split; naive Bayes (unigrams + bigrams) trained on the
  /// same mixture; and the same LSTM recipe trained on every domain but this one (leave-one-domain-out).
  public func lines() -> [String] {
    let docs = documentation.map { "; sources, licences and cleaning in \($0)" } ?? ""
    var out = ["training data: \(Self.grouped(trainRows)) rows (dev \(Self.grouped(devRows))) from \(domains.count) domains\(docs)"]
    let width = max(6, domains.map(\.name.count).max() ?? 0)
    let header = "domain".padding(toLength: width, withPad: " ", startingAt: 0)
    out.append("  \(header)    train     test  accuracy  macro-F1  naive Bayes  left out  source")
    for d in domains {
      let name = d.name.padding(toLength: width, withPad: " ", startingAt: 0)
      let train = Self.grouped(d.trainRows).leftPadded(to: 8), test = Self.grouped(d.testRows).leftPadded(to: 8)
      let bayes = (d.naiveBayesTest.map { Self.fixed($0.accuracy) } ?? "n/a").leftPadded(to: 11)
      let loo = (d.leaveOneOutTest.map { Self.fixed($0.accuracy) } ?? "n/a").leftPadded(to: 8)
      let accuracy = (d.test.map { Self.fixed($0.accuracy) } ?? "n/a").leftPadded(to: 9)
      let macroF1 = (d.test.map { Self.fixed($0.macroF1) } ?? "n/a").leftPadded(to: 9)
      out.append("  \(name) \(train) \(test) \(accuracy) \(macroF1)  \(bayes)  \(loo)  \(d.source)")
    }
    return out
  }

  static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }

  /// 140970 -> "140,970" (locale-independent).
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
