/// Draws a `HeatmapDocument` for a terminal: a header, then per explanation a title, a legend and the tokens
/// on coloured backgrounds, wrapped to the terminal width, optionally followed by top-k lists.
///
/// Pure: the output depends only on the renderer's settings and the document (no environment, clock,
/// locale or I/O), so it is byte-for-byte reproducible. Every user-provided string (tokens, model name,
/// labels, notes, method options) goes through `TerminalSanitizer`, so no control character or escape
/// sequence from the input reaches the terminal.
///
/// Layout (`.none` mode shown; colour modes print tokens on backgrounds instead of `[score]`):
/// ```
/// default-zh  →  negative 0.93   (negative 0.93 · positive 0.07)  gold: negative ✓
///
/// occlusion (erasure=pad, measure=probability) — target: negative
///   + supports negative, - opposes it
///   (the explanation's `about` line, when it has one)
///   scale ±0.5 (colour saturates at ±0.5 probability, fixed for occlusion; max |score| here 0.41)
///   屏[+0.01] 幕[+0.02] 太[+0.09] 差[+0.41] 了[-0.03] ，[+0.00] …   (a token the model does not know: 㐀⁇[+0.00])
///   most supporting negative: #4 差 +0.410  #9 不 +0.330
///   most opposing negative:   #12 推 -0.120  #5 了 -0.030
/// ```
/// A token the model reads as `<unk>` is followed by `⁇` in every mode (also in the top-k lists), and the legend
/// says so (`· ⁇ not in the model's vocabulary (read as <unk>)`) only when the text has such a token.
/// In colour modes the legend names colours (`orange supports negative, blue opposes it`) and the scale
/// line is a swatch labelled with its ends (`-0.5 ▒▒▒▒▒▒▒▒▒ +0.5`). A token's background strength follows
/// |score| over the theme's background, and a token within 2.5% of zero has no background at all (see
/// `background(for:scale:signed:)`), so neutral tokens read as plain text on dark and light terminals.
/// Tokens that touch in the original text (`next.start == previous.end`, e.g. consecutive Han characters)
/// are printed without a space in colour modes; the colourless mode always separates tokens by a space so
/// each `token[score]` stays readable.
public struct ANSIRenderer: Sendable {
  /// Colours (24-bit, 256) or none.
  public var colorMode: ColorMode
  /// Terminal columns to wrap at; East Asian wide characters and emoji count 2 (see `TerminalWidth`).
  /// Values below `minimumWidth` are raised to it.
  public var width: Int
  /// Length of the most supporting / most opposing lists under each heatmap; 0 for none.
  public var topK: Int
  /// What scores are divided by before colouring.
  public var normalization: Normalization
  /// The terminal background that colours are mixed from (strength follows |score| on it).
  public var theme: TerminalTheme

