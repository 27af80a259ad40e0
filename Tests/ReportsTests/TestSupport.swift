@testable import Reports
import SaliencyKit

enum TestSupport {
  /// `document` with the methods' rank agreement, as SaliencyKit builds it for the renderers.
  static func agreeing(_ document: HeatmapDocument) -> HeatmapDocument {
    var document = document
    document.agreement = MethodAgreement(methods: document.explanations.map(\.method),
                                         scores: document.explanations.map(\.scores))
    return document
  }

  /// The text with every SGR sequence (`ESC [ digits/semicolons m`) removed, as a terminal would show it.
  /// An ESC that does not start such a sequence is kept, so tests can detect it.
  static func stripSGR(_ text: String) -> String {
    var output = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      if scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" {
        var end = index + 2
        while end < scalars.count, scalars[end] == ";" || ("0"..."9").contains(scalars[end]) { end += 1 }
        if end < scalars.count, scalars[end] == "m" {
          index = end + 1
          continue
        }
      }
      output.append(scalars[index])
      index += 1
    }
    return String(output)
  }

  /// Every SGR parameter list the output contains, e.g. `48;2;1;2;3`, `0`.
  static func sgrParameters(_ text: String) -> [String] {
    var result: [String] = []
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      if scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" {
        var end = index + 2
        var parameters = String.UnicodeScalarView()
        while end < scalars.count, scalars[end] != "m", end - index < 40 {
          parameters.append(scalars[end])
          end += 1
        }
        result.append(String(parameters))
        index = end
      } else {
        index += 1
      }
    }
    return result
  }

  /// Display widths of the lines of a rendering (escape sequences removed).
  static func lineWidths(_ rendering: String) -> [Int] {
    stripSGR(rendering).split(separator: "\n", omittingEmptySubsequences: false).map {
      TerminalWidth.columns(of: String($0))
    }
  }

  /// A one-explanation document over the given tokens (offsets from `SampleDocuments.tokens`).
  static func document(text: String, pieces: [String], scores: [Double],
                       sign: HeatmapDocument.SignMeaning = .supportsTarget) -> HeatmapDocument {
    HeatmapDocument(
      text: text, tokens: SampleDocuments.tokens(of: text, pieces), modelName: "m",
      labels: ["negative", "positive"], probabilities: [0.25, 0.75], predicted: 1,
      explanations: [
        .init(method: "occlusion", sign: sign, target: "positive", optionsSummary: "", scores: scores, axiomGap: nil)
      ])
  }
}
