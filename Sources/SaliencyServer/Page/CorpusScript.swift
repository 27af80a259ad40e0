/// The corpus view's part of `/app.js`, for `saliency serve --analysis DIR`: the metrics and the confusion
/// matrix from `GET /api/analyses` (a cell lists its examples), a page of examples at a time from
/// `GET /api/analyses/{id}/examples` (filters, sort and window go to the server; the page holds one page), the
/// word tables from `GET /api/analyses/{id}/words` (a word lists its examples), and any example opens in the
/// explain view.
enum CorpusScript {
  static let source = #"""
      const PAGE = 25;
      const FILTER_INPUTS = { gold: 'f-gold', predicted: 'f-predicted', min_confidence: 'f-min', max_confidence: 'f-max',
        text: 'f-text', word: 'f-word', sort: 'f-sort', order: 'f-order' };
      let corpusController = null;

      function analysis() {
        return analyses.find((entry) => String(entry.id) === state.a) || analyses[0];
      }

      function setUpCorpus() {
        for (const entry of analyses) $('analysis').add(new Option(entry.name + ' (' + entry.examples + ' examples)', String(entry.id)));
        $('analysis').addEventListener('change', () => {
          state.a = $('analysis').value;
          state.corpus = {};
          state.wclass = state.wmethod = state.wmodel = '';
          applyCorpusState();
          loadCorpus();
        });
        for (const [key, id] of Object.entries(FILTER_INPUTS)) {
          $(id).addEventListener('change', () => {
            state.corpus[key] = $(id).value.trim();
            delete state.corpus.offset;
            loadExamples();
          });
        }
        $('filters').addEventListener('submit', (event) => event.preventDefault());
        $('f-reset').addEventListener('click', () => { state.corpus = {}; setTimeout(() => { applyCorpusState(); loadExamples(); }); });
        $('page-prev').addEventListener('click', () => movePage(-PAGE));
        $('page-next').addEventListener('click', () => movePage(PAGE));
        for (const [key, id] of [['wclass', 'w-class'], ['wmethod', 'w-method'], ['wmodel', 'w-model']]) {
          $(id).addEventListener('change', () => { state[key] = $(id).value; loadWords(); });
        }
      }

      function fillSelect(select, values, anyText) {
        select.replaceChildren();
        if (anyText) select.add(new Option(anyText, ''));
        for (const value of values) select.add(new Option(value, value));
      }

      function applyCorpusState() {
        const entry = analysis();
        state.a = String(entry.id);
        $('analysis').value = state.a;
        fillSelect($('f-gold'), entry.labels, 'any');
        fillSelect($('f-predicted'), entry.labels, 'any');
        fillSelect($('w-class'), entry.labels, null);
        fillSelect($('w-method'), entry.methods, null);
        fillSelect($('w-model'), entry.models, null);
        $('w-model').parentElement.hidden = entry.models.length < 2;
        for (const [key, id] of Object.entries(FILTER_INPUTS)) $(id).value = state.corpus[key] || (key === 'sort' ? 'index' : key === 'order' ? 'asc' : '');
        if (state.wclass) $('w-class').value = state.wclass;
        if (state.wmethod) $('w-method').value = state.wmethod;
        if (state.wmodel) $('w-model').value = state.wmodel;
      }

      function loadCorpus() {
        drawSummary(analysis());
        loadExamples();
        loadWords();
      }

      function drawSummary(entry) {
        const metrics = entry.summary.metrics;
        const figures = [['examples', String(metrics.count)], ['accuracy', metrics.accuracy], ['balanced accuracy', metrics.balanced_accuracy],
          ['macro-F1', metrics.macro_f1], ['ECE', metrics.ece]];
        $('metrics').replaceChildren(...figures.map(([name, value]) => {
          const cell = el('div', '', name);
          cell.prepend(el('b', '', typeof value === 'number' ? value.toFixed(4) : (value === null ? '—' : value)));
          return cell;
        }));
        const matrix = metrics.confusion.matrix;
        const table = $('confusion');
        table.replaceChildren();
        const head = el('tr');
        head.append(el('th', '', 'gold ↓ predicted →'), ...entry.labels.map((label) => el('th', 'num', label)));
        table.append(head);
        entry.labels.forEach((gold, g) => {
          const line = el('tr');
          line.append(el('th', '', gold));
          entry.labels.forEach((predicted, p) => {
            const cell = el('td', 'num');
            cell.append(button(String(matrix[g][p]), 'cell' + (g === p ? ' diagonal' : ''), () => {
              state.corpus = { gold, predicted, sort: 'confidence', order: g === p ? 'asc' : 'desc' };
              applyCorpusState();
              loadExamples();
            }));
            cell.lastChild.title = 'gold ' + gold + ', predicted ' + predicted + ': list these examples';
            line.append(cell);
          });
          table.append(line);
        });
        const perClass = $('per-class');
        perClass.replaceChildren();
        const titles = el('tr');
        titles.append(...['class', 'precision', 'recall', 'F1', 'support'].map((name, i) => el('th', i ? 'num' : '', name)));
        perClass.append(titles);
        for (const figures of metrics.per_class) {
          const line = el('tr');
          line.append(el('td', '', figures.label), ...[figures.precision, figures.recall, figures.f1].map((v) => el('td', 'num', v === null ? '—' : v.toFixed(3))),
            el('td', 'num', String(figures.support)));
          perClass.append(line);
        }
      }

