import Reports

/// The page's script, one file served as `/app.js`: one closure holding the state (kept in the URL's fragment,
/// so a view reloads and can be shared) and the parts below, each the owner of one view. It builds every node
/// with `createElement` and `textContent` and binds events with `addEventListener`: no user text is ever
/// parsed as HTML.
enum PageScript {
  static let source = "'use strict';\n(function () {\n" + core + ExplainScript.source + EditScript.source
    + CurveScript.source + CorpusScript.source + "  start();\n})();\n"

  /// Helpers, the state and its URL form, the status line, view switching and start-up.
  static let core = #"""
      const STEPS = \#(HTMLColorBins.stepsPerSide);
      const DEBOUNCE_MS = 250;
      const $ = (id) => document.getElementById(id);
      // view: explain | corpus. edit: "index:delete", "index:mask" or "index:replace:word" (a counterfactual).
      // The corpus keys (a, gold, predicted, …) are the query of GET /api/analyses/{a}/examples.
      const CORPUS_KEYS = ['gold', 'predicted', 'min_confidence', 'max_confidence', 'text', 'word', 'sort', 'order', 'offset'];
      const state = { view: 'explain', text: '', model: '', target: '', methods: [], scale: 'absolute', edit: '',
        a: '', corpus: {}, wclass: '', wmethod: '', wmodel: '' };
      let defaults = [];
      let analyses = [];

      function el(tag, className, text) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined) node.textContent = text;
        return node;
      }

      function button(text, className, onClick) {
        const node = el('button', className, text);
        node.type = 'button';
        node.addEventListener('click', onClick);
        return node;
      }

      function readHash() {
        const params = new URLSearchParams(location.hash.slice(1));
        state.view = params.get('view') === 'corpus' && analyses.length ? 'corpus' : 'explain';
        state.text = params.get('text') || '';
        state.model = params.get('model') || '';
        state.target = params.get('target') || '';
        state.scale = params.get('scale') === 'text' ? 'text' : 'absolute';
        state.edit = params.get('edit') || '';
        const methods = params.get('method');
        state.methods = methods ? methods.split(',').filter(Boolean) : defaults.slice();
        state.a = params.get('a') || (analyses.length ? String(analyses[0].id) : '');
        state.corpus = {};
        for (const key of CORPUS_KEYS) if (params.get(key)) state.corpus[key] = params.get(key);
        state.wclass = params.get('wclass') || '';
        state.wmethod = params.get('wmethod') || '';
        state.wmodel = params.get('wmodel') || '';
      }

      function writeHash() {
        const params = new URLSearchParams();
        if (state.view !== 'explain') params.set('view', state.view);
        if (state.text) params.set('text', state.text);
        if (state.model) params.set('model', state.model);
        if (state.target) params.set('target', state.target);
        if (!sameMethods(state.methods, defaults)) params.set('method', state.methods.join(','));
        if (state.scale !== 'absolute') params.set('scale', state.scale);
        if (state.edit) params.set('edit', state.edit);
        if (analyses.length > 1 || state.view === 'corpus') params.set('a', state.a);
        for (const key of CORPUS_KEYS) if (state.corpus[key]) params.set(key, state.corpus[key]);
        for (const key of ['wclass', 'wmethod', 'wmodel']) if (state[key]) params.set(key, state[key]);
        history.replaceState(null, '', '#' + params.toString());
      }

      function sameMethods(a, b) {
        return a.length === b.length && a.every((id) => b.includes(id));
      }

      function showStatus(message, isError) {
        const status = $('status');
        status.textContent = message;
        status.classList.toggle('error', Boolean(isError));
      }

      /// The JSON answer of a request; throws an Error with the server's message for any other status.
      async function api(path, options) {
        const response = await fetch(path, options);
        const answer = await response.json();
        if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
        return answer;
      }

      function post(path, body, signal) {
        return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal };
      }

      function showView(view) {
        state.view = view;
        $('explain-view').hidden = view !== 'explain';
        $('corpus-view').hidden = view !== 'corpus';
        $('tab-explain').setAttribute('aria-pressed', String(view === 'explain'));
        $('tab-corpus').setAttribute('aria-pressed', String(view === 'corpus'));
        writeHash();
      }

      function applyState() {
        showView(state.view);
        applyExplainState();
        if (analyses.length) applyCorpusState();
      }

      async function start() {
        try {
          const [models, methods, found] = await Promise.all([api('/api/models'), api('/api/methods'), api('/api/analyses')]);
          for (const model of models) $('model').add(new Option(model.name + ' (' + model.labels.join(', ') + ')', model.name));
          defaults = methods.default.methods;
          analyses = found;
          setUpExplain(methods.methods);
          if (analyses.length) setUpCorpus();
        } catch (error) {
          showStatus('Could not read the models, methods and analyses: ' + error.message, true);
          return;
        }
        $('tab-explain').addEventListener('click', () => showView('explain'));
        $('tab-corpus').addEventListener('click', () => { showView('corpus'); loadCorpus(); });
        $('tab-corpus').hidden = !analyses.length;
        readHash();
        applyState();
        window.addEventListener('hashchange', () => { readHash(); applyState(); explain(); if (state.view === 'corpus') loadCorpus(); });
        explain();
        if (state.view === 'corpus') loadCorpus();
      }

    """#
}
