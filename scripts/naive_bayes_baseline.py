#!/usr/bin/env python3
"""Multinomial naive Bayes baseline on unigrams + bigrams, for comparison with the LSTM.

Usage: python3 scripts/naive_bayes_baseline.py data/zh-reviews [--eval test|dev] [--alpha 1.0]
       [--tokenizer auto|zh-char|en-word]

Trains on CORPUS/train.tsv, evaluates on CORPUS/test.tsv (or dev.tsv) and prints one line of JSON with
accuracy, macro-F1 and balanced accuracy to stdout. Features: Chinese -> character unigrams and bigrams
(whitespace removed); English -> lower-cased word unigrams and bigrams from a simple regex tokenizer.
Laplace (add-alpha) smoothing over the training vocabulary; features never seen in training are ignored.
Python 3 standard library only. Errors go to stderr (exit 1; usage errors exit 64).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

LABELS = ("negative", "positive")
HEADER = "label\ttext"


class DataError(Exception):
    pass


# ---- reading --------------------------------------------------------------------------------------------------

def read_tsv(path: Path) -> List[Tuple[str, str]]:
    """Labelled TSV with header `label<TAB>text`; fails on the first malformed line, naming file and line."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            content = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: cannot read ({e})") from None
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].rstrip("\r") != HEADER:
        raise DataError(f"{path}:1: expected header 'label<TAB>text'")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        parts = line.split("\t")
        if len(parts) != 2:
            raise DataError(f"{path}:{number}: expected 2 tab-separated fields, got {len(parts)}")
        label, text = parts
        if label not in LABELS:
            raise DataError(f"{path}:{number}: unknown label {label!r} (expected negative or positive)")
        rows.append((label, text))
    if not rows:
        raise DataError(f"{path}: no rows")
    return rows


# ---- features -------------------------------------------------------------------------------------------------

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_EN_TOKEN = re.compile(r"[@#]?[a-z0-9_]+(?:'[a-z0-9]+)*|[^\sa-z0-9_]")


def zh_char_tokens(text: str) -> List[str]:
    return [ch for ch in text if not ch.isspace()]


def en_word_tokens(text: str) -> List[str]:
    return _EN_TOKEN.findall(text.lower())


def with_bigrams(tokens: Sequence[str]) -> List[str]:
    """Unigrams plus adjacent-pair bigrams (joined with U+0001, which never occurs in a token)."""
    return list(tokens) + [f"{a}\x01{b}" for a, b in zip(tokens, tokens[1:])]


TOKENIZERS = {"zh-char": zh_char_tokens, "en-word": en_word_tokens}


def detect_tokenizer(texts: Sequence[str]) -> str:
    han = sum(1 for t in texts if _HAN.search(t))
    return "zh-char" if han * 2 > len(texts) else "en-word"


# ---- model ----------------------------------------------------------------------------------------------------

class NaiveBayes:
    def __init__(self, alpha: float = 1.0):
        if alpha <= 0:
            raise ValueError("alpha must be > 0")
        self.alpha = alpha
        self.log_prior: Dict[str, float] = {}
        self.log_likelihood: Dict[str, Dict[str, float]] = {}
        self.log_unseen: Dict[str, float] = {}
        self.vocabulary: set = set()

    def fit(self, docs: Sequence[Sequence[str]], labels: Sequence[str]) -> "NaiveBayes":
        counts = {label: Counter() for label in LABELS}
        n_docs = Counter(labels)
        for features, label in zip(docs, labels):
            counts[label].update(features)
        self.vocabulary = set().union(*(c.keys() for c in counts.values()))
        v = len(self.vocabulary)
        total_docs = len(labels)
        for label in LABELS:
            if n_docs[label] == 0:
                raise DataError(f"no training rows labelled {label!r}")
            self.log_prior[label] = math.log(n_docs[label] / total_docs)
            denominator = sum(counts[label].values()) + self.alpha * v
            self.log_likelihood[label] = {f: math.log((n + self.alpha) / denominator)
                                          for f, n in counts[label].items()}
            self.log_unseen[label] = math.log(self.alpha / denominator)  # in vocabulary, unseen in this class
        return self

    def scores(self, features: Sequence[str]) -> Dict[str, float]:
        out = {}
        for label in LABELS:
            table = self.log_likelihood[label]
            unseen = self.log_unseen[label]
            out[label] = self.log_prior[label] + sum(table.get(f, unseen) for f in features
                                                     if f in self.vocabulary)
        return out

    def predict(self, features: Sequence[str]) -> str:
        s = self.scores(features)
        return max(LABELS, key=lambda label: s[label])  # ties: first label (max keeps the first maximum)


# ---- metrics --------------------------------------------------------------------------------------------------

def metrics(gold: Sequence[str], predicted: Sequence[str]) -> Dict[str, float]:
    if len(gold) != len(predicted) or not gold:
        raise ValueError("gold and predicted must be non-empty and of equal length")
    correct = sum(g == p for g, p in zip(gold, predicted))
    f1s, recalls = [], []
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
        if tp + fn:
            recalls.append(recall)
    return {
        "accuracy": correct / len(gold),
        "macro_f1": sum(f1s) / len(f1s),
        "balanced_accuracy": sum(recalls) / len(recalls),
    }


# ---- CLI ------------------------------------------------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 64, like the saliency CLI
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(64)


def run(corpus: Path, eval_split: str, alpha: float, tokenizer: str) -> Dict[str, object]:
    train = read_tsv(corpus / "train.tsv")
    evaluation = read_tsv(corpus / f"{eval_split}.tsv")
    if tokenizer == "auto":
        tokenizer = detect_tokenizer([t for _, t in train])
    tokenize = TOKENIZERS[tokenizer]
    model = NaiveBayes(alpha).fit([with_bigrams(tokenize(t)) for _, t in train], [label for label, _ in train])
    gold = [label for label, _ in evaluation]
    predicted = [model.predict(with_bigrams(tokenize(t))) for _, t in evaluation]
    majority = Counter(label for label, _ in train).most_common(1)[0][0]
    result: Dict[str, object] = {
        "corpus": str(corpus),
        "model": "multinomial-naive-bayes",
        "tokenizer": tokenizer,
        "features": "unigram+bigram",
        "alpha": alpha,
        "train_rows": len(train),
        "eval_split": eval_split,
        "eval_rows": len(evaluation),
        "vocabulary_size": len(model.vocabulary),
    }
    result.update({k: round(v, 6) for k, v in metrics(gold, predicted).items()})
    result["majority_accuracy"] = round(sum(g == majority for g in gold) / len(gold), 6)
    return result


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _Parser(description="Multinomial naive Bayes (unigrams+bigrams) baseline on a labelled TSV corpus.")
    parser.add_argument("corpus", type=Path, help="directory with train.tsv and test.tsv / dev.tsv")
    parser.add_argument("--eval", dest="eval_split", choices=("test", "dev"), default="test")
    parser.add_argument("--alpha", type=float, default=1.0, help="additive smoothing (default 1.0 = Laplace)")
    parser.add_argument("--tokenizer", choices=("auto", "zh-char", "en-word"), default="auto",
                        help="auto: zh-char when most training texts contain Han characters")
    args = parser.parse_args(argv)
    if args.alpha <= 0:
        parser.error("--alpha must be > 0")
    try:
        result = run(args.corpus, args.eval_split, args.alpha, args.tokenizer)
    except DataError as e:
        print(f"naive_bayes_baseline: {e}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
