import Foundation
import Testing
@testable import Reports

@Suite struct HTMLRendererTests {
  /// Every tag of a page as (name, attribute names), from its `<` characters: user text can only add tags if
  /// escaping failed, because every `<` of user text is written `&lt;`.
  static func tags(of html: String) -> [(name: String, attributes: [String])] {
    var result: [(String, [String])] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
      let afterOpen = rest.index(after: open)
      guard let close = rest[afterOpen...].firstIndex(of: ">") else { break }
      let inside = rest[afterOpen..<close]
      if inside.hasPrefix("!") { rest = rest[rest.index(after: close)...]; continue }
      let characters = Array(inside)
      var position = 0
      var name = ""
      while position < characters.count, characters[position] != " " {
        name.append(characters[position])
        position += 1
      }
      if name.hasSuffix("/") { name.removeLast() }
      var attributes: [String] = []
      while position < characters.count {
        while position < characters.count, characters[position] == " " { position += 1 }
        var attribute = ""
        while position < characters.count, !" =/".contains(characters[position]) {
          attribute.append(characters[position])
          position += 1
        }
        if !attribute.isEmpty { attributes.append(attribute) }
        if position < characters.count, characters[position] == "=" {
          position += 1
          if position < characters.count, characters[position] == "\"" {
            position += 1
            while position < characters.count, characters[position] != "\"" { position += 1 }
            position += 1
          } else {
            while position < characters.count, characters[position] != " " { position += 1 }
          }
        } else if attribute.isEmpty {
          position += 1
        }
      }
      result.append((name, attributes))
      // Skip the raw contents of script and style elements.
      if name == "script" || name == "style", let end = rest.range(of: "</" + name + ">", range: close..<rest.endIndex) {
        rest = rest[end.upperBound...]
        result.append(("/" + name, []))
      } else {
        rest = rest[rest.index(after: close)...]
      }
    }
    return result
  }

  static let allowedTags: Set<String> = [
    "html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "p", "dl", "dt", "dd", "ul", "li",
    "b", "span", "nav", "input", "label", "button", "table", "thead", "tbody", "tr", "th", "td", "a", "main",
    "details", "summary", "small", "i", "figure", "figcaption", "svg", "line", "text", "polyline", "circle", "rect",
    "caption", "footer", "code", "script", "br",
  ]
  static let allowedAttributes: Set<String> = [
    "lang", "charset", "name", "content", "class", "id", "hidden", "type", "placeholder", "aria-label", "data-sort",
    "data-ok", "href", "open", "title", "style", "scope", "aria-hidden", "width", "height", "viewBox", "role", "x1",
    "y1", "x2", "y2", "x", "y", "text-anchor", "transform", "points", "cx", "cy", "r",
  ]

  /// The embedded contract JSON, parsed.
  static func embeddedJSON(_ html: String) throws -> [Any] {
    let start = try #require(html.range(of: "<script type=\"application/json\" id=\"saliency-data\">"))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let data = Data(html[start.upperBound..<end.lowerBound].utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
  }

  /// The inner HTML of each heatmap cell, tags removed: what a reader sees in each row.
  static func heatmapTexts(_ html: String) -> [String] {
    html.components(separatedBy: "<td class=\"hm\">").dropFirst().map { part in
      let cell = part.components(separatedBy: "</td>")[0]
      var text = "", inTag = false
      for character in cell {
        if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
      }
      return text
    }
  }

  @Test("hostile text, labels, notes, titles and file names stay literal text")
  func escaping() throws {
    let html = HTMLRenderer(topK: 3).render(HTMLSampleReports.mixed)
    for tag in Self.tags(of: html) {
      let name = tag.name.hasPrefix("/") ? String(tag.name.dropFirst()) : tag.name
      #expect(Self.allowedTags.contains(name), "unexpected tag <\(tag.name)>")
      for attribute in tag.attributes {
        #expect(Self.allowedAttributes.contains(attribute), "unexpected attribute \(attribute) on <\(tag.name)>")
      }
    }
    #expect(html.components(separatedBy: "<script").count - 1 == 2)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&lt;/textarea&gt;"))
    #expect(html.contains("\" onmouseover=\"x\""))  // as text content, harmless
    #expect(html.contains("<title>Report &lt;i&gt;for&lt;/i&gt; \"review\" &amp; co</title>"))
    #expect(html.contains("&lt;b&gt;not bold&lt;/b&gt; &amp; not a tag"))
    #expect(html.contains("input texts&lt;/textarea&gt;.tsv"))
    #expect(!html.contains("\u{1B}"))
    #expect(html.contains("my\u{241B}]0;pwned\u{2407}model"))
  }

  @Test("an explanation's about line ends the legend, escaped")
  func aboutInLegend() {
    var document = TestSupport.document(text: "good bad", pieces: ["good", "bad"], scores: [0.5, -0.25])
    document.explanations[0].about = "default method: <b>occlusion</b>"
    let report = HTMLReportDocument(title: "t", models: [], items: [HTMLReportDocument.Item(document: document)])
    let html = HTMLRenderer().render(report)
    #expect(html.contains(" default method: &lt;b&gt;occlusion&lt;/b&gt;.</p>"))
  }

  @Test("the embedded JSON parses back to the items, with < written \\u003c")
  func embeddedJSON() throws {
    let report = HTMLSampleReports.mixed
    let html = HTMLRenderer().render(report)
    let items = try Self.embeddedJSON(html)
    #expect(items.count == report.items.count)
    let hostile = try #require(items[2] as? [String: Any])
    #expect(hostile["text"] as? String == report.items[2].document.text)
    #expect(html.contains("\\u003cscript>alert(1)\\u003c/script>"))
  }

  @Test("each row is the original text: spacing, line breaks and untokenized characters kept")
  func originalSpacing() {
    let text = "Hello,  world!\n\tBye <3"
    let document = TestSupport.agreeing(HeatmapDocument(
      text: text, tokens: SampleDocuments.tokens(of: text, ["Hello", "world", "Bye"]), modelName: "m",
      labels: ["a", "b"], probabilities: [0.4, 0.6], predicted: 1,
      explanations: [
        .init(method: "occlusion", sign: .supportsTarget, target: "b", optionsSummary: "", scores: [0.5, -1, 0.25], axiomGap: nil),
        .init(method: "gradient", sign: .unsigned, target: "b", optionsSummary: "", scores: [0.1, 0.2, 0.4], axiomGap: nil),
      ]))
    let html = HTMLRenderer().render(HTMLReportDocument(title: "t", models: [], items: [.init(document: document)]))
    #expect(Self.heatmapTexts(html) == ["Hello,  world!\n\tBye &lt;3", "Hello,  world!\n\tBye &lt;3"])
    #expect(html.contains("<i class=p10 title=+0.5>Hello</i>,  <i class=n20 title=-1>world</i>!\n\t<i class=p5 title=+0.25>Bye</i><span class=\"rest\"> &lt;3</span>"))
    #expect(html.contains("<i class=p20 title=0.4>Bye</i>"))
    #expect(html.contains("τ-b reference"))
  }

  @Test("token-id input without text shows the tokens separated by spaces; a missing score is marked")
  func tokenIds() {
    let document = HeatmapDocument(
      text: nil, tokens: [.init(text: "#5", start: nil, end: nil), .init(text: "#17", start: nil, end: nil)],
      modelName: "m", labels: ["0", "1"], probabilities: [0.5, 0.5], predicted: 0,
      explanations: [.init(method: "gradient", sign: .unsigned, target: "0", optionsSummary: "", scores: [0.3], axiomGap: nil)])
    let html = HTMLRenderer().render(HTMLReportDocument(title: "t", models: [], items: [.init(document: document)]))
    #expect(Self.heatmapTexts(html) == ["#5 #17"])
    #expect(html.contains("<i class=na title=\"no score\">#17</i>"))
    #expect(html.contains("1 scores for 2 tokens"))
  }

  @Test("--scale report shares one range per method across texts; --scale text uses each text's own")
  func sharedScale() {
    var strong = TestSupport.document(text: "a b", pieces: ["a", "b"], scores: [1.0, -0.5])
    strong.explanations[0].method = "occlusion"
    var weak = TestSupport.document(text: "c d", pieces: ["c", "d"], scores: [0.25, 0.5])
    weak.explanations[0].method = "occlusion"
    let items = [HTMLReportDocument.Item(document: strong), .init(document: weak)]
    let shared = HTMLRenderer().render(HTMLReportDocument(title: "t", models: [], scale: .report, items: items))
    #expect(shared.contains("<i class=p10 title=+0.5>d</i>"))
    #expect(shared.contains("shared by all texts"))
    let perText = HTMLRenderer().render(HTMLReportDocument(title: "t", models: [], scale: .text, items: items))
    #expect(perText.contains("<i class=p20 title=+0.5>d</i>"))
    #expect(perText.contains("per text"))
  }

  @Test("an index only for several texts; texts collapse beyond the expanded limit")
  func indexAndCollapsing() {
    let single = HTMLRenderer().render(HTMLSampleReports.single)
    #expect(!single.contains("id=\"index\""))
    #expect(single.contains("<details class=\"text\" id=\"t1\" open>"))
    let many = HTMLRenderer(expandedLimit: 2).render(HTMLSampleReports.mixed)
    #expect(many.contains("<table class=\"index\" id=\"index\">"))
    #expect(many.contains("<details class=\"text\" id=\"t1\">"))
    #expect(many.contains("<tr data-ok=\"0\"><td class=\"r\">2</td><td class=\"tx\"><a href=\"#t2\">"))
    #expect(many.contains("<dt>Accuracy</dt><dd>2 of 3 texts with a gold label predicted correctly (66.7%)</dd>"))
  }

  @Test("the prefix chart, the top-k table and the rank agreement appear when they apply")
  func optionalParts() {
    let html = HTMLRenderer(topK: 2).render(HTMLSampleReports.single)
    #expect(html.contains("<svg class=\"chart\""))
    #expect(html.contains("<i class=p20 title=\"+0.22, p 0.830\">差</i>"))
    #expect(html.contains("<caption>Top 2 tokens per method <span class=\"opt\">(#n: the n-th token of the text)</span></caption>"))
    #expect(html.contains("<span class=\"tl\">most supporting negative:</span><span class=\"pos\">#4</span>\u{A0}<i class=\"chip p16\">差</i>\u{A0}+0.41 <span class=\"pos\">#9</span>\u{A0}<i class=\"chip p13\">不</i>\u{A0}+0.33 </td>"))
    #expect(html.contains("<dt>Agreement</dt>"))
    let bare = HTMLRenderer(topK: 0).render(HTMLReportDocument(title: "t", models: [], items: [.init(document: SampleDocuments.chinese)]))
    #expect(!bare.contains("<svg"))
    #expect(!bare.contains("<table class=\"top\">"))
  }

  @Test("no URL, no external resource, no date unless given")
  func selfContained() {
    let html = HTMLRenderer().render(HTMLSampleReports.single)
    #expect(!html.contains("http"))
    #expect(!html.contains("src="))
    #expect(!html.contains("@import"))
    #expect(!html.contains("2025"))
    #expect(HTMLRenderer().render(HTMLSampleReports.mixed).contains("2025-01-02 03:04 UTC"))
  }

  @Test func groupedNumbers() {
    #expect(HTMLRenderer.grouped(0) == "0")
    #expect(HTMLRenderer.grouped(999) == "999")
    #expect(HTMLRenderer.grouped(10_000) == "10,000")
    #expect(HTMLRenderer.grouped(1_234_567) == "1,234,567")
    #expect(HTMLRenderer.grouped(-1_000) == "-1,000")
  }

  @Test("the colour classes follow ColorScale with a readable foreground")
  func colourClasses() {
    #expect(HTMLColorBins.className(for: 0.41, scale: 0.41, signed: true) == "p20")
    #expect(HTMLColorBins.className(for: -0.2, scale: 0.4, signed: true) == "n10")
    #expect(HTMLColorBins.className(for: 0.001, scale: 1, signed: true) == "z")
    #expect(HTMLColorBins.className(for: -0.5, scale: 1, signed: false) == "z")
    #expect(HTMLColorBins.className(for: .nan, scale: 1, signed: true) == "na")
    let css = HTMLStyles.stylesheet
    for color in [ColorScale.positiveEnd, ColorScale.negativeEnd, ColorScale.neutral] {
      #expect(color.contrastRatio(with: color.readableForeground) >= 4.5)
    }
    #expect(css.contains(".p20{background:" + ColorScale.positiveEnd.hex + ";color:" + ColorScale.positiveEnd.readableForeground.hex + "}"))
    #expect(css.contains(".n20{background:" + ColorScale.negativeEnd.hex + ";color:#ffffff}"))
    #expect(css.contains("prefers-color-scheme:dark"))
    #expect(css.contains("@media print"))
  }

  @Test("a neutral token has no background in either scheme, and weak tokens are faint tints of the page")
  func neutralTokensArePlainText() throws {
    let css = HTMLStyles.stylesheet
    #expect(css.contains(".z{background:none}\n"))
    #expect(!css.contains(".z{background:#"))
    // The dark scheme has its own rules: the weakest step is a tint of the dark page, not a near-white box.
    let dark = try #require(css.range(of: "@media screen and (prefers-color-scheme:dark){\n.n20{"))
    let darkRules = css[dark.upperBound...]
    let weakDark = try #require(HTMLColorBins.color(step: 1, over: ColorScale.darkBackground))
    let weakLight = try #require(HTMLColorBins.color(step: 1, over: ColorScale.lightBackground))
    #expect(darkRules.contains(".p1{background:" + weakDark.hex))
    #expect(css.contains(".p1{background:" + weakLight.hex))
    #expect(weakDark.contrastRatio(with: ColorScale.darkBackground) < 1.2)
    #expect(weakLight.contrastRatio(with: ColorScale.lightBackground) < 1.2)
    // Strength grows with the step on both pages: contrast with the page never falls.
    for page in [ColorScale.darkBackground, ColorScale.lightBackground] {
      for sign in [1, -1] {
        let contrasts = (1...HTMLColorBins.stepsPerSide).compactMap {
          HTMLColorBins.color(step: sign * $0, over: page)?.contrastRatio(with: page)
        }
        #expect(contrasts.count == HTMLColorBins.stepsPerSide)
        #expect(zip(contrasts, contrasts.dropFirst()).allSatisfy { $0 <= $1 + 1e-9 }, "page \(page.hex), sign \(sign)")
      }
    }
    #expect(HTMLColorBins.color(step: 0) == nil)
  }

  @Test("the index filter hides the cards it filters out, not only the index rows")
  func filterHidesCards() {
    let html = HTMLRenderer(topK: 2, expandedLimit: 2).render(HTMLSampleReports.mixed)
    // Each index row links to its card by id, which is how the script finds the card to hide.
    for number in 1...HTMLSampleReports.mixed.items.count {
      #expect(html.contains("<a href=\"#t\(number)\""), "row \(number) links to its card")
      #expect(html.contains("<details class=\"text\" id=\"t\(number)\""), "card \(number) has the id")
    }
    let script = HTMLScript.source
    #expect(script.contains("var link = r.querySelector(\"a[href^='#t']\");"))
    #expect(script.contains("return link ? d.getElementById(link.getAttribute(\"href\").slice(1)) : null;"))
    #expect(script.contains("r.hidden = !show;") && script.contains("if (cards[i]) cards[i].hidden = !show;"))
    // A hidden card is not displayed even though details.text sets its own layout.
    #expect(HTMLStyles.stylesheet.contains("details.text[hidden]{display:none}"))
  }
}
