import Testing
@testable import Reports

@Suite struct WrappingTests {
  /// Every line of every sample, in every mode, at many widths, fits the width.
  @Test(arguments: ColorMode.allCases)
  func linesNeverExceedWidth(mode: ColorMode) {
    for document in [SampleDocuments.chinese, SampleDocuments.english, SampleDocuments.mixed] {
      for width in [ANSIRenderer.minimumWidth, 9, 11, 13, 17, 20, 24, 31, 40, 57, 80, 120] {
        let output = ANSIRenderer(colorMode: mode, width: width, topK: 3).render(document)
        for (number, columns) in TestSupport.lineWidths(output).enumerated() {
          #expect(columns <= width, "width \(width), line \(number + 1) has \(columns) columns")
        }
      }
    }
  }

  /// Widths below the minimum are raised to it instead of producing broken output.
  @Test func tinyWidthIsRaised() {
    let output = ANSIRenderer(colorMode: .none, width: 0).render(SampleDocuments.chinese)
    #expect(TestSupport.lineWidths(output).allSatisfy { $0 <= ANSIRenderer.minimumWidth })
  }

  /// A token that fits on a line is never split: each `token[score]` of the heatmap appears whole on one line.
  @Test func tokensAreNeverSplit() {
    let pieces = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "屏幕", "太差", "😀😀", "omega"]
    let text = pieces.joined(separator: " ")
    let document = TestSupport.document(text: text, pieces: pieces, scores: pieces.indices.map { Double($0) / 10 })
    for width in 16...40 {  // the widest cell, `epsilon[+0.40]`, plus the indent fits from 16 on
      let lines = ANSIRenderer(colorMode: .none, width: width).render(document).split(separator: "\n").map(String.init)
      let heatmap = lines.dropFirst(4)  // header, blank, title, legend, scale
      let cells = heatmap.flatMap { $0.split(separator: " ").map(String.init) }
      for (index, piece) in pieces.enumerated() {
        let expected = piece + "[+" + NumberFormatting.fixed(Double(index) / 10, decimals: 2) + "]"
        #expect(cells.contains(expected), "width \(width): \(expected) split or missing")
      }
    }
  }

  /// The wrapper on its own: greedy placement, gaps only between cells, glued cells, hard breaks.
  @Test func wrapperPlacesCellsGreedily() {
    let wrapper = LineWrapper(width: 10, indent: "", continuationIndent: "  ")
    let cells = ["aaa", "bbb", "ccc", "dddd"].map { TerminalCell(plain: $0) }
    let lines = wrapper.wrap(cells).map { $0.map(\.text).joined() }
    #expect(lines == ["aaa bbb", "  ccc dddd"])
  }

  @Test func wrapperGluesTouchingCells() {
    let wrapper = LineWrapper(width: 6)
    let cells = ["屏", "幕", "太", "差"].map { TerminalCell(plain: $0, gap: "") }
    let lines = wrapper.wrap(cells).map { $0.map(\.text).joined() }
    #expect(lines == ["屏幕太", "差"])
  }

  @Test func wrapperHardBreaksOnlyOverlongCells() {
    let wrapper = LineWrapper(width: 5)
    let cells = [TerminalCell(plain: "ab"), TerminalCell(plain: "abcdefghijkl"), TerminalCell(plain: "xy")]
    let lines = wrapper.wrap(cells).map { $0.map(\.text).joined() }
    #expect(lines == ["ab", "abcde", "fghij", "kl xy"])
  }

  @Test func wrapperHardBreaksWideCharactersWithoutOverflow() {
    let wrapper = LineWrapper(width: 5)
    let lines = wrapper.wrap([TerminalCell(plain: "屏幕太差了")]).map { $0.map(\.text).joined() }
    #expect(lines == ["屏幕", "太差", "了"])
  }

  @Test func wrapperKeepsColoursAcrossHardBreaks() {
    let orange = ColorScale.positiveEnd
    let wrapper = LineWrapper(width: 4)
    let lines = wrapper.wrap([TerminalCell([TerminalSpan("abcdef", background: orange)])])
    #expect(lines == [[TerminalSpan("abcd", background: orange)], [TerminalSpan("ef", background: orange)]])
  }
}
