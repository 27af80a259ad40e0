/// The counterfactual part of `/app.js`: click a token of the original to delete it, replace it with a typed
/// word, or mask it with the model's `<unk>` id (or its padding id when it has no `<unk>`, and the page says
/// which); the edited input is explained for the same model and target, beside the original, with the change
/// in the target's probability. The edit lives in the URL (`edit=3:replace:great`).
enum EditScript {
  static let source = #"""
      let editing = -1;
      let shownCounterfactual = null;

      function setUpEdit() {
        $('original').addEventListener('click', (event) => {
          const span = event.target.closest('.tokens span');
          if (span && span.dataset.index !== undefined) openMenu(Number(span.dataset.index));
        });
        $('edit-delete').addEventListener('click', () => applyEdit(editing + ':delete'));
        $('edit-mask').addEventListener('click', () => applyEdit(editing + ':mask'));
        $('edit-replace').addEventListener('click', replaceWithTyped);
        $('edit-word').addEventListener('keydown', (event) => { if (event.key === 'Enter') replaceWithTyped(); });
        $('edit-cancel').addEventListener('click', () => { $('edit-menu').hidden = true; });
        $('cf-clear').addEventListener('click', () => {
          state.edit = '';
          shownCounterfactual = null;
          $('counterfactual').hidden = true;
          markEdited(-1);
          writeHash();
        });
      }

      function maskChoice(view) {
        return view.mask.unk !== null
          ? { id: view.mask.unk, name: '<unk>', words: 'the model’s unknown-word id ' + view.mask.unk }
          : { id: view.mask.pad, name: '<pad>', words: 'the model’s padding id ' + view.mask.pad + ' (it has no <unk>)' };
      }

      function openMenu(index) {
        if (!current) return;
        const token = current.explanation.tokens[index];
        editing = index;
        $('edit-token').textContent = 'Token ' + (index + 1) + ': “' + token.text + '”';
        $('edit-mask').textContent = 'Mask with ' + maskChoice(current).name;
        $('edit-mask').title = 'replace the token by ' + maskChoice(current).words;
        $('edit-delete').disabled = current.explanation.text === null;
        $('edit-replace').disabled = current.explanation.text === null;
        $('edit-word').value = '';
        $('edit-menu').hidden = false;
        $('edit-word').focus();
      }

      function replaceWithTyped() {
        const word = $('edit-word').value.trim();
        if (!word) {
          showStatus('Type the word that replaces the token.', true);
          return;
        }
        applyEdit(editing + ':replace:' + word);
      }

      function applyEdit(edit) {
        $('edit-menu').hidden = true;
        state.edit = edit;
        writeHash();
        counterfactual(null).catch((error) => showStatus(error.message, true));
      }

      /// The explained target of the current answer (the class its maps refer to).
      function explainedTarget(view) {
        const answer = view.explanation;
        return answer.explanations.length ? answer.explanations[0].target : answer.predicted;
      }

      /// Explains the edit of `state.edit` (if any) and shows it beside the original.
      async function counterfactual(signal) {
        if (!state.edit || !current) {
          shownCounterfactual = null;
          $('counterfactual').hidden = true;
          markEdited(-1);
          return;
        }
        const parts = state.edit.split(':');
        const index = Number(parts[0]);
        const op = parts[1];
        const answer = current.explanation;
        const token = answer.tokens[index];
        if (!Number.isInteger(index) || !token || !['delete', 'replace', 'mask'].includes(op)) {
          showStatus('The edit in the URL (' + state.edit + ') does not fit this text; click a token to edit it.', true);
          return;
        }
        const target = explainedTarget(current);
        const base = requestBody({});
        base.model = answer.model.name;
        base.target = target;
        let body, display = null, description;
        if (op === 'mask') {
          const mask = maskChoice(current);
          body = Object.assign(base, { token_ids: answer.tokens.map((t, i) => (i === index ? mask.id : t.id)) });
          display = answer.tokens.map((t, i) => (i === index ? mask.name : t.text));
          description = 'Masked “' + token.text + '” with ' + mask.name + ' (' + mask.words + ')';
        } else {
          const scalars = Array.from(answer.text);
          let end = token.end;
          const word = op === 'replace' ? parts.slice(2).join(':') : '';
          if (op === 'delete' && /\s/.test(scalars[end] || '') && (token.start === 0 || /\s/.test(scalars[token.start - 1]))) end += 1;
          body = Object.assign(base, { text: scalars.slice(0, token.start).join('') + word + scalars.slice(end).join('') });
          description = op === 'delete' ? 'Deleted “' + token.text + '”' : 'Replaced “' + token.text + '” with “' + word + '”';
        }
        const view = await api('/api/view', post('/api/view', body, signal));
        shownCounterfactual = { view, display, description, index, target };
        drawCounterfactual();
      }

      function drawCounterfactual() {
        const shown = shownCounterfactual;
        const before = current.explanation.probabilities[shown.target];
        const after = shown.view.explanation.probabilities[shown.target];
        const delta = after - before;
        const panel = $('counterfactual');
        panel.querySelector('.change').textContent = shown.description + '. p(' + shown.target + '): '
          + before.toFixed(3) + ' → ' + after.toFixed(3) + ' (Δp ' + (delta >= 0 ? '+' : '−') + Math.abs(delta).toFixed(3)
          + '); predicted ' + shown.view.explanation.predicted + '.';
        panel.querySelector('.change').dataset.delta = String(delta);
        drawPanel(panel, shown.view, shown.display);
        panel.hidden = false;
        markEdited(shown.index);
      }

      function markEdited(index) {
        for (const span of document.querySelectorAll('#original .tokens span')) {
          span.classList.toggle('edited', Number(span.dataset.index) === index);
        }
      }

    """#
}
