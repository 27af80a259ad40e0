/// The stylesheet of the corpus page (inline; no web font, no URL).
enum CorpusReportStyles {
  static let stylesheet = """
    :root { color-scheme: light; --ink: #1d1d1f; --muted: #6b6b70; --rule: #d9d9de; --accent: #2563ab; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
    .page { max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; }
    h1 { font-size: 24px; margin: 8px 0; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); }
    h3 { font-size: 16px; margin: 18px 0 6px; } h4 { margin: 4px 0; font-size: 15px; }
    .meta, .muted { color: var(--muted); } .sha { font: 12px ui-monospace, monospace; word-break: break-all; }
    nav a { margin-right: 12px; color: var(--accent); text-decoration: none; }
    .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 12px; }
    .card { border: 1px solid var(--rule); border-radius: 8px; padding: 8px 14px; min-width: 110px; }
    .card .value { font-size: 22px; font-variant-numeric: tabular-nums; } .card .name { color: var(--muted); font-size: 13px; }
    table { border-collapse: collapse; margin: 6px 0; } caption { text-align: left; color: var(--muted); font-size: 13px; }
    th, td { padding: 3px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    .row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
    .notes li { margin: 2px 0; } .note { color: #8a4b00; margin: 2px 0; font-size: 13px; }
    .chart { width: 360px; max-width: 100%; } .frame { fill: none; stroke: var(--rule); }
    .grid { stroke: #ececf0; } .tick, .axis { font-size: 11px; fill: var(--muted); }
    .bar { fill: #8eb9dd; } .confidence { stroke: #cd5e0c; stroke-width: 2; } .diagonal { stroke: var(--ink); stroke-dasharray: 4 3; }
    .barcell { width: 240px; } .hbar { display: inline-block; height: 10px; background: #8eb9dd; }
    .words { min-width: 300px; } .wordtable td, .wordtable th { font-size: 13px; padding: 2px 6px; }
    .tok { border-radius: 3px; padding: 0 1px; }
    .u { text-decoration: underline dotted; text-underline-offset: 3px; }
    .example { border: 1px solid var(--rule); border-radius: 8px; padding: 6px 12px; margin: 10px 0; }
    .example .head { margin: 4px 0; } .heat th { width: 170px; font-weight: 600; font-size: 13px; }
    .heat td.text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.9; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin: 6px 0; }
    .tools[hidden], article.example[hidden], #ex-index tr[hidden] { display: none; }
    .tools input, .tools select { font: inherit; padding: 3px 6px; }
    .exindex { width: 100%; font-size: 13px; } .exindex td.snip { overflow-wrap: anywhere; }
    .exindex th[data-sort] { cursor: pointer; user-select: none; }
    .exindex th[aria-sort=ascending]::after { content: " \\25B4"; } .exindex th[aria-sort=descending]::after { content: " \\25BE"; }
    footer { margin-top: 30px; color: var(--muted); font-size: 13px; }

    """
}
