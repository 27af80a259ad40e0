/// The inline stylesheet of the HTML report: light and dark colour schemes (`prefers-color-scheme`), print
/// rules, and the heatmap colour classes generated from `ColorScale` (see `HTMLColorBins`).
///
/// No web fonts and no URLs: the page renders offline with the reader's system fonts (CJK fallbacks listed).
public enum HTMLStyles {
  /// Colour-blind-safe colours for classes (lines of the prefix chart, probability bars), from the
  /// Okabe–Ito palette, avoiding the blue and orange that mean score signs. Class k uses entry k mod count.
  public static let classColors: [RGB] = [
    RGB(red: 204, green: 121, blue: 167),  // reddish purple
    RGB(red: 0, green: 158, blue: 115),  // bluish green
    RGB(red: 86, green: 180, blue: 233),  // sky blue
    RGB(red: 230, green: 159, blue: 0),  // orange
    RGB(red: 0, green: 114, blue: 178),  // blue
    RGB(red: 213, green: 94, blue: 0),  // vermillion
    RGB(red: 240, green: 228, blue: 66),  // yellow
    RGB(red: 153, green: 153, blue: 153),  // grey
  ]

  /// How many class colours there are (CSS classes `k0` … `k7`).
  public static var classColorCount: Int { classColors.count }

  /// The whole stylesheet.
  public static let stylesheet: String = base + HTMLColorBins.stylesheet() + generated() + printRules

  /// Class colours and legend ramps.
  private static func generated() -> String {
    var css = ""
    for (index, color) in classColors.enumerated() {
      css += ".k" + String(index) + "{--k:" + color.hex + "}\n"
    }
    css += ".ramp.s{background:" + HTMLColorBins.gradient(signed: true) + "}\n"
    css += ".ramp.u{background:" + HTMLColorBins.gradient(signed: false) + "}\n"
    css += "@media screen and (prefers-color-scheme:dark){.ramp.s{background:"
      + HTMLColorBins.gradient(signed: true, over: ColorScale.darkBackground) + "}\n.ramp.u{background:"
      + HTMLColorBins.gradient(signed: false, over: ColorScale.darkBackground) + "}}\n"
    return css
  }

