import Foundation
import Testing
import LSTMCore
import Saliency

/// The PyTorch/Captum float64 reference (Tests/Fixtures/pytorch-reference/ORIGIN.md): the model and, per sequence,
/// the fields of `attributions.json` merged with those of `extra_attributions.json`.
struct ReferenceFixture {
  /// The folder, shared with LSTMCoreTests (one copy of the files).
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/pytorch-reference", isDirectory: true)

  let model: Classifier
  let sequences: [Sequence]

  struct Sequence {
    let tokens: [Int]
    let predictedClass: Int
    let fields: [String: Any]
    let attributions: [String: Any]

    func numbers(_ key: String) -> [Double] {
      if let direct = (attributions[key] ?? fields[key]) as? [Double] { return direct }
      return ((fields[key] as? [[Double]]) ?? []).flatMap { $0 }
    }
  }

  static func load() throws -> ReferenceFixture {
    let model = try Classifier(archive: SafetensorsArchive(contentsOf: Self.folder.appendingPathComponent("model.safetensors")))
    func root(_ name: String) throws -> [[String: Any]] {
      let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
      let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      return try #require(object["sequences"] as? [[String: Any]])
    }
    let main = try root("attributions.json"), extra = try root("extra_attributions.json")
    let sequences = try zip(main, extra).map { first, second in
      Sequence(tokens: try #require(first["token_ids"] as? [Int]), predictedClass: try #require(first["predicted_class"] as? Int),
               fields: first.merging(second) { a, _ in a }, attributions: try #require(first["attributions"] as? [String: Any]))
    }
    return ReferenceFixture(model: model, sequences: sequences)
  }

  /// Expects `method`'s scores of all the fixture's sequences in one batch to equal its scores of each alone, within
  /// |a − b| ≤ absolute + relative·|b|: batching pads and regroups the texts and must not change a score.
  func expectBatchedMatchesOneByOne(_ method: some SaliencyMethod, absolute: Double = 1e-7, relative: Double = 1e-5,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    let tokens = sequences.map(\.tokens), targets = sequences.map(\.predictedClass)
    let batched = try method.saliency(of: tokens, targets: targets, in: model)
    try #require(batched.count == tokens.count, "\(batched.count) maps for \(tokens.count) texts", sourceLocation: sourceLocation)
    for (index, text) in tokens.enumerated() {
      let single = try method.saliency(of: text, target: targets[index], in: model)
      #expect(batched[index].scores.count == text.count && single.scores.count == text.count,
              "text \(index): \(batched[index].scores.count) batched and \(single.scores.count) alone for \(text.count) tokens",
              sourceLocation: sourceLocation)
      for (a, b) in zip(batched[index].scores, single.scores) {
        #expect(abs(a - b) <= absolute + relative * abs(b), "text \(index): \(a) batched, \(b) alone",
                sourceLocation: sourceLocation)
      }
    }
  }

  /// |a − r| ≤ 1e-5 + 1e-3·|r| for every entry (the parity tolerance).
  static func expectClose(_ actual: [Double], _ reference: [Double], _ what: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == reference.count, "\(what): \(actual.count) values vs \(reference.count)", sourceLocation: sourceLocation)
    for (index, (a, r)) in zip(actual, reference).enumerated() {
      #expect(abs(a - r) <= 1e-5 + 1e-3 * abs(r), "\(what)[\(index)]: \(a) vs reference \(r)", sourceLocation: sourceLocation)
    }
  }
}
