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
    <header><h1>saliency</h1>
    <nav class="tabs" aria-label="Views"><button type="button" id="tab-explain" class="tab" aria-pressed="true">Explain</button><button type="button" id="tab-corpus" class="tab" aria-pressed="false" hidden>Corpus</button></nav>
    </header>
    <p id="status" class="status" role="status" aria-live="polite"></p>
    <main>
    <section id="explain-view" aria-label="Explain">
    <p class="sub">Edit the text: the prediction and each method’s word scores follow as you type. Click a word to delete, replace or mask it.</p>
    <section class="controls" aria-label="Settings">
    <label class="field">Model <select id="model"><option value="">by script (default-zh for Han text, else default-en)</option></select></label>
    <label class="field">Target <select id="target"><option value="">predicted class</option></select></label>
    <label class="field">Colour scale <select id="scale"><option value="absolute">absolute (fixed per method)</option><option value="text">per row (largest |score|)</option></select></label>
    <fieldset id="methods"><legend>Methods</legend></fieldset>
    </section>
    <label class="field text">Text<textarea id="text" rows="4" spellcheck="false"></textarea></label>
    <section id="result" hidden>
    <div class="compare">
    <div id="original" class="panel"><h2>Original</h2><div class="bars"></div><div class="rows"></div></div>
    <div id="counterfactual" class="panel" hidden><h2>Counterfactual</h2><p class="change"></p><div class="bars"></div><div class="rows"></div>
    <p><button type="button" id="cf-clear">Close the counterfactual</button></p></div>
    </div>
    <div id="edit-menu" class="menu" role="dialog" aria-label="Edit a token" hidden>
    <p id="edit-token"></p>
    <button type="button" id="edit-delete">Delete</button>
    <label>Replace with <input id="edit-word" size="14" spellcheck="false"></label><button type="button" id="edit-replace">Replace</button>
    <button type="button" id="edit-mask">Mask</button>
    <button type="button" id="edit-cancel">Cancel</button>
    </div>
    <h3>Prefix prediction</h3>
    <p class="caption" id="curve-caption"></p>
    <div id="curve" class="curve"></div>
    <p id="notes" class="notes"></p>
    <div class="legend"><span>blue −</span><span class="ramp" aria-hidden="true"></span><span>+ orange</span>
    <span id="legend-text"></span></div>
    <p class="export"><a id="export-json" href="#" download="explanation.json">Download JSON</a> · <button type="button" id="export-html">Download HTML report</button></p>
    </section>
    </section>
    <section id="corpus-view" aria-label="Corpus" hidden>
    <label class="field">Analysis <select id="analysis"></select></label>
    <div id="metrics" class="metrics"></div>
    <div class="split">
    <div><h3>Confusion matrix</h3><p class="caption">Rows: gold; columns: predicted. Click a cell for its examples.</p><table id="confusion" class="grid"></table></div>
    <div><h3>Per class</h3><table id="per-class" class="grid"></table></div>
    </div>
    <h3>Examples</h3>
    <form id="filters" class="controls">
    <label class="field">Gold <select id="f-gold"><option value="">any</option></select></label>
    <label class="field">Predicted <select id="f-predicted"><option value="">any</option></select></label>
    <label class="field">Confidence ≥ <input id="f-min" type="number" min="0" max="1" step="0.05" size="5"></label>
    <label class="field">Confidence ≤ <input id="f-max" type="number" min="0" max="1" step="0.05" size="5"></label>
    <label class="field">Text contains <input id="f-text" size="16" spellcheck="false"></label>
    <label class="field">Word <input id="f-word" size="12" spellcheck="false"></label>
    <label class="field">Sort <select id="f-sort"><option value="index">corpus order</option><option value="confidence">confidence</option><option value="length">length</option></select></label>
    <label class="field">Order <select id="f-order"><option value="asc">ascending</option><option value="desc">descending</option></select></label>
    <button type="reset" id="f-reset">Clear</button>
    </form>
    <p id="examples-range" class="caption"></p>
    <table id="examples" class="grid examples"></table>
    <p class="pager"><button type="button" id="page-prev">Previous</button> <button type="button" id="page-next">Next</button></p>
    <h3>Words</h3>
    <p class="caption">Each word’s mean score when the model explained the class (its prediction, or the analysis’s --target), from words.csv; words seen at least --min-count times. Click a word for the examples that contain it.</p>
    <div class="controls"><label class="field">Class <select id="w-class"></select></label><label class="field">Method <select id="w-method"></select></label><label class="field">Model <select id="w-model"></select></label></div>
    <table id="words" class="grid"></table>
    </section>
    </main>
    <footer>Scores are explanations of this model’s behaviour, not ground truth about the texts. The page calls this server’s JSON API (README, <code>saliency serve</code>); nothing leaves this machine.</footer>
    </div>
    </body>
    </html>

    """

  static let stylesheet = """
    :root{color-scheme:light dark;--fg:#1b1f24;--bg:#ffffff;--muted:#5b6470;--line:#d8dde3;--bar:#cd5e0c;--accent:#1f6feb}
    @media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--bg:#13161a;--muted:#9aa3ad;--line:#30363d;--accent:#58a6ff}}
    [hidden]{display:none!important}
    body{margin:0;font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
    .page{max-width:72rem;margin:0 auto;padding:1rem 1.25rem}
    header{display:flex;align-items:center;gap:1.5rem}
    h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.05rem;margin:.2rem 0}h3{font-size:1rem;margin:1.2rem 0 .3rem}
    .sub,.status,.notes,.caption,footer{color:var(--muted)}.caption{margin:.2rem 0;font-size:.9rem}
    .tabs{display:flex;gap:.3rem}.tab{font:inherit;border:1px solid var(--line);background:none;color:inherit;border-radius:4px;padding:.2rem .8rem;cursor:pointer}
    .tab[aria-pressed=true]{border-color:var(--accent);color:var(--accent);font-weight:600}
    .controls{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:flex-end;margin:.5rem 0}
    .field{display:flex;flex-direction:column;gap:.2rem;font-weight:600}
    .field.text{margin:.75rem 0}
    select,textarea,input,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.25rem .4rem}
    button{cursor:pointer}
    textarea{width:100%;box-sizing:border-box;resize:vertical}
    fieldset{border:1px solid var(--line);border-radius:4px;display:flex;flex-wrap:wrap;gap:.2rem .9rem}
    fieldset label{font-weight:400;white-space:nowrap}
    .status.error{color:#b42318}
    .compare{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
    .panel{min-width:0}
    .change{font-weight:600;margin:.2rem 0}
    .bars{display:grid;grid-template-columns:max-content 1fr max-content;gap:.2rem .6rem;align-items:center;margin:.5rem 0 1rem}
    .bar{height:.8rem;background:var(--line);border-radius:2px;overflow:hidden}
    .bar>span{display:block;height:100%;background:var(--bar)}
    .predicted{font-weight:700}
    .row{display:grid;grid-template-columns:10rem 1fr;gap:.6rem;padding:.45rem 0;border-top:1px solid var(--line)}
    .method b{display:block}.method small{color:var(--muted);display:block}
    .tokens{white-space:pre-wrap;word-break:break-word;line-height:1.9}
    .tokens span{border-radius:3px;padding:.05rem .1rem}
    #original .tokens span{cursor:pointer}
    .tokens span.edited{outline:2px solid var(--accent)}
    .menu{border:1px solid var(--accent);border-radius:6px;padding:.5rem .8rem;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.4rem .6rem;align-items:center}
    .menu p{margin:0;flex-basis:100%}
    .curve svg{width:100%;max-width:48rem;height:auto;display:block}
    .curve .axis{stroke:var(--muted);stroke-width:1}.curve .half{stroke:var(--line);stroke-dasharray:4 3}
    .curve .line{fill:none;stroke:var(--bar);stroke-width:2}.curve .dot{fill:var(--bar)}
    .curve text{fill:var(--muted);font-size:11px}
    .legend{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;color:var(--muted);margin-top:.75rem}
    .ramp{display:inline-block;width:8rem;height:.7rem;border-radius:2px;background:\(HTMLColorBins.gradient(signed: true))}
    @media (prefers-color-scheme:dark){.ramp{background:\(HTMLColorBins.gradient(signed: true, over: ColorScale.darkBackground))}}
    .metrics{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.5rem 0}.metrics b{display:block;font-size:1.2rem}
    .split{display:flex;flex-wrap:wrap;gap:0 3rem}
    .grid{border-collapse:collapse;font-size:.92rem}.grid th,.grid td{border-bottom:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top}
    .grid td.num,.grid th.num{text-align:right;font-variant-numeric:tabular-nums}
    .grid button.cell{min-width:3.5rem;text-align:right}.grid button.cell.diagonal{font-weight:700}
    .grid th button{border:none;padding:0;font-weight:700}
    .examples{width:100%}.examples td.text{max-width:34rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    .examples tr.wrong td.pred{color:#b42318}
    .link{border:none;background:none;color:var(--accent);padding:0;text-decoration:underline}
    .pager{display:flex;gap:.5rem}
    footer{margin-top:2rem;font-size:.85rem}

    """ + HTMLColorBins.stylesheet()

  static let script = PageScript.source
}
