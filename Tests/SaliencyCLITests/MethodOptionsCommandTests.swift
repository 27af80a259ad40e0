import Foundation
import Testing

/// `--method` and the shared method options as a user meets them: help, "applies only to" and range errors come
/// from the methods themselves.
@Suite("Method options on the command line")
struct MethodOptionsCommandTests {
  @Test("an option no chosen method reads is a usage error naming the methods that read it")
  func unreadOption() throws {
    let window = try CommandRunner.run(["explain", "--method", "grad-input", "--window", "2", "good"])
    #expect(window.status == 64)
    #expect(window.stderr.contains("--window applies only to occlusion, which --method does not include"), "\(window.stderr)")
    let seed = try CommandRunner.run(["explain", "--method", "occlusion", "--seed", "3", "good"])
    #expect(seed.status == 64)
    #expect(seed.stderr.contains("--seed applies only to smoothgrad or shapley"), "\(seed.stderr)")
    let range = try CommandRunner.run(["explain", "--method", "occlusion", "--window", "0", "good"])
    #expect(range.status == 64 && range.stderr.contains("--window 0 erases no token"), "\(range.stderr)")
  }

  @Test("help lists every method and says which methods read each option, with their defaults")
  func help() throws {
    let help = try CommandRunner.run(["explain", "--help"])
    #expect(help.status == 0)
    let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(flat.contains("embedding-norm"))
    #expect(flat.contains("occlusion, shapley: how a token is erased (default pad)"), "\(flat)")
    #expect(flat.contains("smoothgrad, shapley: noise samples or sampled permutations (default 25 for smoothgrad, 200 for shapley)"), "\(flat)")
  }

  @Test("embedding-norm runs from the command line with no options and an unsigned sign")
  func embeddingNorm() throws {
    let outcome = try CommandRunner.run(["explain", "--method", "embedding-norm", "--format", "json", "a good movie"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let explanation = try #require((document["explanations"] as? [[String: Any]])?.first)
    #expect(explanation["method"] as? String == "embedding-norm")
    #expect(explanation["sign"] as? String == "unsigned")
    #expect((explanation["options"] as? [String: Any])?.isEmpty == true)
    #expect((explanation["scores"] as? [Double])?.allSatisfy { $0 >= 0 } == true)
  }
}