      function movePage(step) {
        const offset = Math.max(0, Number(state.corpus.offset || 0) + step);
        state.corpus.offset = offset ? String(offset) : '';
        loadExamples();
      }

      async function loadExamples() {
        writeHash();
        if (corpusController) corpusController.abort();
        corpusController = new AbortController();
        const query = new URLSearchParams({ limit: String(PAGE) });
        for (const [key, value] of Object.entries(state.corpus)) if (value) query.set(key, value);
        try {
          const page = await api('/api/analyses/' + encodeURIComponent(state.a) + '/examples?' + query.toString().replace(/\+/g, '%20'),
            { signal: corpusController.signal });
          drawExamples(page);
          showStatus('');
        } catch (error) {
          if (error.name !== 'AbortError') showStatus(error.message, true);
        }
      }

      function sortHeader(name, key) {
        const th = el('th', key === 'index' ? '' : 'num');
        const sorted = (state.corpus.sort || 'index') === key;
        const descending = state.corpus.order === 'desc';
        th.append(button(name + (sorted ? (descending ? ' ▼' : ' ▲') : ''), '', () => {
          state.corpus.order = sorted && !descending ? 'desc' : 'asc';
          state.corpus.sort = key;
          delete state.corpus.offset;
          applyCorpusState();
          loadExamples();
        }));
        return th;
      }

      function drawExamples(page) {
        const first = page.total ? page.offset + 1 : 0;
        const last = Math.min(page.offset + page.examples.length, page.total);
        $('examples-range').textContent = page.total + ' example(s) match; showing ' + first + '–' + last + '.';
        $('page-prev').disabled = page.offset === 0;
        $('page-next').disabled = last >= page.total;
        const table = $('examples');
        table.replaceChildren();
        const head = el('tr');
        head.append(sortHeader('#', 'index'), el('th', '', 'gold'), el('th', '', 'predicted'), sortHeader('confidence', 'confidence'),
          sortHeader('tokens', 'length'), el('th', '', 'text'), el('th', '', ''));
        table.append(head);
        for (const example of page.examples) {
          const line = el('tr', example.gold === example.predicted ? '' : 'wrong');
          const text = el('td', 'text', example.text || '');
          text.title = example.text || '';
          line.append(el('td', '', String(example.index + 1)), el('td', '', example.gold), el('td', 'pred', example.predicted),
            el('td', 'num', example.confidence === null ? '—' : example.confidence.toFixed(3)), el('td', 'num', String(example.tokens)), text);
          const open = el('td');
          open.append(button('Explain', 'link', () => openExample(example)));
          line.append(open);
          table.append(line);
        }
      }

      function openExample(example) {
        state.text = example.text || '';
        state.model = example.model;
        state.target = '';
        state.edit = '';
        applyExplainState();
        showView('explain');
        explain();
      }

      async function loadWords() {
        state.wclass = $('w-class').value;
        state.wmethod = $('w-method').value;
        state.wmodel = analysis().models.length > 1 ? $('w-model').value : '';
        writeHash();
        const query = new URLSearchParams({ class: state.wclass, method: state.wmethod, limit: '20' });
        if (state.wmodel) query.set('model', state.wmodel);
        try {
          const page = await api('/api/analyses/' + encodeURIComponent(state.a) + '/words?' + query.toString().replace(/\+/g, '%20'));
          const table = $('words');
          table.replaceChildren();
          const head = el('tr');
          head.append(...['word', 'mean score', 'mean |score|', 'count', 'share > 0'].map((name, i) => el('th', i ? 'num' : '', name)));
          table.append(head);
          for (const word of page.rows) {
            const line = el('tr');
            const cell = el('td');
            cell.append(button(word.token, 'link', () => {
              state.corpus = { word: word.token };
              applyCorpusState();
              loadExamples();
            }));
            line.append(cell, ...[word.mean_signed, word.mean_abs].map((v) => el('td', 'num', v.toFixed(3))),
              el('td', 'num', String(word.count)), el('td', 'num', word.share_positive.toFixed(2)));
            table.append(line);
          }
          if (!page.rows.length) table.append(el('tr', '', 'No word reaches the analysis’s --min-count for this class.'));
        } catch (error) {
          showStatus(error.message, true);
        }
      }

    """#
}
