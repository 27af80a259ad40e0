/// A run of already-sanitized text drawn with one optional background colour.
struct TerminalSpan: Equatable {
  var text: String
  /// nil: the terminal's default colours.
  var background: RGB?

  init(_ text: String, background: RGB? = nil) {
    self.text = text
    self.background = background
  }
}

/// A unit the wrapper keeps on one line when it can: a token, a word, a top-k entry.
struct TerminalCell: Equatable {
  /// What the cell shows. Must be sanitized (no control characters).
  var spans: [TerminalSpan]
  /// Printed, uncoloured, before the cell unless the cell starts a line: `" "` between words, `""` between
  /// tokens that touch in the original text.
  var gap: String

  init(_ spans: [TerminalSpan], gap: String = " ") {
    self.spans = spans
    self.gap = gap
  }

  /// One uncoloured cell.
  init(plain text: String, gap: String = " ") {
    self.init([TerminalSpan(text)], gap: gap)
  }

  /// Display columns of the cell without its gap.
  var width: Int { spans.reduce(0) { $0 + TerminalWidth.columns(of: $1.text) } }

  /// Prose as cells, one per space-separated word; the first word gets `gap`, the others a single space.
  static func words(_ text: String, gap: String = " ") -> [TerminalCell] {
    text.split(separator: " ").enumerated().map { index, word in
      TerminalCell(plain: String(word), gap: index == 0 ? gap : " ")
    }
  }
}

/// Greedy line breaking by display columns.
///
/// Cells are placed left to right; a cell that does not fit on the current line starts the next one. A cell
/// wider than a whole line is the only thing ever split: it starts a fresh line and is broken between
/// grapheme clusters. No line (indent included) is wider than `width`, and no line ends in a gap.
/// Cells with no text are skipped.
struct LineWrapper {
  /// Maximum columns per line; values below 2 are treated as 2 so that any grapheme cluster fits.
  var width: Int
  /// Printed at the start of the first line.
  var indent: String = ""
  /// Printed at the start of every following line.
  var continuationIndent: String = ""

  /// The cells laid out as lines of spans (indents and gaps included as uncoloured spans).
  /// An empty cell list gives one line holding only the indent.
  func wrap(_ cells: [TerminalCell]) -> [[TerminalSpan]] {
    var layout = Layout(width: max(width, 2), indent: indent, continuationIndent: continuationIndent)
    for cell in cells {
      layout.place(cell)
    }
    return layout.finish()
  }
}

/// The wrapper's mutable state while placing cells.
private struct Layout {
  let width: Int
  let continuationIndent: String
  var lines: [[TerminalSpan]] = []
  var current: [TerminalSpan] = []
  var used = 0
  var hasContent = false

  init(width: Int, indent: String, continuationIndent: String) {
    self.width = width
    self.continuationIndent = continuationIndent
    start(indent: indent)
  }

  mutating func place(_ cell: TerminalCell) {
    guard cell.spans.contains(where: { !$0.text.isEmpty }) else { return }  // nothing to show, no stray gap
    let cellWidth = cell.width
    let gapWidth = hasContent ? TerminalWidth.columns(of: cell.gap) : 0
    if used + gapWidth + cellWidth <= width {
      if hasContent, !cell.gap.isEmpty {
        current.append(TerminalSpan(cell.gap))
        used += gapWidth
      }
      append(cell.spans)
      return
    }
    if hasContent { newLine() }
    if used + cellWidth <= width {
      append(cell.spans)
      return
    }
    hardBreak(cell)
  }

  mutating func finish() -> [[TerminalSpan]] {
    lines.append(current)
    return lines
  }

  /// Splits a cell wider than a line between grapheme clusters, one line after another.
  private mutating func hardBreak(_ cell: TerminalCell) {
    for span in cell.spans {
      var piece = ""
      for character in span.text {
        let columns = TerminalWidth.columns(of: character)
        if used + columns > width, hasContent || !piece.isEmpty {
          if !piece.isEmpty { current.append(TerminalSpan(piece, background: span.background)) }
          piece = ""
          newLine()
        }
        piece.append(character)
        used += columns
      }
      if !piece.isEmpty {
        current.append(TerminalSpan(piece, background: span.background))
        hasContent = true
      }
    }
  }

  private mutating func append(_ spans: [TerminalSpan]) {
    for span in spans where !span.text.isEmpty {
      current.append(span)
      used += TerminalWidth.columns(of: span.text)
    }
    hasContent = true
  }

  private mutating func newLine() {
    lines.append(current)
    start(indent: continuationIndent)
  }

  /// Begins a line with an indent, dropping the indent when it would leave fewer than 2 columns.
  private mutating func start(indent: String) {
    let indentWidth = TerminalWidth.columns(of: indent)
    current = []
    used = 0
    hasContent = false
    if !indent.isEmpty, indentWidth + 2 <= width {
      current.append(TerminalSpan(indent))
      used = indentWidth
    }
  }
}
