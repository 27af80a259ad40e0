/// The prefix-prediction curve's part of `/app.js`: p(target | w_1..w_t) for t = 1…T, from the answer's
/// `prefix_probabilities` (softmax of the dense layer on each hidden state h_t), drawn as an SVG built with
/// DOM calls; each point's tooltip names its token.
enum CurveScript {
  static let source = #"""
      const SVG = 'http://www.w3.org/2000/svg';

      function svg(tag, attributes, text) {
        const node = document.createElementNS(SVG, tag);
        for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
        if (text !== undefined) node.textContent = text;
        return node;
      }

      function drawCurve(view) {
        const answer = view.explanation;
        const target = explainedTarget(view);
        const k = answer.model.labels.indexOf(target);
        const curve = view.prefix_probabilities.map((row) => row[k]);
        const box = $('curve');
        box.replaceChildren();
        $('curve-caption').textContent = 'p(' + target + ' | the first t tokens) for t = 1…' + curve.length
          + ': what the model would answer if the text stopped after each token; the dashed line is 0.5.';
        if (!curve.length) return;
        const width = 640, height = 180, left = 36, right = 12, top = 10, bottom = 26;
        const x = (t) => left + (curve.length === 1 ? 0 : (t / (curve.length - 1)) * (width - left - right));
        const y = (p) => top + (1 - p) * (height - top - bottom);
        const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
        chart.append(svg('title', {}, 'p(' + target + ') after each token'));
        chart.append(svg('line', { class: 'axis', x1: left, y1: y(0), x2: width - right, y2: y(0) }));
        chart.append(svg('line', { class: 'axis', x1: left, y1: y(0), x2: left, y2: y(1) }));
        chart.append(svg('line', { class: 'half', x1: left, y1: y(0.5), x2: width - right, y2: y(0.5) }));
        for (const p of [0, 0.5, 1]) chart.append(svg('text', { x: left - 6, y: y(p) + 4, 'text-anchor': 'end' }, String(p)));
        chart.append(svg('text', { x: left, y: height - 6 }, 'token 1'));
        chart.append(svg('text', { x: width - right, y: height - 6, 'text-anchor': 'end' }, 'token ' + curve.length));
        chart.append(svg('polyline', { class: 'line', points: curve.map((p, t) => x(t).toFixed(1) + ',' + y(p).toFixed(1)).join(' ') }));
        curve.forEach((p, t) => {
          const dot = svg('circle', { class: 'dot', cx: x(t).toFixed(1), cy: y(p).toFixed(1), r: 3 });
          dot.append(svg('title', {}, (t + 1) + ' ' + answer.tokens[t].text + ': ' + p.toFixed(3)));
          chart.append(dot);
        });
        box.append(chart);
      }

    """#
}
