/// The stylesheet and method colours of the evaluation page (inline; no web font, no URL).
enum EvaluationReportStyles {
  /// One colour per method, in the order the methods were given (method i uses entry i mod count): the
  /// Okabe–Ito palette without its yellow (too light on white) and grey (kept for the random baseline), then
  /// four dark tones, so all nine methods of `--method all` get distinct colours. CSS classes `m0` … `m9` set
  /// `--m` to them.
  static let methodColors: [RGB] = [
    RGB(red: 0, green: 114, blue: 178),  // blue
    RGB(red: 213, green: 94, blue: 0),  // vermillion
    RGB(red: 0, green: 158, blue: 115),  // bluish green
    RGB(red: 204, green: 121, blue: 167),  // reddish purple
    RGB(red: 230, green: 159, blue: 0),  // orange
    RGB(red: 86, green: 180, blue: 233),  // sky blue
    RGB(red: 29, green: 29, blue: 31),  // near black
    RGB(red: 140, green: 86, blue: 75),  // brown
    RGB(red: 122, green: 60, blue: 180),  // violet
    RGB(red: 110, green: 130, blue: 20),  // olive
  ]
  /// The random baseline's colour (CSS class `base`, drawn dashed).
  static let baselineColor = RGB(red: 150, green: 150, blue: 150)

  /// The CSS class of a method's colour: `m<i>` for the i-th explaining method, `base` for the baseline.
  static func colorClass(of method: EvaluationDocument.MethodResult, in document: EvaluationDocument) -> String {
    guard !method.isBaseline, let index = document.explainingMethods.firstIndex(where: { $0.id == method.id }) else {
      return "base"
    }
    return "m" + String(index % methodColors.count)
  }

  static let stylesheet: String = base + methodColors.enumerated().map { index, color in
    ".m\(index) { --m: \(color.hex); }\n"
  }.joined() + ".base { --m: \(baselineColor.hex); }\n"

  private static let base = """
    :root { color-scheme: light; --ink: #1d1d1f; --muted: #6b6b70; --rule: #d9d9de; --accent: #2563ab; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
    .page { max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; }
    h1 { font-size: 24px; margin: 8px 0; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); }
    .meta, .muted { color: var(--muted); } small { display: block; color: var(--muted); font-size: 12px; font-weight: 400; }
    nav a { margin-right: 12px; color: var(--accent); text-decoration: none; }
    .notes li { margin: 2px 0; color: #8a4b00; }
    table { border-collapse: collapse; margin: 6px 0; } caption { text-align: left; color: var(--muted); font-size: 13px; }
    th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    thead th { vertical-align: bottom; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .ci { color: var(--muted); font-size: 13px; } table.summary .ci { display: block; }
    table.summary th:first-child { min-width: 180px; } .scroll { overflow-x: auto; }
    tr.baseline th, tr.baseline td { background: #f4f4f6; font-style: italic; }
    .badge { font: 11px system-ui, sans-serif; font-style: normal; padding: 0 6px; border: 1px solid var(--rule);
      border-radius: 9px; color: var(--muted); margin-left: 4px; }
    .key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; background: var(--m); margin-right: 6px; }
    .ok { color: #16794a; font-weight: 600; } .bad { color: #c0362c; font-weight: 600; }
    .row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
    figure { margin: 8px 0; flex: 1 1 480px; max-width: 560px; } figcaption { color: var(--muted); font-size: 13px; }
    .chart { display: block; width: 100%; height: auto; }
    .chart text { font-size: 11px; fill: var(--muted); } .chart .frame { fill: none; stroke: var(--rule); }
    .chart .grid { stroke: #ececf0; } .chart .legend text { fill: var(--ink); }
    .chart polyline, .chart .sample { fill: none; stroke: var(--m); stroke-width: 2; stroke-linejoin: round; }
    .chart .band { fill: var(--m); fill-opacity: .12; stroke: var(--m); stroke-opacity: .3; }
    .chart circle { fill: var(--m); } .chart .base polyline, .chart .base .sample { stroke-dasharray: 5 4; }
    details { margin: 4px 0 0; font-size: 13px; } summary { cursor: pointer; color: var(--accent); }
    .matrix td.num { min-width: 64px; text-align: center; }
    dl.guide dt { font-weight: 600; margin-top: 10px; } dl.guide dd { margin: 2px 0 0 18px; }
    .refs li { margin: 3px 0; }
    footer { margin-top: 30px; color: var(--muted); font-size: 13px; }

    """
}
