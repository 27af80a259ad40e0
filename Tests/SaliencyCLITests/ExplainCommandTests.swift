import Foundation
import Testing

@Suite("saliency explain and score")
struct ExplainCommandTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("JSON follows the contract for each of the first three methods")
  func explainJSON() throws {
    let model = try TrainedSampleModel.path()
    let outcome = try CommandRunner.run(["explain", "--model", model, "--format", "json", "--method", "trajectory,grad-input,occlusion", "屏幕很好，但是电池太差了"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let object = try json(outcome.stdout)
    #expect(object["text"] as? String == "屏幕很好，但是电池太差了")
    #expect(object["truncated"] as? Bool == false)
    let tokens = try #require(object["tokens"] as? [[String: Any]])
    #expect(tokens.count == 12)
    #expect(tokens[0]["text"] as? String == "屏" && tokens[0]["start"] as? Int == 0 && tokens[0]["end"] as? Int == 1)
    let explanations = try #require(object["explanations"] as? [[String: Any]])
    #expect(explanations.map { $0["method"] as? String } == ["trajectory", "grad-input", "occlusion"])
    for explanation in explanations {
      #expect((explanation["scores"] as? [Double])?.count == 12)
      #expect(["supports-target", "class-independent", "unsigned"].contains(explanation["sign"] as? String ?? ""))
    }
    let probabilities = try #require(object["probabilities"] as? [String: Double])
    #expect(abs(probabilities.values.reduce(0, +) - 1) < 1e-5)
  }

  @Test("--input - reads one text per line and jsonl writes one object per line")
  func stdinJSONL() throws {
    let model = try TrainedSampleModel.path()
    let outcome = try CommandRunner.run(["explain", "--model", model, "--input", "-", "--format", "jsonl"],
                                        stdin: Data("很好\n太差了\n".utf8))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(try json(String(lines[1]))["text"] as? String == "太差了")
  }

  @Test("the terminal heatmap without colour prints token[+0.12] and the legend")
  func ansiNoColor() throws {
    let model = try TrainedSampleModel.path()
    let outcome = try CommandRunner.run(["explain", "--model", model, "--color", "never", "很好"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("很["))
    #expect(outcome.stdout.contains("occlusion (erasure=pad, measure=log-odds, window=1)"))
    #expect(outcome.stdout.contains("default method: occlusion in log-odds"))
    #expect(!outcome.stdout.contains("\u{1B}"))
    let chosen = try CommandRunner.run(["explain", "--model", model, "--color", "never", "--method", "occlusion", "很好"])
    #expect(chosen.status == 0, "\(chosen.stderr)")
    #expect(chosen.stdout.contains("measure=probability") && !chosen.stdout.contains("default method"))
  }

  @Test("without --method: occlusion in log-odds; an explicit --method occlusion measures probability (the contract)")
  func documentedDefault() throws {
    let model = try TrainedSampleModel.path()
    func explanation(_ arguments: [String]) throws -> [String: Any] {
      let outcome = try CommandRunner.run(["explain", "--model", model, "--format", "json"] + arguments + ["屏幕很好，但是电池太差了"])
      #expect(outcome.status == 0, "\(outcome.stderr)")
      let explanations = try #require(try json(outcome.stdout)["explanations"] as? [[String: Any]])
      #expect(explanations.count == 1)
      return explanations[0]
    }
    let byDefault = try explanation([])
    #expect(byDefault["method"] as? String == "occlusion" && byDefault["sign"] as? String == "supports-target")
    let options = try #require(byDefault["options"] as? [String: Any])
    #expect(options["erasure"] as? String == "pad" && options["measure"] as? String == "log-odds" && options["window"] as? Int == 1)
    let logOdds = try explanation(["--method", "occlusion", "--measure", "log-odds"])
    #expect(logOdds["scores"] as? [Double] == byDefault["scores"] as? [Double])
    let probability = try explanation(["--method", "occlusion"])
    #expect((probability["options"] as? [String: Any])?["measure"] as? String == "probability")
    let measured = try explanation(["--measure", "logit"])
    #expect(measured["method"] as? String == "occlusion" && (measured["options"] as? [String: Any])?["measure"] as? String == "logit")
    // For two classes, log-odds are the logit difference: a token's log-odds drop is at least its probability drop
    // times 4 (dL/dp = 1/(p(1 − p)) ≥ 4), in the same direction.
    let pairs = zip(try #require(byDefault["scores"] as? [Double]), try #require(probability["scores"] as? [Double]))
    for (inLogOdds, inProbability) in pairs where abs(inProbability) > 1e-4 {
      #expect(inLogOdds.sign == inProbability.sign && abs(inLogOdds) >= 4 * abs(inProbability) - 1e-4)
    }
  }

  @Test("a PyTorch export (tensors only) explains --token-ids")
  func pytorchExport() throws {
    let model = CommandRunner.fixtures.appendingPathComponent("pytorch-export.safetensors").path
    let outcome = try CommandRunner.run(["explain", "--model", model, "--token-ids", "5,17,42", "--format", "json", "--method", "all"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let object = try json(outcome.stdout)
    #expect(object["text"] is NSNull)
    #expect((object["tokens"] as? [[String: Any]])?.map { $0["text"] as? String } == ["#5", "#17", "#42"])
    #expect((object["model"] as? [String: Any])?["labels"] as? [String] == ["0", "1", "2"])
    let text = try CommandRunner.run(["explain", "--model", model, "hello"])
    #expect(text.status == 1)
    #expect(text.stderr.contains("--token-ids"))
  }

  @Test("score prints probabilities")
  func score() throws {
    let model = try TrainedSampleModel.path()
    let outcome = try CommandRunner.run(["score", "--model", model, "--format", "json", "很好"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let object = try json(outcome.stdout)
    #expect(object["predicted"] is String)
    #expect((object["probabilities"] as? [String: Double])?.count == 2)
  }

  @Test("a 100,000-character text is cut at 10,000 tokens by trajectory, 2,000 by the default, whole with --max-tokens")
  func longText() throws {
    let model = try TrainedSampleModel.path()
    let text = String(repeating: "很好但是太差了", count: 100_000 / 7 + 1).prefix(100_000)
    let folder = try CommandRunner.temporaryDirectory()
    let input = folder.appendingPathComponent("long.txt")
    try String(text).write(to: input, atomically: true, encoding: .utf8)
    let cut = try CommandRunner.run(["explain", "--model", model, "--input", input.path, "--format", "json",
                                     "--method", "trajectory"])
    #expect(cut.status == 0, "\(cut.stderr)")
    let object = try json(cut.stdout)
    #expect((object["tokens"] as? [Any])?.count == 10_000 && object["truncated"] as? Bool == true)
    let byDefault = try CommandRunner.run(["explain", "--model", model, "--input", input.path, "--format", "json"])
    #expect(byDefault.status == 0, "\(byDefault.stderr)")
    #expect((try json(byDefault.stdout)["tokens"] as? [Any])?.count == 2_000)
    let outcome = try CommandRunner.run(["explain", "--model", model, "--input", input.path, "--format", "json",
                                         "--method", "trajectory", "--max-tokens", "100000"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let tokens = try #require(try json(outcome.stdout)["tokens"] as? [Any])
    #expect(tokens.count == 100_000)
  }

  @Test("an only-unknown text is explained with a note")
  func onlyUnknown() throws {
    let model = try TrainedSampleModel.path()
    let outcome = try CommandRunner.run(["explain", "--model", model, "--format", "json", "ꙮꙮꙮ"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let notes = try #require(try json(outcome.stdout)["notes"] as? [String])
    #expect(notes.contains { $0.contains("unknown") })
  }

  @Test("csv writes a row per text, method and token, quoting commas and quotes; score csv a row per text")
  func csvOutput() throws {
    let model = try TrainedSampleModel.path()
    let outcome = try CommandRunner.run(["explain", "--model", model, "--format", "csv", "--method", "trajectory,occlusion", "很好,\"差\"", "好"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "text_index,token_index,token,norm,start,end,id,method,target,score")
    #expect(lines.count == 1 + 2 * 6 + 2 * 1)  // 很 好 , " 差 " and 好
    #expect(lines.contains { $0.hasPrefix("0,2,\",\",\",\",2,3,") && $0.contains(",trajectory,") })
    #expect(lines.contains { $0.hasPrefix("0,3,\"\"\"\",") })
    let score = try CommandRunner.run(["score", "--model", model, "--format", "csv", "很好", "a,b"])
    #expect(score.status == 0, "\(score.stderr)")
    let rows = score.stdout.split(separator: "\n").map(String.init)
    #expect(rows.first == "predicted,p_negative,p_positive,text")
    #expect(rows.count == 3 && rows[2].hasSuffix(",\"a,b\""))
  }
}
