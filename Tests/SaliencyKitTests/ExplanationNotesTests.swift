import Saliency
import Testing
@testable import SaliencyKit

/// A method's own note reaches the explanation's notes, which every output shows (before: integrated gradients'
/// "tolerance not met" note was built and shown nowhere).
@Suite("Method notes reach the explanation")
struct ExplanationNotesTests {
  @Test("an unmet integrated-gradients tolerance is a note of the text, naming the method")
  func unmetTolerance() throws {
    let model = try TextModelTests.model()
    let method = try IntegratedGradients(.with { $0.steps = 2; $0.rule = .riemannLeft; $0.tolerance = 1e-300 })
    let explanation = try Explainer(model: model, methods: [method]).explain([model.encode(text: "好 great bad", maxTokens: nil)])[0]
    #expect(explanation.notes.contains { $0.hasPrefix("integrated-gradients: the completeness gap") }, "\(explanation.notes)")
    let json = explanation.jsonValue(model: model).serialized()
    #expect(json.contains("\"notes\":[\"integrated-gradients: the completeness gap"))
  }
}
