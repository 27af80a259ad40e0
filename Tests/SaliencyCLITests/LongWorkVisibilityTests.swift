import Foundation
import Testing

/// Long work is visible before it starts (before: `evaluate --limit 50` ran 17 minutes and printed nothing until
/// the end when not on a terminal).
@Suite("Long work says what it will cost")
struct LongWorkVisibilityTests {
  @Test("evaluate states the texts, tokens and which methods dominate the work before it starts")
  func evaluateEstimate() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let corpus = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews/test.tsv").path
    let outcome = try CommandRunner.run(["evaluate", corpus, "--model", try TrainedSampleModel.path(), "--limit", "12",
                                         "--method", "grad-input,shapley", "--samples", "2", "--random-seeds", "1",
                                         "--bootstrap", "10", "--out", folder.appendingPathComponent("e").path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let first = outcome.stderr.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.hasPrefix("saliency: evaluating 12 texts ("), "\(first)")
    #expect(first.contains("estimated share of the explaining work: shapley "), "\(first)")
    #expect(first.contains("--no-sanity skips it"))
    #expect(outcome.stderr.contains("saliency: evaluate: explaining "), "progress lines appear when stderr is not a terminal")
  }
}