  /// The narrowest layout the renderer produces.
  public static let minimumWidth = 8
  /// Decimals of scores printed beside tokens in `.none` mode (`token[+0.12]`).
  public static let heatmapDecimals = 2
  /// Decimals of scores in the top-k lists (`token +0.123`).
  public static let listDecimals = 3
  /// Decimals of class probabilities in the header.
  public static let probabilityDecimals = 2
  /// Significant digits of the scale and the axiom gap in legends.
  public static let legendDigits = 3
  /// Columns of the gap between the top-k list entries.
  private static let listGap = "  "
  /// Indent of legends, heatmaps and lists under a title.
  private static let bodyIndent = "  "
  /// Indent of continued title and header lines.
  private static let proseContinuation = "    "
  /// Swatch positions drawn in the legend of signed and unsigned scales.
  private static let signedSwatch: [Double] = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]
  private static let unsignedSwatch: [Double] = [0, 0.25, 0.5, 0.75, 1]

  public init(colorMode: ColorMode = .trueColor, width: Int = 80, topK: Int = 0,
              normalization: Normalization = .perText, theme: TerminalTheme = .dark) {
    self.colorMode = colorMode
    self.width = width
    self.topK = topK
    self.normalization = normalization
    self.theme = theme
  }

  /// The background of a score: `ColorScale` in the HTML page's steps (`HTMLColorBins`) over the theme's
  /// background, and none at all for step 0 (|score| under 2.5% of the scale), so a neutral token is plain text.
  func background(for score: Double, scale: Double, signed: Bool) -> RGB? {
    HTMLColorBins.color(step: HTMLColorBins.step(for: score, scale: scale, signed: signed), over: theme.background)
  }

  /// The whole document as terminal text, one `\n` after every line (the last included).
  ///
  /// An empty explanation list gives the header alone.
  public func render(_ document: HeatmapDocument) -> String {
    var lines = header(document)
    for explanation in document.explanations {
      lines.append("")
      lines += section(explanation, of: document)
    }
    if let agreement = document.agreement {
      let entries = agreement.kendallTau.map { entry in
        "\(TerminalSanitizer.sanitize(entry.method)) \(entry.tau.map { NumberFormatting.fixed($0, decimals: 2, sign: .always) } ?? "n/a")"
      }
      let text = "rank agreement with \(TerminalSanitizer.sanitize(agreement.reference)) (Kendall τ-b): " + entries.joined(separator: " · ")
      lines.append("")
      lines += layout(TerminalCell.words(text, gap: ""), indent: "", continuation: Self.bodyIndent)
    }
    return lines.map { $0 + "\n" }.joined()
  }

  // MARK: - Header

  /// Model, prediction and probabilities, gold label, truncation and notes.
  func header(_ document: HeatmapDocument) -> [String] {
    let labels = document.labels.map(TerminalSanitizer.sanitize)
    let predicted = label(at: document.predicted, in: labels)
    var cells = TerminalCell.words(TerminalSanitizer.sanitize(document.modelName))
    cells.append(TerminalCell(plain: "→", gap: "  "))
    cells += TerminalCell.words(predicted, gap: "  ")
    cells.append(TerminalCell(plain: probability(at: document.predicted, in: document)))
    for (index, name) in labels.enumerated() {
      var words = TerminalCell.words(name + " " + probability(at: index, in: document), gap: index == 0 ? "   " : " ")
      if index == 0, !words.isEmpty { words[0].spans.insert(TerminalSpan("("), at: 0) }
      if index > 0, !words.isEmpty { words.insert(TerminalCell(plain: "·"), at: 0) }
      if index == labels.count - 1, !words.isEmpty { words[words.count - 1].spans.append(TerminalSpan(")")) }
      cells += words
    }
    if let gold = document.gold.map(TerminalSanitizer.sanitize) {
      cells.append(TerminalCell(plain: "gold:", gap: "  "))
      cells += TerminalCell.words(gold)
      cells.append(TerminalCell(plain: gold == predicted ? "✓" : "✗"))
    }
    var lines = layout(cells, indent: "", continuation: Self.proseContinuation)
    if document.truncated {
      let count = document.tokens.count
      let noun = count == 1 ? "token was" : "tokens were"
      let text = "truncated: only the first \(count) \(noun) explained (--max-tokens)"
      lines += layout(TerminalCell.words(text), indent: "", continuation: Self.proseContinuation)
    }
    for note in document.notes {
      let cells = TerminalCell.words("note: " + TerminalSanitizer.sanitize(note))
      lines += layout(cells, indent: "", continuation: Self.proseContinuation)
    }
    return lines
  }

  // MARK: - One explanation

  /// Title, legend, heatmap and (with `topK > 0`) the top-k lists of one explanation.
  func section(_ explanation: HeatmapDocument.Explanation, of document: HeatmapDocument) -> [String] {
    let target = TerminalSanitizer.sanitize(explanation.target)
    let scale = normalization.constant(for: explanation)
    var title = TerminalSanitizer.sanitize(explanation.method)
    let options = TerminalSanitizer.sanitize(explanation.optionsSummary)
    if !options.isEmpty { title += " (" + options + ")" }
    title += " — target: " + target
    var lines = layout(TerminalCell.words(title), indent: "", continuation: Self.proseContinuation)
    let legend = legend(explanation, target: target, scale: scale, tokenCount: document.tokens.count,
                        marksUnknown: document.hasUnknownTokens)
    lines += layout(legend.meaning, indent: Self.bodyIndent, continuation: Self.proseContinuation)
    if let about = explanation.about {
      lines += layout(TerminalCell.words(TerminalSanitizer.sanitize(about)), indent: Self.bodyIndent,
                      continuation: Self.proseContinuation)
    }
    lines += layout(legend.scale, indent: Self.bodyIndent, continuation: Self.proseContinuation)
    let tokens = heatmap(explanation, of: document, scale: scale)
    lines += layout(tokens, indent: Self.bodyIndent, continuation: Self.bodyIndent)
    if topK > 0 {
      lines += topLists(explanation, of: document, target: target, scale: scale)
    }
    return lines
  }

  /// The two legend lines' cells: the sign meaning in words (and, when `marksUnknown`, what `⁇` after a token
  /// means); then the scale (in colour modes a swatch
  /// labelled with its numeric ends, e.g. `-0.620 ▒▒▒▒▒▒▒▒▒ +0.620`), the normalisation, the axiom gap, and
  /// a warning when the number of scores does not match the number of tokens.
  func legend(_ explanation: HeatmapDocument.Explanation, target: String, scale: Double,
              tokenCount: Int, marksUnknown: Bool = false) -> (meaning: [TerminalCell], scale: [TerminalCell]) {
    let signed = explanation.sign.isSigned
    var meaning = TerminalCell.words(explanation.sign.legend(target: target, colored: colorMode.usesColor))
    if marksUnknown {
      meaning += TerminalCell.words("· " + HeatmapDocument.unknownMark + " " + HeatmapDocument.unknownMeaning)
    }
    var cells: [TerminalCell]
    if scale > 0 {
      let magnitude = NumberFormatting.compact(scale, significantDigits: Self.legendDigits)
      if colorMode.usesColor {
        let positions = signed ? Self.signedSwatch : Self.unsignedSwatch
        var spans = [TerminalSpan((signed ? "-" + magnitude : "0") + " ")]
        spans += positions.map {
          TerminalSpan(" ", background: ColorScale.color(atPosition: $0, signed: signed, over: theme.background))
        }
        spans.append(TerminalSpan(" " + (signed ? "+" : "") + magnitude))
        cells = [TerminalCell(spans)]  // the swatch, labelled with its ends, is the scale
      } else {
        cells = [TerminalCell(plain: "scale"), TerminalCell(plain: signed ? "±" + magnitude : "0…" + magnitude)]
      }
      let words = normalization.legend(for: explanation, signed: signed) {
        NumberFormatting.short($0, significantDigits: Self.legendDigits)
      }
      cells += TerminalCell.words("(" + TerminalSanitizer.sanitize(words) + ")")
    } else {
      cells = TerminalCell.words("scale: none (every score is 0)")
    }
    var extra = ""
    if let gap = explanation.axiomGap {
      extra += " · axiom gap " + NumberFormatting.compact(gap, significantDigits: Self.legendDigits)
    }
    if explanation.scores.count != tokenCount {
      extra += " · \(explanation.scores.count) scores for \(tokenCount) tokens"
    }
    return (meaning, cells + TerminalCell.words(extra))
  }

  /// One cell per token: a coloured token, or `token[+0.12]` without colour.
  func heatmap(_ explanation: HeatmapDocument.Explanation, of document: HeatmapDocument,
               scale: Double) -> [TerminalCell] {
    guard !document.tokens.isEmpty else { return [TerminalCell(plain: "(no tokens)")] }
    let signed = explanation.sign.isSigned
    var cells: [TerminalCell] = []
    cells.reserveCapacity(document.tokens.count)
    for (index, token) in document.tokens.enumerated() {
      let text = TerminalSanitizer.sanitize(token.text)
      let mark = token.unknown ? HeatmapDocument.unknownMark : ""
      let score = explanation.scores.indices.contains(index) ? explanation.scores[index] : nil
      if colorMode.usesColor {
        let tint = score.flatMap { background(for: $0, scale: scale, signed: signed) }
        let touches = index > 0 && token.start != nil && token.start == document.tokens[index - 1].end
        var spans = [TerminalSpan(text, background: tint)]
        if token.unknown { spans.append(TerminalSpan(mark)) }
        cells.append(TerminalCell(spans, gap: touches ? "" : " "))
      } else {
        let value = score.map {
          NumberFormatting.fixed($0, decimals: Self.heatmapDecimals, sign: signed ? .always : .negativeOnly)
        }
        cells.append(TerminalCell(plain: text + mark + "[" + (value ?? "n/a") + "]"))
      }
    }
    return cells
  }

  /// The top-k lists: most supporting and most opposing (or toward / away from h_T), or the largest for
  /// magnitudes. Titles are padded to one width so the entries line up.
  func topLists(_ explanation: HeatmapDocument.Explanation, of document: HeatmapDocument, target: String,
                scale: Double) -> [String] {
    let signed = explanation.sign.isSigned
    let scores = Array(explanation.scores.prefix(document.tokens.count))
    let titles = explanation.sign.topListTitles(target: target)
    var lists = [(titles.positive, TopTokens.mostPositive(scores, k: topK))]
    if let negative = titles.negative {
      lists.append((negative, TopTokens.mostNegative(scores, k: topK)))
    }
    let titleWidth = lists.map { TerminalWidth.columns(of: $0.0) }.max() ?? 0
    let effectiveWidth = max(width, Self.minimumWidth)
    let entryColumn = TerminalWidth.columns(of: Self.bodyIndent) + titleWidth + 1
    let continuation = entryColumn <= effectiveWidth / 2
      ? String(repeating: " ", count: entryColumn) : Self.proseContinuation
    var lines: [String] = []
    for (title, positions) in lists {
      // The padding that aligns the entries is the first entry's gap, so it vanishes if that entry wraps.
      let firstGap = String(repeating: " ", count: 1 + titleWidth - TerminalWidth.columns(of: title))
      var cells = [TerminalCell(plain: title)]
      if positions.isEmpty { cells.append(TerminalCell(plain: "(none)", gap: firstGap)) }
      for (order, position) in positions.enumerated() {
        let score = scores[position]
        let tint = colorMode.usesColor ? background(for: score, scale: scale, signed: signed) : nil
        let value = NumberFormatting.fixed(score, decimals: Self.listDecimals, sign: signed ? .always : .negativeOnly)
        let token = TerminalSanitizer.sanitize(document.tokens[position].text)
        let mark = document.tokens[position].unknown ? HeatmapDocument.unknownMark : ""
        let spans = [TerminalSpan(TopTokens.label(position) + " "), TerminalSpan(token, background: tint),
                     TerminalSpan(mark + " " + value)]
        cells.append(TerminalCell(spans, gap: order == 0 ? firstGap : Self.listGap))
      }
      lines += layout(cells, indent: Self.bodyIndent, continuation: continuation)
    }
    return lines
  }

  // MARK: - Helpers

  /// Wraps cells at the renderer's width and paints them in its colour mode.
  func layout(_ cells: [TerminalCell], indent: String, continuation: String) -> [String] {
    let wrapper = LineWrapper(width: max(width, Self.minimumWidth), indent: indent, continuationIndent: continuation)
    return wrapper.wrap(cells).map { spans in
      spans.map { ANSIStyle.paint($0.text, background: $0.background, mode: colorMode) }.joined()
    }
  }

  /// The label at an index, or `#index` when the document has no such label.
  private func label(at index: Int, in labels: [String]) -> String {
    labels.indices.contains(index) ? labels[index] : "#\(index)"
  }

  /// The probability at an index with fixed decimals, or `?` when the document has none.
  private func probability(at index: Int, in document: HeatmapDocument) -> String {
    guard document.probabilities.indices.contains(index) else { return "?" }
    return NumberFormatting.fixed(document.probabilities[index], decimals: Self.probabilityDecimals)
  }
}
