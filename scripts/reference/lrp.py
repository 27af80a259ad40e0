"""LRP-epsilon for stacked and bidirectional LSTM and GRU encoders, in float64 (make_reference.py's reference).

Two independent implementations of the same rules (scripts/reference/README.md):
  lrp()           the relevance recursion in numpy, step by step, as Sources/Saliency/Methods/LRP.swift writes it;
  lrp_autograd()  gradient x input of a modified network in torch: with R = value * G at every node, each rule is a
                  gradient, and `through` keeps every forward value while giving the node the rule's gradient.

tensors: {state_dict name: float64 numpy array}; cell "lstm" | "gru"; the head reads [h->_T] or [h->_T; h<_1].
"""
import numpy as np
import torch

LRP_EPSILON = 0.001


def stabilised(z, eps):
    """D(z) = z + eps*s(z), s(z) = +1 if z >= 0 else -1."""
    return z + eps * np.where(z >= 0, 1.0, -1.0)


def ratio(r, z, eps):
    """R / D(z), 0 where D(z) = 0 (only possible with eps = 0)."""
    d = stabilised(z, eps)
    return np.divide(r, d, out=np.zeros_like(np.asarray(r, dtype=np.float64)), where=d != 0)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def parameters(tensors, cell, layer, direction, zero_bias):
    name = f"{cell}.{{}}_l{layer}{direction}"
    p = {key: tensors[name.format(key)] for key in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
    if zero_bias:
        p["bias_ih"], p["bias_hh"] = np.zeros_like(p["bias_ih"]), np.zeros_like(p["bias_hh"])
    return p


def order(T, reverse):
    """Positions in a direction's processing order."""
    return list(range(T - 1, -1, -1)) if reverse else list(range(T))


def forward_direction(cell, x, p, reverse):
    """A direction over x [T, in]; per position the values its relevance pass reads."""
    T, H = x.shape[0], p["weight_hh"].shape[1]
    h, c = np.zeros(H), np.zeros(H)
    keys = ("h", "c", "i", "f", "g", "zg") if cell == "lstm" else ("h", "r", "z", "n", "v", "an")
    out = {key: np.zeros((T, H)) for key in keys}
    for t in order(T, reverse):
        if cell == "lstm":  # gates i, f, g, o
            z = p["weight_ih"] @ x[t] + p["weight_hh"] @ h + p["bias_ih"] + p["bias_hh"]
            i, f = sigmoid(z[:H]), sigmoid(z[H:2 * H])
            g, o = np.tanh(z[2 * H:3 * H]), sigmoid(z[3 * H:])
            c = f * c + i * g
            h = o * np.tanh(c)
            values = {"h": h, "c": c, "i": i, "f": f, "g": g, "zg": z[2 * H:3 * H]}
        else:  # gates r, z, n; PyTorch: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) n + z h
            gi = p["weight_ih"] @ x[t] + p["bias_ih"]
            gh = p["weight_hh"] @ h + p["bias_hh"]
            r, z = sigmoid(gi[:H] + gh[:H]), sigmoid(gi[H:2 * H] + gh[H:2 * H])
            v = gh[2 * H:]
            an = gi[2 * H:] + r * v
            n = np.tanh(an)
            h = (1 - z) * n + z * h
            values = {"h": h, "r": r, "z": z, "n": n, "v": v, "an": an}
        for key, value in values.items():
            out[key][t] = value
    return out


def relevance_direction(cell, trace, x, p, incoming, reverse, eps):
    """R^x [T, in] of one direction, given the relevance of its output h_t at every position (incoming [T, H])."""
    T, H = x.shape[0], p["weight_hh"].shape[1]
    rows = slice(2 * H, 3 * H)  # [g] of the LSTM, [n] of the GRU
    W_ih, W_hh = p["weight_ih"][rows], p["weight_hh"][rows]
    steps = order(T, reverse)
    r_hidden = incoming.copy()
    r_cell = np.zeros(H)
    relevance_input = np.zeros_like(x)
    for position in range(T - 1, -1, -1):
        t = steps[position]
        previous = steps[position - 1] if position > 0 else None
        h_prev = trace["h"][previous] if previous is not None else np.zeros(H)
        if cell == "lstm":
            c_prev = trace["c"][previous] if previous is not None else np.zeros(H)
            total = r_cell + r_hidden[t]                              # h = o tanh(c): all to c
            carried, written = trace["f"][t] * c_prev, trace["i"][t] * trace["g"][t]
            share = ratio(total, carried + written, eps)
            r_cell = carried * share                                  # -> c_prev
            q = ratio(written * share, trace["zg"][t], eps)           # -> g -> zg
            relevance_input[t] += x[t] * (W_ih.T @ q)
            if previous is not None:
                r_hidden[previous] += h_prev * (W_hh.T @ q)
        else:
            z = trace["z"][t]
            a, b = (1 - z) * trace["n"][t], z * h_prev                # h = a + b
            share = ratio(r_hidden[t], a + b, eps)
            q = ratio(a * share, trace["an"][t], eps)                 # -> n -> a_n
            relevance_input[t] += x[t] * (W_ih.T @ q)
            r_v = trace["r"][t] * trace["v"][t] * q                   # r v -> v (r is a gate)
            q_v = ratio(r_v, trace["v"][t], eps)
            if previous is not None:
                r_hidden[previous] += b * share + h_prev * (W_hh.T @ q_v)
    return relevance_input


def lrp(tensors, ids, target, cell, layers, bidirectional, eps=LRP_EPSILON, zero_bias=False):
    """(token scores [T], embedding relevance [T, E], logit_k, logits [K]) of the numpy recursion."""
    directions = ["", "_reverse"] if bidirectional else [""]
    x = tensors["embedding.weight"][ids]
    T = len(ids)
    inputs, traces = [], []
    for layer in range(layers):
        inputs.append(x)
        trace = {d: forward_direction(cell, x, parameters(tensors, cell, layer, d, zero_bias), d == "_reverse")
                 for d in directions}
        traces.append(trace)
        x = np.concatenate([trace[d]["h"] for d in directions], axis=1)
    H = tensors[f"{cell}.weight_hh_l0"].shape[1]
    head = np.concatenate([traces[-1][""]["h"][-1]] + ([traces[-1]["_reverse"]["h"][0]] if bidirectional else []))
    fc_bias = np.zeros_like(tensors["fc.bias"]) if zero_bias else tensors["fc.bias"]
    logits = tensors["fc.weight"] @ head + fc_bias
    logit = logits[target]
    start = tensors["fc.weight"][target] * head * ratio(logit, logit, eps)
    incoming = {d: np.zeros((T, H)) for d in directions}
    incoming[""][T - 1] += start[:H]
    if bidirectional:
        incoming["_reverse"][0] += start[H:]
    for layer in range(layers - 1, -1, -1):
        relevance_input = sum(relevance_direction(cell, traces[layer][d], inputs[layer],
                                                  parameters(tensors, cell, layer, d, zero_bias), incoming[d],
                                                  d == "_reverse", eps)
                              for d in directions)
        incoming = {d: relevance_input[:, j * H:(j + 1) * H].copy() for j, d in enumerate(directions)}
    return relevance_input.sum(axis=1), relevance_input, logit, logits


def through(value, surrogate):
    """`value` forward, `surrogate`'s gradient backward."""
    return value.detach() + surrogate - surrogate.detach()


def lrp_autograd(tensors, ids, target, cell, layers, bidirectional, eps=LRP_EPSILON):
    """The token scores [T] as gradient x input of the modified network.

    With R = value * G: y = Wx + b passes G_x = W^T (y/D(y) G_y). LSTM: c = f c_prev + i g passes f c/D(c) G_c and
    i c/D(c) G_c; h = o tanh(c) passes h/c G_h to c; g = tanh(zg) passes g/zg G_g. GRU: h = (1-z) n + z h_prev
    passes (1-z) h/D(h) G_h to n and z h/D(h) G_h to h_prev; n = tanh(a_n) passes n/a_n G_n; a_n = W_in x + b_in
    + r v passes r a_n/D(a_n) G_an to v; v = W_hn h_prev + b_hn is linear. Gates (i, f, o, r, z) are detached."""
    def D(z):
        return z + eps * torch.where(z >= 0, 1.0, -1.0).double()

    t = {k: torch.tensor(v) for k, v in tensors.items()}
    directions = ["", "_reverse"] if bidirectional else [""]
    e = t["embedding.weight"][ids].clone().requires_grad_(True)
    x, T = e, len(ids)
    for layer in range(layers):
        outputs = {}
        for d in directions:
            W_ih, W_hh = t[f"{cell}.weight_ih_l{layer}{d}"], t[f"{cell}.weight_hh_l{layer}{d}"]
            b_ih, b_hh = t[f"{cell}.bias_ih_l{layer}{d}"], t[f"{cell}.bias_hh_l{layer}{d}"]
            H = W_hh.shape[1]
            rows = slice(2 * H, 3 * H)
            h = torch.zeros(H, dtype=torch.float64)
            c = torch.zeros(H, dtype=torch.float64)
            out = [None] * T
            for step in order(T, d == "_reverse"):
                if cell == "lstm":
                    z = W_ih @ x[step].detach() + W_hh @ h.detach() + b_ih + b_hh
                    i, f, o = torch.sigmoid(z[:H]), torch.sigmoid(z[H:2 * H]), torch.sigmoid(z[3 * H:])
                    zg_value = z[rows]
                    zg = through(zg_value, (W_ih[rows] @ x[step] + W_hh[rows] @ h) * (zg_value / D(zg_value)))
                    g_value = torch.tanh(zg_value)
                    g = through(g_value, zg * (g_value / zg_value))
                    c_value = f * c.detach() + i * g_value
                    c = through(c_value, (f * c + i * g) * (c_value / D(c_value)))
                    h_value = o * torch.tanh(c_value)
                    h = through(h_value, c * (h_value / c_value))
                else:
                    gi = W_ih @ x[step].detach() + b_ih
                    gh = W_hh @ h.detach() + b_hh
                    r, z = torch.sigmoid(gi[:H] + gh[:H]), torch.sigmoid(gi[H:2 * H] + gh[H:2 * H])
                    v_value = gh[rows]
                    v = through(v_value, (W_hh[rows] @ h) * (v_value / D(v_value)))
                    an_value = gi[rows] + r * v_value
                    an = through(an_value, (W_ih[rows] @ x[step] + r * v) * (an_value / D(an_value)))
                    n_value = torch.tanh(an_value)
                    n = through(n_value, an * (n_value / an_value))
                    h_value = (1 - z) * n_value + z * h.detach()
                    h = through(h_value, ((1 - z) * n + z * h) * (h_value / D(h_value)))
                out[step] = h
            outputs[d] = torch.stack(out)
        x = torch.cat([outputs[d] for d in directions], dim=1)
    head = torch.cat([outputs[""][-1]] + ([outputs["_reverse"][0]] if bidirectional else []))
    logit_value = t["fc.weight"][target] @ head.detach() + t["fc.bias"][target]
    logit = through(logit_value, (t["fc.weight"][target] @ head) * (logit_value / D(logit_value)))
    logit.backward()
    return (e.detach() * e.grad).sum(dim=1).numpy()
