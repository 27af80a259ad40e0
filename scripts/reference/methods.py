"""The float64 PyTorch classifier and the attribution definitions of make_reference.py (README.md lists them)."""
import itertools
import math

import numpy as np
import torch
from torch import nn
from captum.attr import IntegratedGradients
from safetensors.torch import load_file

IG_STEPS = 50


class Classifier(nn.Module):
    """embedding -> recurrent encoder (module `lstm` or `gru`, batch_first) -> fc on the top layer's final state."""

    def __init__(self, cell, layers, bidirectional, V, E, H, K):
        super().__init__()
        self.cell, self.layers, self.bidirectional, self.H = cell, layers, bidirectional, H
        self.embedding = nn.Embedding(V, E, padding_idx=0)
        recurrent = nn.LSTM if cell == "lstm" else nn.GRU
        setattr(self, cell, recurrent(E, H, num_layers=layers, bidirectional=bidirectional, batch_first=True))
        self.fc = nn.Linear(H * (2 if bidirectional else 1), K)

    @property
    def encoder(self):
        return getattr(self, self.cell)

    def head_input(self, h_n):
        """[B, D*H]: the top layer's h_n, or [h_n[-2]; h_n[-1]] when bidirectional."""
        return torch.cat([h_n[-2], h_n[-1]], dim=1) if self.bidirectional else h_n[-1]

    def from_embeddings(self, e):
        """Logits [B, K] of embedded sequences e [B, T, E] (all of length T, no padding)."""
        output, state = self.encoder(e)
        h_n = state[0] if self.cell == "lstm" else state
        return self.fc(self.head_input(h_n))

    def top_states(self, ids):
        """The top layer's output sequence [T, D*H] of one sequence."""
        output, _ = self.encoder(self.embedding(torch.tensor([ids])))
        return output[0]

    def logits(self, ids):
        return self.from_embeddings(self.embedding(torch.tensor([ids])))[0]


def load(path, cell, layers, bidirectional):
    tensors = load_file(path)
    V, E = tensors["embedding.weight"].shape
    K, DH = tensors["fc.weight"].shape
    H = DH // (2 if bidirectional else 1)
    model = Classifier(cell, layers, bidirectional, V, E, H, K)
    model.load_state_dict(tensors, strict=True)
    return model


def float64(model):
    """The exact float64 upcast of a float32 model, in eval mode."""
    copy = Classifier(model.cell, model.layers, model.bidirectional, model.embedding.num_embeddings,
                      model.embedding.embedding_dim, model.H, model.fc.out_features)
    copy.load_state_dict(model.state_dict())
    return copy.double().eval()


def probabilities(model, batch_ids):
    """softmax of the logits of a batch of equal-length id sequences [B, T] -> [B, K]."""
    with torch.no_grad():
        return torch.softmax(model.from_embeddings(model.embedding(torch.tensor(batch_ids))), dim=1)


def gradients(model, ids, target):
    """dlogit_k/de_t [T, E] and e [T, E]."""
    e = model.embedding(torch.tensor([ids])).detach().requires_grad_(True)
    model.from_embeddings(e)[0, target].backward()
    return e.grad[0].detach(), e[0].detach()


def integrated_gradients(model, ids, target):
    """Captum's IG over the embeddings, baseline zero, summed over E; and Captum's convergence delta."""
    e = model.embedding(torch.tensor([ids])).detach()
    ig = IntegratedGradients(model.from_embeddings)
    attributions, delta = ig.attribute(e, baselines=torch.zeros_like(e), target=target, n_steps=IG_STEPS,
                                       method="gausslegendre", return_convergence_delta=True)
    return attributions[0].sum(dim=1), float(delta[0])


def integrated_gradients_f64(model, ids, target):
    """The same quadrature with float64 nodes and weights (a check of Captum's float32 step weights)."""
    nodes, weights = np.polynomial.legendre.leggauss(IG_STEPS)
    alphas, weights = (nodes + 1) / 2, weights / 2
    e = model.embedding(torch.tensor([ids])).detach()
    path = torch.tensor(alphas).view(-1, 1, 1) * e
    path.requires_grad_(True)
    model.from_embeddings(path)[:, target].sum().backward()
    return (torch.tensor(weights).view(-1, 1, 1) * path.grad).sum(dim=0).mul(e[0]).sum(dim=1)


def occlusion(model, ids, target):
    batch = [ids] + [ids[:t] + [0] + ids[t + 1:] for t in range(len(ids))]
    p = probabilities(model, batch)[:, target]
    return p[0] - p[1:]


def shapley(model, ids, target):
    """Exact Shapley values over positions: 2^T coalitions, absent positions get id 0."""
    T = len(ids)
    masks = list(itertools.product([0, 1], repeat=T))
    values = {}
    for start in range(0, len(masks), 1024):
        chunk = masks[start:start + 1024]
        batch = [[i if m else 0 for i, m in zip(ids, mask)] for mask in chunk]
        for mask, v in zip(chunk, probabilities(model, batch)[:, target].tolist()):
            values[mask] = v
    phi = [0.0] * T
    for mask, v in values.items():
        size = sum(mask)
        for t in range(T):
            if mask[t]:
                continue
            with_t = mask[:t] + (1,) + mask[t + 1:]
            phi[t] += math.factorial(size) * math.factorial(T - size - 1) / math.factorial(T) * (values[with_t] - v)
    return phi, values[tuple([1] * T)] - values[tuple([0] * T)]


def prefix_probabilities(model, ids):
    """[T + 1, K]: row 0 = softmax(fc(0)) = softmax(fc.bias), row t = the prediction on w_1..t."""
    with torch.no_grad():
        rows = [torch.softmax(model.fc.bias, dim=0)]
        rows += [probabilities(model, [ids[:t]])[0] for t in range(1, len(ids) + 1)]
    return torch.stack(rows)


def trajectory(model, ids):
    """(summed, forward, backward or None) scores on the top layer's states."""
    with torch.no_grad():
        states = model.top_states(ids)
    H = model.H
    forward = states[:, :H]
    before = torch.cat([torch.zeros(1, H, dtype=forward.dtype), forward[:-1]])
    final = forward[-1]
    fw = (final - before).norm(dim=1) - (final - forward).norm(dim=1)
    if not model.bidirectional:
        return fw, fw, None
    backward = states[:, H:]                       # h<_t, t = 1..T; h<_1 is the backward final state
    after = torch.cat([backward[1:], torch.zeros(1, H, dtype=backward.dtype)])  # h<_{t+1}, h<_{T+1} = 0
    final = backward[0]
    bw = (final - after).norm(dim=1) - (final - backward).norm(dim=1)
    return fw + bw, fw, bw


def head_input(model, states):
    """What fc reads, from the top layer's output sequence [T, D*H]: h_T, or [h->_T; h<_1]."""
    if not model.bidirectional:
        return states[-1]
    return torch.cat([states[-1, :model.H], states[0, model.H:]])
