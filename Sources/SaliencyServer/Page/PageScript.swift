import Reports

/// The explain page's script: reads the models and methods from the API, explains the text as it is typed
/// (debounced; a newer request aborts the older one, which cancels its work on the server), draws the
/// probability bars and one heatmap row per method with the HTML report's colour classes
/// (`HTMLColorBins`), and keeps its state in the URL's fragment. It builds every node with `createElement`
/// and `textContent` and binds events with `addEventListener`: no user text is ever parsed as HTML.
enum PageScript {
  static let source = """
    'use strict';
    (function () {
      const STEPS = \(HTMLColorBins.stepsPerSide);
      const DEBOUNCE_MS = 250;
      const $ = (id) => document.getElementById(id);
      const state = { text: '', model: '', target: '', methods: [] };
      let defaults = [];
      let timer = 0;
      let controller = null;
      let exportURL = null;

      function el(tag, className, text) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined) node.textContent = text;
        return node;
      }

      function readHash() {
        const params = new URLSearchParams(location.hash.slice(1));
        state.text = params.get('text') || '';
        state.model = params.get('model') || '';
        state.target = params.get('target') || '';
        const methods = params.get('method');
        state.methods = methods ? methods.split(',').filter(Boolean) : defaults.slice();
      }

      function writeHash() {
        const params = new URLSearchParams();
        if (state.text) params.set('text', state.text);
        if (state.model) params.set('model', state.model);
        if (state.target) params.set('target', state.target);
        if (!sameMethods(state.methods, defaults)) params.set('method', state.methods.join(','));
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

      function applyState() {
        $('text').value = state.text;
        $('model').value = state.model;
        for (const box of document.querySelectorAll('#methods input')) box.checked = state.methods.includes(box.value);
        setTargets([]);
      }

      function setTargets(labels) {
        const select = $('target');
        const known = Array.from(select.options).slice(1).map((option) => option.value);
        if (labels.length && known.join('\\u0000') !== labels.join('\\u0000')) {
          while (select.options.length > 1) select.remove(1);
          for (const label of labels) select.add(new Option(label, label));
        } else if (!labels.length && state.target && !known.includes(state.target)) {
          select.add(new Option(state.target, state.target));
        }
        select.value = state.target;
      }

      function schedule() {
        clearTimeout(timer);
        timer = setTimeout(explain, DEBOUNCE_MS);
      }

      async function explain() {
        writeHash();
        if (controller) controller.abort();
        if (!state.text.trim()) {
          $('result').hidden = true;
          showStatus('Type a text to explain.');
          return;
        }
        if (!state.methods.length) {
          showStatus('Choose at least one method.', true);
          return;
        }
        const body = { text: state.text };
        if (state.model) body.model = state.model;
        if (state.target) body.target = state.target;
        if (!sameMethods(state.methods, defaults)) body.method = state.methods.join(',');
        controller = new AbortController();
        showStatus('Explaining…');
        try {
          const response = await fetch('/api/explain', {
            method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body), signal: controller.signal,
          });
          const answer = await response.json();
          if (!response.ok) {
            showStatus(answer.error || ('HTTP ' + response.status), true);
            return;
          }
          render(answer);
          showStatus('');
        } catch (error) {
          if (error.name !== 'AbortError') showStatus('The server did not answer: ' + error.message, true);
        }
      }

      function render(answer) {
        setTargets(answer.model.labels);
        const bars = $('bars');
        bars.replaceChildren();
        for (const label of answer.model.labels) {
          const p = answer.probabilities[label];
          const name = el('span', label === answer.predicted ? 'predicted' : '', label);
          const bar = el('span', 'bar');
          const fill = el('span');
          fill.style.width = (100 * p).toFixed(1) + '%';
          bar.append(fill);
          bars.append(name, bar, el('span', '', p.toFixed(3)));
        }
        const rows = $('rows');
        rows.replaceChildren();
        for (const explanation of answer.explanations) rows.append(row(answer, explanation));
        $('notes').textContent = (answer.notes || []).join(' · ');
        $('legend-text').textContent = 'each row is scaled by its own largest |score| (±r under the method); '
          + 'a token near 0 has no colour; hover a token for its score. Model ' + answer.model.name + '.';
        if (exportURL) URL.revokeObjectURL(exportURL);
        exportURL = URL.createObjectURL(new Blob([JSON.stringify(answer, null, 2) + '\\n'], { type: 'application/json' }));
        $('export-json').href = exportURL;
        $('result').hidden = false;
      }

      function signWords(sign, target) {
        if (sign === 'supports-target') return 'orange supports ' + target + ', blue opposes it';
        if (sign === 'unsigned') return 'magnitude only (orange), no direction';
        return 'class-independent: movement toward the final hidden state';
      }

      function row(answer, explanation) {
        const line = el('div', 'row');
        const head = el('div', 'method');
        const signed = explanation.sign !== 'unsigned';
        let largest = 0;
        for (const score of explanation.scores) if (Number.isFinite(score)) largest = Math.max(largest, Math.abs(score));
        const options = Object.entries(explanation.options).map(([key, value]) => key + '=' + value).join(', ');
        head.append(el('b', '', explanation.method), el('small', '', signWords(explanation.sign, explanation.target)),
          el('small', '', (signed ? '±' : '0…') + largest.toPrecision(3) + (options ? ' · ' + options : '')));
        const tokens = el('div', 'tokens');
        const scalars = answer.text === null ? null : Array.from(answer.text);
        let position = 0;
        answer.tokens.forEach((token, index) => {
          const score = explanation.scores[index];
          const span = el('span', colorClass(score, largest, signed));
          span.title = token.text + ': ' + (Number.isFinite(score) ? score.toPrecision(3) : 'no score')
            + (token.unknown ? ' (unknown to the model)' : '');
          if (scalars && token.start !== null) {
            if (token.start > position) tokens.append(scalars.slice(position, token.start).join(''));
            span.textContent = scalars.slice(token.start, token.end).join('');
            position = token.end;
          } else {
            if (index > 0) tokens.append(' ');
            span.textContent = token.text;
          }
          tokens.append(span);
        });
        if (scalars && position < scalars.length) tokens.append(scalars.slice(position).join(''));
        line.append(head, tokens);
        return line;
      }

      /// HTMLColorBins.className(for:scale:signed:): the score's position on the scale in steps of 1/STEPS.
      function colorClass(score, scale, signed) {
        if (typeof score !== 'number' || Number.isNaN(score)) return 'na';
        if (!(scale > 0) || !Number.isFinite(scale)) return 'z';
        const position = Math.min(Math.max(score / scale, signed ? -1 : 0), 1);
        const step = Math.sign(position) * Math.round(Math.abs(position) * STEPS);
        return step === 0 ? 'z' : (step < 0 ? 'n' + (-step) : 'p' + step);
      }

      async function start() {
        try {
          const [models, methods] = await Promise.all([
            fetch('/api/models').then((r) => r.json()), fetch('/api/methods').then((r) => r.json()),
          ]);
          for (const model of models) $('model').add(new Option(model.name + ' (' + model.labels.join(', ') + ')', model.name));
          defaults = methods.default.methods;
          for (const method of methods.methods) {
            const label = el('label');
            const box = el('input');
            box.type = 'checkbox';
            box.value = method.id;
            box.addEventListener('change', () => {
              state.methods = Array.from(document.querySelectorAll('#methods input:checked')).map((b) => b.value);
              schedule();
            });
            label.append(box, ' ' + method.id);
            if (method.perturbation) label.title = 'perturbation method: its work grows with the square of the text length';
            $('methods').append(label);
          }
        } catch (error) {
          showStatus('Could not read the models and methods: ' + error.message, true);
          return;
        }
        readHash();
        applyState();
        $('text').addEventListener('input', () => { state.text = $('text').value; schedule(); });
        $('model').addEventListener('change', () => { state.model = $('model').value; state.target = ''; setTargets([]); schedule(); });
        $('target').addEventListener('change', () => { state.target = $('target').value; schedule(); });
        window.addEventListener('hashchange', () => { readHash(); applyState(); schedule(); });
        explain();
      }

      start();
    })();

    """
}
