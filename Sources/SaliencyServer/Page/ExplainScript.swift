/// The explain view's part of `/app.js`: explains the text as it is typed (`POST /api/view`, debounced; a
/// newer request aborts the older one, which cancels its work on the server), draws the probability bars and
/// one heatmap row per method with the HTML report's colour classes (`HTMLColorBins`), on the absolute scale
/// (`ColorSaturation`, from the answer's `rows`) or per row, and offers the view as JSON and as the HTML report.
enum ExplainScript {
  static let source = #"""
      let timer = 0;
      let controller = null;
      let exportURL = null;
      let current = null;   // the last /api/view answer for the text as typed
      let currentBody = null;

      function setUpExplain(methods) {
        for (const method of methods) {
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
        $('text').addEventListener('input', () => { state.text = $('text').value; state.edit = ''; schedule(); });
        $('model').addEventListener('change', () => { state.model = $('model').value; state.target = ''; setTargets([]); schedule(); });
        $('target').addEventListener('change', () => { state.target = $('target').value; schedule(); });
        $('scale').addEventListener('change', () => { state.scale = $('scale').value; writeHash(); redraw(); });
        $('export-html').addEventListener('click', exportHTML);
        setUpEdit();
      }

      function applyExplainState() {
        $('text').value = state.text;
        $('model').value = state.model;
        $('scale').value = state.scale;
        for (const box of document.querySelectorAll('#methods input')) box.checked = state.methods.includes(box.value);
        setTargets([]);
      }

      function setTargets(labels) {
        const select = $('target');
        const known = Array.from(select.options).slice(1).map((option) => option.value);
        if (labels.length && known.join('\u0000') !== labels.join('\u0000')) {
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

      /// The request body of the current settings, for a text or for token ids.
      function requestBody(input) {
        const body = Object.assign({}, input);
        if (state.model) body.model = state.model;
        if (state.target) body.target = state.target;
        if (!sameMethods(state.methods, defaults)) body.method = state.methods.join(',');
        return body;
      }

      async function explain() {
        writeHash();
        if (controller) controller.abort();
        if (!state.text.trim()) {
          $('result').hidden = true;
          current = null;
          showStatus(state.view === 'explain' ? 'Type a text to explain.' : '');
          return;
        }
        if (!state.methods.length) {
          showStatus('Choose at least one method.', true);
          return;
        }
        const body = requestBody({ text: state.text });
        controller = new AbortController();
        const signal = controller.signal;
        showStatus('Explaining…');
        try {
          const answer = await api('/api/view', post('/api/view', body, signal));
          current = answer;
          currentBody = body;
          setTargets(answer.explanation.model.labels);
          redraw();
          showStatus('');
          await counterfactual(signal);
        } catch (error) {
          if (error.name !== 'AbortError') showStatus(error.message, true);
        }
      }

      /// Draws the current answer (and the counterfactual, if any) again, e.g. for another colour scale.
      function redraw() {
        if (!current) return;
        drawPanel($('original'), current, null);
        drawCurve(current);
        if (shownCounterfactual) drawCounterfactual();
        const answer = current.explanation;
        $('notes').textContent = (answer.notes || []).join(' · ');
        $('legend-text').textContent = (state.scale === 'absolute'
          ? 'absolute scale: a colour saturates at a fixed score per method (under each method); methods without an absolute unit use their largest |score| here'
          : 'each row is scaled by its own largest |score| (±r under the method)')
          + '; a token near 0 has no colour; hover a token for its score. Model ' + answer.model.name + '.';
        if (exportURL) URL.revokeObjectURL(exportURL);
        exportURL = URL.createObjectURL(new Blob([JSON.stringify(answer, null, 2) + '\n'], { type: 'application/json' }));
        $('export-json').href = exportURL;
        $('result').hidden = false;
      }

      /// Fills a panel: bars, then one row per method. `display` gives the shown text of each token (masked
      /// tokens), or null to show the answer's own.
      function drawPanel(panel, view, display) {
        const answer = view.explanation;
        const bars = panel.querySelector('.bars');
        bars.replaceChildren();
        for (const label of answer.model.labels) {
          const p = answer.probabilities[label];
          const bar = el('span', 'bar');
          const fill = el('span');
          fill.style.width = (100 * p).toFixed(1) + '%';
          bar.append(fill);
          bars.append(el('span', label === answer.predicted ? 'predicted' : '', label), bar, el('span', '', p.toFixed(3)));
        }
        const rows = panel.querySelector('.rows');
        rows.replaceChildren();
        answer.explanations.forEach((explanation, index) => rows.append(row(answer, explanation, view.rows[index], display)));
      }

      function signWords(sign, target) {
        if (sign === 'supports-target') return 'orange supports ' + target + ', blue opposes it';
        if (sign === 'unsigned') return 'magnitude only (orange), no direction';
        return 'class-independent: movement toward the final hidden state';
      }

      function row(answer, explanation, extra, display) {
        const line = el('div', 'row');
        const head = el('div', 'method');
        const signed = explanation.sign !== 'unsigned';
        let largest = 0;
        for (const score of explanation.scores) if (Number.isFinite(score)) largest = Math.max(largest, Math.abs(score));
        const absolute = state.scale === 'absolute' && extra && extra.saturation;
        const scale = absolute ? extra.saturation.value : largest;
        const range = absolute
          ? 'saturates at ' + (signed ? '±' : '') + scale.toPrecision(3) + ' ' + extra.saturation.unit + '; max ' + largest.toPrecision(3)
          : (signed ? '±' : '0…') + largest.toPrecision(3);
        const options = Object.entries(explanation.options).map(([key, value]) => key + '=' + value).join(', ');
        head.append(el('b', '', explanation.method), el('small', '', signWords(explanation.sign, explanation.target)),
          el('small', '', range + (options ? ' · ' + options : '')));
        if (extra && extra.about) head.title = extra.about;
        const tokens = el('div', 'tokens');
        const scalars = answer.text === null ? null : Array.from(answer.text);
        let position = 0;
        answer.tokens.forEach((token, index) => {
          const score = explanation.scores[index];
          const span = el('span', colorClass(score, scale, signed));
          span.dataset.index = String(index);
          const shown = display ? display[index] : null;
          span.title = (shown || token.text) + ': ' + (Number.isFinite(score) ? score.toPrecision(3) : 'no score')
            + (token.unknown ? ' (unknown to the model)' : '');
          if (shown !== null) {
            if (index > 0) tokens.append(' ');
            span.textContent = shown;
          } else if (scalars && token.start !== null) {
            if (token.start > position) tokens.append(scalars.slice(position, token.start).join(''));
            span.textContent = scalars.slice(token.start, token.end).join('');
            position = token.end;
          } else {
            if (index > 0) tokens.append(' ');
            span.textContent = token.text;
          }
          tokens.append(span);
        });
        if (!display && scalars && position < scalars.length) tokens.append(scalars.slice(position).join(''));
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

      /// The HTML report of the current view (POST /api/report, the page `explain --format html` writes).
      async function exportHTML() {
        if (!currentBody) return;
        try {
          const response = await fetch('/api/report?scale=' + (state.scale === 'absolute' ? 'absolute' : 'text'),
            post('/api/report', currentBody));
          if (!response.ok) throw new Error((await response.json()).error || ('HTTP ' + response.status));
          const url = URL.createObjectURL(await response.blob());
          const link = el('a');
          link.href = url;
          link.download = 'explanation.html';
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10000);
        } catch (error) {
          showStatus('The report could not be made: ' + error.message, true);
        }
      }

    """#
}
