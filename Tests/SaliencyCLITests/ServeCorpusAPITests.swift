import Foundation
@testable import SaliencyServer
import Testing

/// The corpus endpoints of `saliency serve --analysis DIR`, on an analysis that the `saliency` executable writes
/// from samples/everyday/en.tsv: every answer is checked against the analysis's own files, read independently.
@Suite("saliency serve: the corpus endpoints")
struct ServeCorpusAPITests {
  /// An analysis directory written once for the suite, and its examples as `examples.jsonl` holds them.
  struct Fixture: Sendable {
    let directory: URL
    /// The lines of `examples.jsonl`.
    let lines: [String]

    var examples: [[String: Any]] {
      lines.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
    }

    static let shared: Result<Fixture, any Error> = Result {
      let directory = try CommandRunner.temporaryDirectory().appendingPathComponent("everyday-en")
      let corpus = CommandRunner.repositoryRoot.appendingPathComponent("samples/everyday/en.tsv").path
      let outcome = try CommandRunner.run(["analyze", corpus, "--out", directory.path, "--method", "occlusion,grad-input",
                                           "--min-count", "2", "--threads", "1"])
      guard outcome.status == 0 else { throw HTTPTestError(description: "analyze failed: \(outcome.stderr)") }
      let text = try String(contentsOf: directory.appendingPathComponent("examples.jsonl"), encoding: .utf8)
      return Fixture(directory: directory, lines: text.split(separator: "\n").map(String.init))
    }

    func catalog() throws -> AnalysisCatalog { try AnalysisCatalog(directories: [directory.path]) }
  }

  private func fixture() throws -> Fixture { try Fixture.shared.get() }

