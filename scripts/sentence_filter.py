"""Keep the review sentences whose words agree with their review's label (a cross-fitted naive Bayes teacher).

A sentence cut from a review inherits the review's label, but many such sentences carry no opinion (a plot
summary) or the opposite one ("the first half drags" in a positive review). Training on them teaches the model
that plain sentences are polar. The filter scores each training sentence with a multinomial naive Bayes model
(unigrams + bigrams, scripts/naive_bayes_baseline.py) trained on the *other* half of the domain's training
sentences (halves by key hash: no sentence is scored by a model that saw it) and keeps it when the posterior of
its review's label is at least `threshold`. Titles, whole short reviews and texts labelled by their authors are
never filtered. Only training rows pass through here: dev and test hold no sentences.
"""

from __future__ import annotations

import math
from typing import Dict, List, Sequence, Tuple

import fetch_corpora as fc
import naive_bayes_baseline as nb

# Posterior of the review's label a sentence needs to be kept (chosen on dev accuracy; docs/data.md).
DEFAULT_THRESHOLD = 0.8


def _posterior(model: nb.NaiveBayes, features: Sequence[str], label: str) -> float:
    scores = model.scores(features)
    top = max(scores.values())
    total = sum(math.exp(v - top) for v in scores.values())
    return math.exp(scores[label] - top) / total


def filter_sentences(rows: Sequence[fc.Row], is_sentence: Sequence[bool],
                     threshold: float = DEFAULT_THRESHOLD) -> Tuple[List[fc.Row], Dict[str, int]]:
    """rows (one domain's train split) -> the rows kept, in order, and counts.

    is_sentence[i] says whether rows[i] is a review sentence (the only rows that may be dropped).
    """
    if len(rows) != len(is_sentence):
        raise ValueError("is_sentence must have one entry per row")
    features = [nb.with_bigrams(nb.en_word_tokens(r.text)) if s else [] for r, s in zip(rows, is_sentence)]
    half = [int(fc.key_digest(r.key)[8:16], 16) % 2 for r in rows]
    models = {}
    for side in (0, 1):
        chosen = [i for i in range(len(rows)) if is_sentence[i] and half[i] != side]
        if not chosen or len({rows[i].label for i in chosen}) < 2:
            return list(rows), {"sentences": sum(is_sentence), "dropped": 0}
        models[side] = nb.NaiveBayes(1.0).fit([features[i] for i in chosen], [rows[i].label for i in chosen])
    kept: List[fc.Row] = []
    dropped = 0
    for i, row in enumerate(rows):
        if is_sentence[i] and _posterior(models[half[i]], features[i], row.label) < threshold:
            dropped += 1
            continue
        kept.append(row)
    return kept, {"sentences": sum(is_sentence), "dropped": dropped}
