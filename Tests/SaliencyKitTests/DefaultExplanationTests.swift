import Testing
import Saliency
@testable import SaliencyKit

@Suite("The documented default method")
struct DefaultExplanationTests {
  @Test("occlusion in log-odds; only maps made with exactly its settings get the legend line")
  func legendOnlyForTheDefault() throws {
    #expect(DefaultExplanation.settings.methods == [Occlusion.id] && DefaultExplanation.settings.parameters.measure == .logOdds)
    #expect(Occlusion.defaultOptions.measure == .probability)  // an explicit --method occlusion keeps the contract's measure
    let model = try TextModelTests.model()
    let text = try model.encode(text: "好 great 差 !", maxTokens: nil)
    func document(_ settings: MethodSettings) throws -> HeatmapDocumentExplanations {
      let explainer = Explainer(model: model, methods: try settings.makeMethods())
      return try explainer.explain([text])[0].heatmapDocument(model: model).explanations.map { ($0.method, $0.about) }
    }
    let byDefault = try document(DefaultExplanation.settings)
    #expect(byDefault.count == 1)
    let about = try #require(byDefault[0].about)
    #expect(about.hasPrefix("default method: occlusion in log-odds, how far the log-odds of "))
    var probability = DefaultExplanation.settings
    probability.parameters.measure = .probability
    var windowed = DefaultExplanation.settings
    windowed.parameters.window = 2
    var others = DefaultExplanation.settings
    others.methods = [Trajectory.id, GradientTimesInput.id]
    for settings in [probability, windowed, others] {
      #expect(try document(settings).allSatisfy { $0.about == nil }, "\(settings.methods) \(settings.parameters)")
    }
  }
}

typealias HeatmapDocumentExplanations = [(method: String, about: String?)]
