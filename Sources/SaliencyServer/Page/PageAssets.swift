import Hummingbird
import NIOCore
import Reports

/// The explain page: one HTML file, one stylesheet, one script, compiled into the binary (no file is read at
/// run time). The page loads nothing else; the server's `Content-Security-Policy: default-src 'self'` would
/// block anything inline or from elsewhere. User text reaches the page only through `textContent`.
enum PageAssets {
  static func response(_ text: String, type: String) -> Response {
    var buffer = ByteBuffer()
    buffer.writeString(text)
    return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: ResponseBody(byteBuffer: buffer))
  }

  static let html = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>saliency serve</title>
    <link rel="stylesheet" href="/app.css">
    <script src="/app.js" defer></script>
    </head>
    <body>
    <div class="page">
    <header><h1>saliency</h1><p class="sub">Edit the text: the prediction and each method’s word scores follow as you type.</p></header>
    <main>
    <section class="controls" aria-label="Settings">
    <label class="field">Model <select id="model"><option value="">by script (default-zh for Han text, else default-en)</option></select></label>
    <label class="field">Target <select id="target"><option value="">predicted class</option></select></label>
    <fieldset id="methods"><legend>Methods</legend></fieldset>
    </section>
    <label class="field text">Text<textarea id="text" rows="4" spellcheck="false"></textarea></label>
    <p id="status" class="status" role="status" aria-live="polite"></p>
    <section id="result" hidden>
    <div id="bars" class="bars" aria-label="Class probabilities"></div>
    <div id="rows" class="rows"></div>
    <p id="notes" class="notes"></p>
    <div class="legend"><span>blue −</span><span class="ramp" aria-hidden="true"></span><span>+ orange</span>
    <span id="legend-text"></span></div>
    <p class="export"><a id="export-json" href="#" download="explanation.json">Download JSON</a></p>
    </section>
    </main>
    <footer>Scores are explanations of this model’s behaviour, not ground truth about the texts. The page calls this server’s JSON API (README, <code>saliency serve</code>); nothing leaves this machine.</footer>
    </div>
    </body>
    </html>

    """

  static let stylesheet = """
    :root{color-scheme:light dark;--fg:#1b1f24;--bg:#ffffff;--muted:#5b6470;--line:#d8dde3;--bar:#cd5e0c}
    @media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--bg:#13161a;--muted:#9aa3ad;--line:#30363d}}
    body{margin:0;font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
    .page{max-width:60rem;margin:0 auto;padding:1rem 1.25rem}
    h1{font-size:1.4rem;margin:.2rem 0}.sub,.status,.notes,footer{color:var(--muted)}
    .controls{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:flex-start;margin:.5rem 0}
    .field{display:flex;flex-direction:column;gap:.2rem;font-weight:600}
    .field.text{margin:.75rem 0}
    select,textarea{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.3rem}
    textarea{width:100%;box-sizing:border-box;resize:vertical}
    fieldset{border:1px solid var(--line);border-radius:4px;display:flex;flex-wrap:wrap;gap:.2rem .9rem}
    fieldset label{font-weight:400;white-space:nowrap}
    .status.error{color:#b42318}
    .bars{display:grid;grid-template-columns:max-content 1fr max-content;gap:.2rem .6rem;align-items:center;margin:.5rem 0 1rem}
    .bar{height:.8rem;background:var(--line);border-radius:2px;overflow:hidden}
    .bar>span{display:block;height:100%;background:var(--bar)}
    .predicted{font-weight:700}
    .row{display:grid;grid-template-columns:11rem 1fr;gap:.6rem;padding:.45rem 0;border-top:1px solid var(--line)}
    .method b{display:block}.method small{color:var(--muted);display:block}
    .tokens{white-space:pre-wrap;word-break:break-word;line-height:1.9}
    .tokens span{border-radius:3px;padding:.05rem .1rem}
    .legend{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;color:var(--muted);margin-top:.75rem}
    .ramp{display:inline-block;width:8rem;height:.7rem;border-radius:2px;background:\(HTMLColorBins.gradient(signed: true))}
    @media (prefers-color-scheme:dark){.ramp{background:\(HTMLColorBins.gradient(signed: true, over: ColorScale.darkBackground))}}
    footer{margin-top:2rem;font-size:.85rem}

    """ + HTMLColorBins.stylesheet()

  static let script = PageScript.source
}