  private func page(_ port: Int, _ query: String) async throws -> (total: Int, examples: [[String: Any]]) {
    let reply = try await HTTPTestClient.send(port: port, path: "/api/analyses/0/examples?" + query)
    #expect(reply.status == 200, "\(query): \(reply.text)")
    let answer = try #require(reply.json as? [String: Any])
    return (try #require(answer["total"] as? Int), try #require(answer["examples"] as? [[String: Any]]))
  }

  private func confidence(_ example: [String: Any]) -> Double {
    let probabilities = example["probabilities"] as? [String: Double] ?? [:]
    return probabilities[example["predicted"] as? String ?? ""] ?? .nan
  }

  @Test("GET /api/analyses lists the analysis with its summary: metrics and the confusion matrix of summary.json")
  func list() async throws {
    let fixture = try fixture()
    let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.directory.appendingPathComponent("summary.json"))) as? NSDictionary)
    try await ServeTestServer.with(analyses: try fixture.catalog()) { _, port in
      let reply = try await HTTPTestClient.send(port: port, path: "/api/analyses")
      #expect(reply.status == 200)
      let list = try #require(reply.json as? [[String: Any]])
      #expect(list.count == 1)
      #expect(list[0]["id"] as? Int == 0)
      #expect(list[0]["name"] as? String == "everyday-en")
      #expect(list[0]["examples"] as? Int == fixture.examples.count)
      #expect(list[0]["labels"] as? [String] == ["negative", "positive"])
      #expect(list[0]["methods"] as? [String] == ["occlusion", "grad-input"])
      #expect(list[0]["summary"] as? NSDictionary == summary)
    }
  }

  @Test("Examples page from the server in corpus order; pages tile the corpus; an example reads back as its line")
  func paging() async throws {
    let fixture = try fixture()
    try await ServeTestServer.with(analyses: try fixture.catalog()) { _, port in
      var seen: [[String: Any]] = []
      var offset = 0
      while true {
        let result = try await page(port, "limit=7&offset=\(offset)")
        #expect(result.total == fixture.examples.count)
        seen += result.examples
        offset += 7
        if offset >= result.total { break }
        #expect(result.examples.count == 7)
      }
      #expect(seen.map { $0["index"] as? Int } == fixture.examples.indices.map { $0 })
      for (row, example) in zip(seen, fixture.examples) {
        #expect(row["text"] as? String == example["text"] as? String)
        #expect(row["gold"] as? String == example["gold"] as? String)
        #expect(row["predicted"] as? String == example["predicted"] as? String)
        #expect(row["line"] as? Int == example["line"] as? Int)
        #expect(row["tokens"] as? Int == (example["tokens"] as? [Any])?.count)
        #expect(abs((row["confidence"] as? Double ?? .nan) - confidence(example)) < 1e-6)
      }
      let beyond = try await page(port, "offset=\(fixture.examples.count + 5)")
      #expect(beyond.examples.isEmpty && beyond.total == fixture.examples.count)
      let single = try await HTTPTestClient.send(port: port, path: "/api/analyses/0/examples/3")
      let answer = try #require(single.json as? [String: Any])
      #expect(answer["index"] as? Int == 3)
      #expect((answer["example"] as? NSDictionary) == (fixture.examples[3] as NSDictionary))
    }
  }

  @Test("Filters and sorts select what the examples' own fields say")
  func filters() async throws {
    let fixture = try fixture()
    let examples = fixture.examples
    try await ServeTestServer.with(analyses: try fixture.catalog()) { _, port in
      for gold in ["negative", "positive"] {
        for predicted in ["negative", "positive"] {
          let cell = try await page(port, "gold=\(gold)&predicted=\(predicted)&limit=500")
          let expected = examples.indices.filter { examples[$0]["gold"] as? String == gold && examples[$0]["predicted"] as? String == predicted }
          #expect(cell.examples.map { $0["index"] as? Int } == expected)
          #expect(cell.total == expected.count)
        }
      }
      let byConfidence = try await page(port, "sort=confidence&order=desc&limit=500")
      let values = byConfidence.examples.compactMap { $0["confidence"] as? Double }
      #expect(values.count == examples.count && zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
      let byLength = try await page(port, "sort=length&limit=500")
      let lengths = byLength.examples.compactMap { $0["tokens"] as? Int }
      #expect(zip(lengths, lengths.dropFirst()).allSatisfy { $0 <= $1 })
      let band = try await page(port, "min_confidence=0.6&max_confidence=0.9&limit=500")
      #expect(band.examples.map { $0["index"] as? Int } == examples.indices.filter { (0.6...0.9).contains(Float(confidence(examples[$0]))) })
      let text = try await page(port, "text=THE%20FOOD&limit=500")
      let withText = examples.indices.filter { (examples[$0]["text"] as? String)?.lowercased().contains("the food") == true }
      #expect(!withText.isEmpty)
      #expect(text.examples.map { $0["index"] as? Int } == withText)
      let word = try await page(port, "word=lovely&limit=500")
      let withWord = examples.indices.filter { index in
        (examples[index]["tokens"] as? [[String: Any]])?.contains { $0["norm"] as? String == "lovely" } == true
      }
      #expect(!withWord.isEmpty)
      #expect(word.examples.map { $0["index"] as? Int } == withWord)
      let again = try await page(port, "word=lovely&gold=positive&limit=500")
      #expect(again.examples.map { $0["index"] as? Int } == withWord.filter { examples[$0]["gold"] as? String == "positive" })
    }
  }

  @Test("Word tables answer the rows of words.csv, by class and method, sortable")
  func words() async throws {
    let fixture = try fixture()
    let csv = try String(contentsOf: fixture.directory.appendingPathComponent("words.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    try await ServeTestServer.with(analyses: try fixture.catalog()) { _, port in
      let reply = try await HTTPTestClient.send(port: port, path: "/api/analyses/0/words?class=positive&method=grad-input&limit=500")
      #expect(reply.status == 200, "\(reply.text)")
      let answer = try #require(reply.json as? [String: Any])
      let expected = rows.filter { $0.first == "positive" && $0[6] == "grad-input" }
      #expect(!expected.isEmpty)
      #expect(answer["total"] as? Int == expected.count)
      let got = try #require(answer["rows"] as? [[String: Any]])
      #expect(got.map { $0["token"] as? String } == expected.map { String($0[1]) })
      let byCount = try await HTTPTestClient.send(port: port, path: "/api/analyses/0/words?sort=count&limit=500")
      let counts = ((byCount.json as? [String: Any])?["rows"] as? [[String: Any]] ?? []).compactMap { $0["count"] as? Int }
      #expect(counts.count == rows.count && zip(counts, counts.dropFirst()).allSatisfy { $0 >= $1 })
    }
  }

  @Test("Bad corpus queries are 400 (or 404 for what does not exist) with a message naming the parameter",
        arguments: [
          ("/api/analyses/0/examples?limit=0", 400, "limit must be an integer from 1 to 500"),
          ("/api/analyses/0/examples?limit=501", 400, "limit must be an integer from 1 to 500"),
          ("/api/analyses/0/examples?offset=-1", 400, "offset must be an integer from 0"),
          ("/api/analyses/0/examples?sort=bogus", 400, "sort must be one of index, confidence, length"),
          ("/api/analyses/0/examples?order=up", 400, "order must be asc or desc"),
          ("/api/analyses/0/examples?gold=neutral", 400, "gold 'neutral' is not one of this analysis's labels"),
          ("/api/analyses/0/examples?min_confidence=2", 400, "min_confidence must be a probability"),
          ("/api/analyses/0/examples?min_confidence=0.9&max_confidence=0.1", 400, "swap them"),
          ("/api/analyses/0/examples?path=/etc/passwd", 400, "unknown parameter 'path'"),
          ("/api/analyses/0/examples?word=" + String(repeating: "a", count: 101), 400, "give at most 100"),
          ("/api/analyses/0/words?class=neutral", 400, "class 'neutral' is not one of"),
          ("/api/analyses/0/words?limit=9999", 400, "limit must be an integer from 1 to 500"),
          ("/api/analyses/1/examples", 404, "no analysis '1'"),
          ("/api/analyses/x/words", 404, "no analysis 'x'"),
          ("/api/analyses/0/examples/99999", 404, "no example '99999'"),
        ])
  func badQueries(_ path: String, _ status: Int, _ message: String) async throws {
    let fixture = try fixture()
    try await ServeTestServer.with(analyses: try fixture.catalog()) { _, port in
      let reply = try await HTTPTestClient.send(port: port, path: path)
      #expect(reply.status == status, "\(path): \(reply.text)")
      #expect(reply.error?.contains(message) == true, "\(path): \(reply.text)")
    }
  }

  @Test("A server without --analysis lists none and says how to add one")
  func none() async throws {
    try await ServeTestServer.with { _, port in
      let list = try await HTTPTestClient.send(port: port, path: "/api/analyses")
      #expect(list.json as? [Any] != nil && (list.json as? [Any])?.isEmpty == true)
      let reply = try await HTTPTestClient.send(port: port, path: "/api/analyses/0/examples")
      #expect(reply.status == 404)
      #expect(reply.error?.contains("saliency serve --analysis DIR") == true)
    }
  }

  @Test("A directory that is not an analysis is refused at start, naming the file and what to do")
  func notAnAnalysis() throws {
    let fixture = try fixture()
    let missing = try CommandRunner.temporaryDirectory()
    #expect(throws: AnalysisDirectoryError.self) { try AnalysisCatalog(directories: [missing.appendingPathComponent("nope").path]) }
    do {
      _ = try AnalysisCatalog(directories: [missing.path])
      Issue.record("an empty directory was accepted")
    } catch let error as AnalysisDirectoryError {
      #expect(error.description.contains("summary.json is missing or unreadable"))
      #expect(error.description.contains("saliency analyze"))
    }
    let broken = try CommandRunner.temporaryDirectory()
    for file in ["summary.json", "words.csv", "examples.jsonl"] {
      try FileManager.default.copyItem(at: fixture.directory.appendingPathComponent(file), to: broken.appendingPathComponent(file))
    }
    let examples = broken.appendingPathComponent("examples.jsonl")
    var lines = try String(contentsOf: examples, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[2] = String(lines[2].prefix(40))
    try (lines.joined(separator: "\n") + "\n").write(to: examples, atomically: true, encoding: .utf8)
    do {
      _ = try AnalysisCatalog(directories: [broken.path])
      Issue.record("a cut examples.jsonl was accepted")
    } catch let error as AnalysisDirectoryError {
      #expect(error.description.contains("examples.jsonl, line 3: not an example written by saliency analyze"))
    }
    let outcome = try CommandRunner.run(["serve", "--analysis", missing.path, "--port", "0"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("summary.json is missing or unreadable"))
  }

  @Test("100,000 examples are indexed, not held: a page from the end and a word filter read only the file")
  func large() async throws {
    let fixture = try fixture()
    let directory = try CommandRunner.temporaryDirectory()
    for file in ["summary.json", "words.csv"] {
      try FileManager.default.copyItem(at: fixture.directory.appendingPathComponent(file), to: directory.appendingPathComponent(file))
    }
    var text = ""
    for index in 0..<100_000 {
      let word = index % 1000 == 0 ? "rare" : "common"
      let gold = index % 3 == 0 ? "positive" : "negative"
      text += #"{"text":"a \#(word) \#(index)","model":{"name":"default-en"},"predicted":"negative","probabilities":{"negative":\#(0.5 + Double(index % 500) / 1000),"positive":\#(0.5 - Double(index % 500) / 1000)},"tokens":[{"norm":"a"},{"norm":"\#(word)"},{"norm":"\#(index)"}],"explanations":[],"line":\#(index + 2),"gold":"\#(gold)"}"# + "\n"
    }
    try text.write(to: directory.appendingPathComponent("examples.jsonl"), atomically: true, encoding: .utf8)
    let catalog = try AnalysisCatalog(directories: [directory.path])
    #expect(catalog.entries[0].examples.records.count == 100_000)
    #expect(MemoryLayout<ExampleIndex.Record>.stride <= 32)
    try await ServeTestServer.with(analyses: catalog) { _, port in
      let last = try await page(port, "offset=99990&limit=20")
      #expect(last.total == 100_000)
      #expect(last.examples.map { $0["text"] as? String } == (99_990..<100_000).map { "a common \($0)" })
      let rare = try await page(port, "word=rare&gold=positive&limit=500")
      #expect(rare.examples.map { $0["index"] as? Int } == stride(from: 0, to: 100_000, by: 3000).map { $0 })
    }
  }
}

/// The scan that reads a few members of an `examples.jsonl` line without parsing the rest.
@Suite("saliency serve: JSON spans")
struct JSONSpansTests {
  @Test("Members are found by structure, not by text: keys inside strings, escapes and nesting do not confuse it")
  func tricky() throws {
    let line = #"{"text":"say \"predicted\":\"positive\", {[ ]} \\ \u00e9","model":{"name":"m\"x","labels":["a","b"]},"#
      + #""predicted":"b","probabilities":{"a":0.25,"predicted":1e-3,"b":0.75},"tokens":[{"text":"]"},{"text":"}"},[1,[2]]],"#
      + #""explanations":[],"line":7,"gold":"a"}"#
    let bytes = Array(line.utf8)
    try bytes.withUnsafeBufferPointer { buffer in
      let spans = JSONSpans(bytes: buffer)
      let members = try spans.members(ofObjectAt: 0)
      let keys = members.map { String(decoding: buffer[$0.key], as: UTF8.self) }
      #expect(keys == ["text", "model", "predicted", "probabilities", "tokens", "explanations", "line", "gold"])
      #expect(spans.string(members[0].value) == #"say "predicted":"positive", {[ ]} \ é"#)
      let model = try spans.members(ofObjectAt: members[1].value.lowerBound)
      #expect(spans.string(model[0].value) == #"m"x"#)
      #expect(spans.string(members[2].value) == "b")
      let probabilities = try spans.members(ofObjectAt: members[3].value.lowerBound)
      #expect(probabilities.map { spans.double($0.value) } == [0.25, 0.001, 0.75])
      #expect(try spans.elementCount(ofArrayAt: members[4].value.lowerBound) == 3)
      #expect(try spans.elementCount(ofArrayAt: members[5].value.lowerBound) == 0)
      #expect(spans.integer(members[6].value) == 7)
    }
    for broken in [#"{"text":"unterminated}"#, #"{"a" 1}"#, #"["not an object"]"#, #"{"a":[1,2}"#] {
      _ = Array(broken.utf8).withUnsafeBufferPointer { buffer in
        #expect(throws: JSONSpans.Malformed.self, "\(broken)") { try JSONSpans(bytes: buffer).members(ofObjectAt: 0) }
      }
    }
  }
}
