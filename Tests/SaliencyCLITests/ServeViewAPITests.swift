import Foundation
@testable import SaliencyServer
import Testing

/// The explain page's own endpoints: `POST /api/view` (the contract JSON plus the colour scales, the prefix
/// curve and the mask ids) and `POST /api/report` (the HTML page `explain --format html` writes).
@Suite("saliency serve: the view and report endpoints")
struct ServeViewAPITests {
  private let text = "The food was cold but the staff were lovely."

  @Test("POST /api/view holds exactly the /api/explain answer, one scale per row, and the prefix curve ending at the prediction")
  func view() async throws {
    try await ServeTestServer.with { _, port in
      for body: [String: Any] in [["text": text], ["text": text, "method": "occlusion,gradient,prefix-prediction", "target": "positive"]] {
        let explained = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: body)
        let viewed = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/view", json: body)
        #expect(viewed.status == 200, "\(viewed.text)")
        let view = try #require(viewed.json as? [String: Any])
        let explanation = try #require(view["explanation"] as? NSDictionary)
        #expect(explanation == explained.json as? NSDictionary)
        let tokens = try #require(explanation["tokens"] as? [Any])
        let maps = try #require(explanation["explanations"] as? [[String: Any]])
        let rows = try #require(view["rows"] as? [[String: Any]])
        #expect(rows.count == maps.count)
        for (row, map) in zip(rows, maps) {
          let saturation = row["saturation"] as? [String: Any]
          switch map["method"] as? String {
          case "occlusion":
            // ColorSaturation: ±0.5 for a probability measure, ±2 for log-odds.
            let measure = try #require((map["options"] as? [String: Any])?["measure"] as? String)
            #expect(saturation?["unit"] as? String == measure)
            #expect((saturation?["value"] as? NSNumber)?.doubleValue == (measure == "probability" ? 0.5 : 2))
          case "gradient": #expect(row["saturation"] is NSNull)
          case "prefix-prediction": #expect(saturation?["unit"] as? String == "probability")
          default: #expect(saturation != nil)
          }
          #expect(row["about"] is String || row["about"] is NSNull)
        }
        let curve = try #require(view["prefix_probabilities"] as? [[Double]])
        #expect(curve.count == tokens.count)
        let labels = try #require((explanation["model"] as? [String: Any])?["labels"] as? [String])
        let probabilities = try #require(explanation["probabilities"] as? [String: Double])
        for (index, label) in labels.enumerated() {
          #expect(abs(curve[curve.count - 1][index] - (probabilities[label] ?? .nan)) < 1e-5)
        }
        if let prefix = maps.first(where: { $0["method"] as? String == "prefix-prediction" }),
           let scores = prefix["scores"] as? [Double], let k = labels.firstIndex(of: "positive") {
          // score_t = p(t) − p(t − 1): the curve's differences are the method's scores.
          for t in 1..<curve.count { #expect(abs((curve[t][k] - curve[t - 1][k]) - scores[t]) < 1e-5) }
        }
        let mask = try #require(view["mask"] as? [String: Any])
        #expect(mask["unk"] as? Int != nil && mask["pad"] as? Int != nil)
      }
    }
  }

  @Test("POST /api/view refuses what /api/explain refuses, with the same status and message")
  func viewErrors() async throws {
    try await ServeTestServer.with { _, port in
      for body: [String: Any] in [["text": text, "method": "bogus"], ["text": "  "], ["token_ids": [1, 2]], ["text": text, "colour": 1]] {
        let explained = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/explain", json: body)
        let viewed = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/view", json: body)
        #expect(viewed.status == 400 && explained.status == 400)
        #expect(viewed.error == explained.error)
      }
    }
  }

  @Test("POST /api/report answers the page explain --format html writes for the same request")
  func report() async throws {
    let cli = try CommandRunner.run(["explain", "--format", "html", "--method", "occlusion,grad-input", "--scale", "text", text])
    #expect(cli.status == 0, "\(cli.stderr)")
    try await ServeTestServer.with { _, port in
      let reply = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/report?scale=text",
                                                json: ["text": text, "method": "occlusion,grad-input"])
      #expect(reply.status == 200, "\(reply.text)")
      #expect(reply.headers["content-type"]?.hasPrefix("text/html") == true)
      #expect(reply.headers["content-disposition"] == "attachment; filename=\"explanation.html\"")
      #expect(reply.text == cli.stdout.replacingOccurrences(of: "command-line arguments", with: "saliency serve"))
      let bad = try await HTTPTestClient.send(port: port, method: "POST", path: "/api/report?scale=huge", json: ["text": text])
      #expect(bad.status == 400)
      #expect(bad.error?.contains("scale must be one of absolute, text, report") == true)
    }
  }
}
