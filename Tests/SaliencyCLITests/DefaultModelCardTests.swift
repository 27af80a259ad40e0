import Foundation
import Testing

@Suite("info shows what the embedded defaults were trained on")
struct DefaultModelCardTests {
  @Test("both defaults carry saliency.training_data: domains, row counts and per-domain test figures")
  func trainingDataOnTheCards() throws {
    let json = try CommandRunner.run(["info", "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let cards = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    for card in cards {
      let name = card["name"] as? String ?? "?"
      let data = try #require(card["training_data"] as? [String: Any], "\(name) has no training_data")
      let domains = try #require(data["domains"] as? [[String: Any]], "\(name): no domains")
      #expect((data["train_rows"] as? Int ?? 0) > 40_000, "\(name)")
      #expect(domains.filter { ($0["test_rows"] as? Int ?? 0) > 0 }.count >= 4, "\(name)")
      for domain in domains where (domain["test_rows"] as? Int ?? 0) > 0 {
        let test = try #require(domain["test"] as? [String: Any])
        #expect((test["accuracy"] as? Double).map { (0.5...1).contains($0) } == true, "\(name): \(domain)")
      }
    }
    let text = try CommandRunner.run(["info"])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.components(separatedBy: "training data: ").count == 3, "\(text.stdout)")
    #expect(text.stdout.contains("naive Bayes"))
  }
}