  private static let base = """
    :root{color-scheme:light dark;--bg:#ffffff;--fg:#1b1f24;--muted:#5d6873;--line:#d9dee3;--panel:#f4f6f8;\
    --ok:#16794a;--bad:#c0362c;--link:#1c5fbf;--track:#e3e7eb;--shadow:0 1px 3px rgba(20,30,40,.07)}
    @media (prefers-color-scheme:dark){:root{--bg:#13161a;--fg:#e2e6ea;--muted:#9aa5b0;--line:#333b44;\
    --panel:#1b2027;--ok:#5cc98a;--bad:#ff8a80;--link:#86b6ff;--track:#2c343d;--shadow:none}}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,\
    "Noto Sans","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
    a{color:var(--link)}
    .page{max-width:1100px;margin:0 auto;padding:28px 22px 56px}
    h1{font-size:1.6rem;line-height:1.25;margin:0 0 4px}
    h2{font-size:1.1rem;margin:28px 0 10px}
    .sub{color:var(--muted);margin:0 0 16px}
    .meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:8px 18px;margin:0;padding:14px 18px;\
    background:var(--panel);border:1px solid var(--line);border-radius:10px}
    .meta dt{font-weight:600;color:var(--muted)}
    .meta dd{margin:0;min-width:0;overflow-wrap:anywhere}
    .meta ul{margin:0;padding:0;list-style:none}
    .meta li+li{margin-top:3px}
    .opt{color:var(--muted);font-size:.9em}
    .num{font-variant-numeric:tabular-nums}
    .ok{color:var(--ok)}
    .bad{color:var(--bad)}
    .ramp{display:inline-block;width:140px;height:12px;border-radius:3px;vertical-align:-1px;margin:0 6px;\
    border:1px solid var(--line)}
    .tools{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:0 0 8px}
    .tools[hidden]{display:none}
    .tools input[type=search]{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px;\
    background:var(--bg);color:var(--fg);min-width:16em}
    .tools button{font:inherit;padding:3px 10px;border:1px solid var(--line);border-radius:6px;\
    background:var(--panel);color:var(--fg);cursor:pointer}
    .index-wrap{max-height:60vh;overflow:auto;border:1px solid var(--line);border-radius:10px}
    table.index{width:100%;border-collapse:collapse;font-size:14px;table-layout:fixed}
    .index .wn{width:3.8em}
    .index .wl{width:7.5em}
    .index .wp{width:4.6em}
    .index .wk{width:3.2em}
    .index th,.index td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    .index thead th{position:sticky;top:0;background:var(--panel);white-space:nowrap}
    .index th[data-sort]{cursor:pointer;user-select:none}
    .index th[aria-sort=ascending]::after{content:" \\25B4"}
    .index th[aria-sort=descending]::after{content:" \\25BE"}
    .index .r{text-align:right;font-variant-numeric:tabular-nums}
    .index td.tx{overflow-wrap:anywhere;unicode-bidi:isolate}
    .index td.l{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
    .index a{text-decoration:none}
    .index a:hover{text-decoration:underline}
    main{margin-top:16px}
    details.text[hidden]{display:none}
    details.text{border:1px solid var(--line);border-radius:10px;margin:0 0 12px;box-shadow:var(--shadow)}
    details.text:not([open]){content-visibility:auto;contain-intrinsic-size:auto 44px}
    details.text>summary{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px;padding:9px 14px;\
    cursor:pointer;list-style:none}
    details.text>summary::-webkit-details-marker{display:none}
    details.text>summary::before{content:"\\25B8";color:var(--muted);width:.8em;flex:none}
    details.text[open]>summary::before{content:"\\25BE"}
    details.text[open]>summary{border-bottom:1px solid var(--line)}
    .no{color:var(--muted);font-variant-numeric:tabular-nums;min-width:2.2em}
    .snip{flex:1 1 18em;min-width:0;overflow-wrap:anywhere;unicode-bidi:isolate}
    .verdict{white-space:nowrap}
    .badge{font-size:12px;padding:0 6px;border:1px solid var(--line);border-radius:9px;color:var(--muted)}
    .body{padding:12px 14px 14px}
    .facts{display:flex;flex-wrap:wrap;gap:8px 32px;align-items:flex-start;margin:0 0 10px;font-size:14px}
    .probs{display:grid;grid-template-columns:max-content minmax(90px,180px) max-content;gap:3px 8px;\
    align-items:center}
    .probs .pred{font-weight:650}
    .bar{height:10px;background:var(--track);border-radius:5px;overflow:hidden}
    .bar>span{display:block;height:100%;background:var(--k)}
    .notes{margin:0;padding-left:1.1em;color:var(--muted)}
    table.rows{width:100%;border-collapse:collapse}
    .rows th{width:11.5em;text-align:left;vertical-align:top;font-weight:650;font-size:14px;line-height:1.35;\
    padding:7px 12px 7px 0;overflow-wrap:anywhere}
    .rows th small{display:block;font-weight:400;color:var(--muted);font-size:12px}
    .rows th .f{white-space:nowrap}
    .rows td,.rows th{border-top:1px solid var(--line)}
    .rows tr:first-child td,.rows tr:first-child th{border-top:0}
    .hm{white-space:pre-wrap;overflow-wrap:anywhere;font-size:17px;line-height:2.15;unicode-bidi:isolate;\
    padding:3px 0}
    .hm i,i.chip{font-style:normal;padding:3px 1px;border-radius:3px}
    i.u{font-style:normal;text-decoration:underline dotted;text-underline-offset:3px}
    .hm .rest{color:var(--muted)}
    .legend{font-size:13px;color:var(--muted);margin:8px 0 0}
    .legend b{color:var(--fg);font-weight:600}
    figure.prefix{margin:14px 0 0}
    figure.prefix figcaption{font-size:13px;color:var(--muted);margin-top:2px}
    .chart{display:block;max-width:100%;height:auto;overflow:visible;color:var(--muted)}
    .chart text{fill:currentColor;font-size:10px}
    .chart .grid{stroke:var(--line);stroke-width:1}
    .chart .mid{stroke-dasharray:3 3}
    .chart polyline{fill:none;stroke:var(--k);stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
    .chart polyline.pred{stroke-width:3.2}
    .chart circle{fill:var(--k)}
    .key{display:inline-block;width:16px;height:4px;border-radius:2px;background:var(--k);vertical-align:middle;\
    margin:0 4px 0 10px}
    table.top{border-collapse:collapse;margin:14px 0 0;font-size:14px}
    .top caption{text-align:left;font-weight:650;margin-bottom:4px}
    .top th,.top td{padding:5px 18px 5px 0;text-align:left;vertical-align:top;border-top:1px solid var(--line)}
    .top th{font-weight:600;white-space:nowrap}
    .top .tl{display:block;color:var(--muted);font-size:12px}
    .top td .pos{margin-left:10px;color:var(--muted);font-size:12px;font-variant-numeric:tabular-nums}
    .top td .tl+.pos{margin-left:0}
    footer{margin-top:32px;color:var(--muted);font-size:13px}
    @media (max-width:640px){.rows th,.rows td{display:block;width:auto}.rows td{border-top:0}\
    .meta{grid-template-columns:1fr}}

    """

  private static let printRules = """
    @media print{:root{color-scheme:light;--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#f3f3f3;\
    --track:#e6e6e6;--shadow:none}
    *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    body{font-size:12px}
    .page{max-width:none;padding:0}
    .tools{display:none}
    .index-wrap{max-height:none;overflow:visible;border:0}
    .index thead th{position:static}
    details.text,details.text:not([open]){box-shadow:none;break-inside:avoid;content-visibility:visible}
    details.text>summary::before{content:none}
    a{color:inherit;text-decoration:none}}
    @media print{details::details-content{content-visibility:visible;display:block}}

    """
}
