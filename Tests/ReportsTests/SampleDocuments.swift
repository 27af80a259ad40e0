@testable import Reports

/// Documents shared by the golden and unit tests. Scores are made up but shaped like real ones.
enum SampleDocuments {
  /// Tokens for `pieces` found one after another in `text`, with their Unicode-scalar offsets.
  static func tokens(of text: String, _ pieces: [String]) -> [HeatmapDocument.Token] {
    let scalars = Array(text.unicodeScalars)
    var cursor = 0
    var result: [HeatmapDocument.Token] = []
    for piece in pieces {
      let needle = Array(piece.unicodeScalars)
      var start = cursor
      while start + needle.count <= scalars.count, Array(scalars[start..<(start + needle.count)]) != needle {
        start += 1
      }
      result.append(HeatmapDocument.Token(text: piece, start: start, end: start + needle.count))
      cursor = start + needle.count
    }
    return result
  }

  /// Character-level Chinese review, two explanations, gold label known.
  static let chinese: HeatmapDocument = {
    let text = "屏幕太差了，完全不推荐。"
    let pieces = text.map(String.init)
    return TestSupport.agreeing(HeatmapDocument(
      text: text, tokens: tokens(of: text, pieces), modelName: "default-zh",
      labels: ["negative", "positive"], probabilities: [0.931, 0.069], predicted: 0, gold: "negative",
      explanations: [
        .init(method: "trajectory", sign: .classIndependent, target: "negative", optionsSummary: "normalize=false",
              scores: [0.12, 0.08, 0.21, 0.62, 0.05, -0.01, 0.02, 0.11, 0.35, -0.18, 0.04, 0.0], axiomGap: 1.2e-7,
              saturation: .init(value: 0.705, unit: "= 0.5·‖h_n‖")),
        .init(method: "occlusion", sign: .supportsTarget, target: "negative",
              optionsSummary: "erasure=pad, measure=probability",
              scores: [0.01, 0.02, 0.09, 0.41, -0.03, 0.0, -0.02, 0.05, 0.33, -0.12, 0.06, -0.01], axiomGap: nil,
              saturation: .init(value: 0.5, unit: "probability")),
      ]))
  }()

  /// Word-level English tweet, an unsigned and a signed method, wrong prediction.
  static let english: HeatmapDocument = {
    let text = "The battery life is great, but the screen is awful!"
    let pieces = ["the", "battery", "life", "is", "great", ",", "but", "the", "screen", "is", "awful", "!"]
    var found = tokens(of: text.lowercased(), pieces)
    let scalars = Array(text.unicodeScalars)
    for index in found.indices {  // keep the surface form
      if let start = found[index].start, let end = found[index].end {
        found[index].text = String(String.UnicodeScalarView(scalars[start..<end]))
      }
    }
    return TestSupport.agreeing(HeatmapDocument(
      text: text, tokens: found, modelName: "default-en",
      labels: ["negative", "positive"], probabilities: [0.38, 0.62], predicted: 1, gold: "negative",
      explanations: [
        .init(method: "gradient", sign: .unsigned, target: "positive", optionsSummary: "of=logit",
              scores: [0.02, 0.31, 0.18, 0.05, 0.93, 0.07, 0.22, 0.01, 0.27, 0.04, 0.88, 0.12], axiomGap: nil),
        .init(method: "integrated-gradients", sign: .supportsTarget, target: "positive",
              optionsSummary: "baseline=pad, steps=50, rule=gauss-legendre",
              scores: [0.0, 0.05, 0.02, 0.0, 1.31, -0.04, 0.12, 0.0, -0.09, 0.0, -1.12, 0.03], axiomGap: -3.4e-4,
              saturation: .init(value: 2, unit: "logit")),
      ]))
  }()

  /// Hostile and mixed input: escape sequences, controls, emoji, combining marks, Han next to Latin, a token
  /// longer than a line, an all-zero explanation, a score list shorter than the tokens, notes, truncation, and two
  /// tokens unknown to the model (the emoji and the long word).
  static let mixed: HeatmapDocument = {
    let text = "café 😀 好的\u{1B}[31m red\r OK 👨‍👩‍👧 supercalifragilisticexpialidocious"
    let pieces = ["café", "😀", "好", "的", "\u{1B}[31m", "red\r", "OK", "👨‍👩‍👧", "supercalifragilisticexpialidocious"]
    var marked = tokens(of: text, pieces)
    for unknown in [1, 8] { marked[unknown].unknown = true }
    return TestSupport.agreeing(HeatmapDocument(
      text: text, tokens: marked, modelName: "my\u{1B}]0;pwned\u{07}model",
      labels: ["neg\u{9B}2J", "pos"], probabilities: [0.5, 0.5], predicted: 1, gold: nil, truncated: true,
      notes: ["line one\nline two", "bidi \u{202E}txet\u{202C} trick"],
      explanations: [
        .init(method: "shapley", sign: .supportsTarget, target: "pos", optionsSummary: "erasure=pad, samples=200",
              scores: [0.4, -0.25, 0.1, 0.1, -0.9, 0.0, 0.3, 0.25, -0.25], axiomGap: 0.012,
              saturation: .init(value: 0.5, unit: "probability")),
        .init(method: "prefix-prediction", sign: .supportsTarget, target: "pos", optionsSummary: "",
              scores: Array(repeating: 0, count: 9), axiomGap: nil, saturation: .init(value: 0.5, unit: "probability")),
        .init(method: "gradient", sign: .unsigned, target: "pos", optionsSummary: "of=probability",
              scores: [0.5, 0.25, 0.125], axiomGap: nil),
      ]))
  }()
}
