import Foundation
import Reports
import Testing
@testable import SaliencyKit

@Suite("saliency.training_data on the model card")
struct TrainingDataCardTests {
  static let json = """
    {"mixture":"en","train_rows":140970,"dev_rows":5943,"documentation":"docs/data.md","future_key":[1,2],
     "domains":[{"name":"imdb","source":"IMDb movie reviews","train_rows":40000,"test_rows":396,
                 "test":{"accuracy":0.8889,"macro_f1":0.888,"balanced_accuracy":0.8877},
                 "naive_bayes_test":{"accuracy":0.8788,"macro_f1":0.878,"balanced_accuracy":0.8771},
                 "leave_one_out_test":{"accuracy":0.81,"macro_f1":0.8,"balanced_accuracy":0.8}},
                {"name":"tweets","source":"CrowdFlower tweets","train_rows":17401,"test_rows":2221,
                 "test":{"accuracy":0.865,"macro_f1":0.833,"balanced_accuracy":0.82}},
                {"name":"critics","source":"Film critics","train_rows":26582,"test_rows":0}]}
    """

  @Test("decodes, ignoring keys it does not know, and renders one line per domain")
  func decodesAndRenders() throws {
    let card = try #require(TrainingDataCard(json: Self.json))
    #expect(card.trainRows == 140_970)
    #expect(card.domains.map(\.name) == ["imdb", "tweets", "critics"])
    #expect(card.domains[1].naiveBayesTest == nil)
    #expect(card.domains[2].test == nil)
    let lines = card.lines()
    #expect(lines.count == 5)
    #expect(lines[0] == "training data: 140,970 rows (dev 5,943) from 3 domains; sources, licences and cleaning in docs/data.md")
    #expect(lines[2].hasPrefix("  imdb      40,000      396     0.889     0.888        0.879     0.810  IMDb movie reviews"))
    #expect(lines[3].contains("        n/a       n/a  CrowdFlower tweets"))
    #expect(lines[4].hasPrefix("  critics   26,582        0       n/a       n/a          n/a       n/a  Film critics"))
  }

  @Test("a value that is not such an object is nil")
  func rejectsOtherJSON() {
    #expect(TrainingDataCard(json: "[1,2]") == nil)
    #expect(TrainingDataCard(json: "{\"domains\": []}") == nil)
    #expect(TrainingDataCard(json: "not json") == nil)
  }

  @Test("thousands are grouped without a locale")
  func grouping() {
    #expect(TrainingDataCard.grouped(0) == "0")
    #expect(TrainingDataCard.grouped(999) == "999")
    #expect(TrainingDataCard.grouped(1000) == "1,000")
    #expect(TrainingDataCard.grouped(1_234_567) == "1,234,567")
    #expect(TrainingDataCard.grouped(-12_345) == "-12,345")
  }

  @Test("the card's JSON and text show the metadata of a model that has it, and null without")
  func modelCard() throws {
    var model = try TextModelTests.model()
    model.metadata = [:]
    let without = model.cardJSON().serialized()
    #expect(without.contains("\"training_data\":null"))
    model.metadata[TextModel.MetadataKey.trainingData] = Self.json
    #expect(model.cardJSON().serialized().contains("\"training_data\":{\"dev_rows\":5943"))
    #expect(model.cardText().contains("  training data: 140,970 rows"))
    model.metadata[TextModel.MetadataKey.trainingData] = "{oops"
    #expect(model.cardText().contains("unreadable saliency.training_data"))
  }
}
