#!/usr/bin/env python3
"""Does a method's top token land on the words that decide? The figures behind the default `--method`.

For each labelled corpus and each method (a `--method`/`--measure` setting of `saliency explain`), it explains
every text with the model, takes each text's top token (the highest signed score; the highest |score| for an
unsigned method; the first on ties), and prints:

  lexicon hit  share of the correctly predicted texts that contain a lexicon word of the predicted polarity
               whose top token is such a word (the denominator is printed);
  last token   share of the texts of at least two tokens whose top token is their last token (and, in
               brackets, the share whose top token is their last token and no lexicon word of either polarity:
               Chinese sentences often end on their sentiment word, as in 卖家很负责，推荐);
  any hit      share of all texts containing such a word whose top token is one (predicted polarity; wrong
               predictions included).

A token is "a word of polarity P" when
  --match token: its vocabulary form (`norm`, lower-cased) is a lexicon entry with valence of P's sign;
  --match span:  one of its characters lies inside a lexicon word of P's sign found in the text by greedy longest
                 match from the left (for Chinese, where a character model's tokens are parts of words).
positive = valence > --min-valence, negative = valence < -(--min-valence).

    python3 scripts/default_method_check.py --saliency .build/release/saliency \\
        --corpus data/en-tweets/test.tsv --model default-en --lexicon data/lexicons/en-vader.tsv --match token

Opt-in, not part of CI (bash scripts/default-method-check.sh runs it on both default models). Python 3
standard library only; the table goes to stdout, progress to stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

# (label shown in the table, extra `saliency explain` arguments). `default` passes no --method at all.
METHODS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("default (no --method)", ()),
    ("trajectory", ("--method", "trajectory")),
    ("gradient", ("--method", "gradient")),
    ("grad-input", ("--method", "grad-input")),
    ("integrated-gradients", ("--method", "integrated-gradients")),
    ("lrp", ("--method", "lrp")),
    ("prefix-prediction", ("--method", "prefix-prediction")),
    ("occlusion probability", ("--method", "occlusion", "--measure", "probability")),
    ("occlusion logit", ("--method", "occlusion", "--measure", "logit")),
    ("occlusion log-odds", ("--method", "occlusion", "--measure", "log-odds")),
)


def read_lexicon(path: Path) -> Dict[str, float]:
    """`word<TAB>valence` lines (`#` lines skipped) -> {word: valence}; the last value of a repeated word wins."""
    lexicon: Dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, rest = line.partition("\t")
        lexicon[word.strip()] = float(rest.split("\t", 1)[0])
    return lexicon


def read_corpus(path: Path) -> List[Tuple[str, str]]:
    """A TSV with a `label<TAB>text` header -> [(label, text)]."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = rows[0]
    li, ti = header.index("label"), header.index("text")
    return [(r[li], r[ti]) for r in rows[1:] if len(r) > max(li, ti) and r[ti].strip()]


def polarity(valence: float, threshold: float) -> Optional[str]:
    if valence > threshold:
        return "positive"
    if valence < -threshold:
        return "negative"
    return None


def span_polarities(text: str, lexicon: Dict[str, float], threshold: float, longest: int) -> List[Optional[str]]:
    """Per Unicode scalar of `text`, the polarity of the lexicon word covering it (greedy longest match from the
    left; words without a polarity at `threshold` are skipped), or None."""
    marks: List[Optional[str]] = [None] * len(text)
    i = 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            word = text[i:i + n]
            if word in lexicon and polarity(lexicon[word], threshold) is not None:
                for j in range(i, i + n):
                    marks[j] = polarity(lexicon[word], threshold)
                i += n
                break
        else:
            i += 1
    return marks


def token_polarities(explanation: dict, lexicon: Dict[str, float], threshold: float, match: str,
                     longest: int) -> List[Optional[str]]:
    """The polarity of each token of one `explain --format json` object (see --match)."""
    tokens = explanation["tokens"]
    if match == "token":
        out = []
        for t in tokens:
            word = (t.get("norm") or t["text"] or "").lower()
            out.append(polarity(lexicon[word], threshold) if word in lexicon else None)
        return out
    marks = span_polarities(explanation["text"], lexicon, threshold, longest)
    out = []
    for t in tokens:
        found = {marks[j] for j in range(t["start"], t["end"]) if j < len(marks)} - {None}
        out.append(found.pop() if len(found) == 1 else None)
    return out


def top_token(scores: Sequence[float], sign: str) -> int:
    """Index of the highest score (|score| for unsigned methods); the first one on ties."""
    keyed = [abs(s) for s in scores] if sign == "unsigned" else list(scores)
    return max(range(len(keyed)), key=lambda i: (keyed[i], -i))


@dataclass
class Tally:
    correct_with_word: int = 0
    correct_hits: int = 0
    with_word: int = 0
    hits: int = 0
    multi_token: int = 0
    last: int = 0
    last_not_word: int = 0

    def add(self, gold: str, explanation: dict, polarities: List[Optional[str]]) -> None:
        predicted = explanation["predicted"]
        (method,) = explanation["explanations"]
        scores = method["scores"]
        if not scores:
            return
        top = top_token(scores, method["sign"])
        if len(scores) >= 2:
            self.multi_token += 1
            self.last += top == len(scores) - 1
            self.last_not_word += top == len(scores) - 1 and polarities[top] is None
        if predicted in polarities:
            hit = polarities[top] == predicted
            self.with_word += 1
            self.hits += hit
            if predicted == gold:
                self.correct_with_word += 1
                self.correct_hits += hit


def explain(saliency: str, model: str, texts: List[str], extra: Sequence[str]) -> Tuple[List[dict], float]:
    """`saliency explain --format jsonl` over the texts (one per line of a temporary file) and its wall time."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("".join(t.replace("\n", " ").replace("\r", " ") + "\n" for t in texts))
        path = f.name
    try:
        start = time.monotonic()
        done = subprocess.run([saliency, "explain", "--model", model, "--input", path, "--format", "jsonl", *extra],
                              check=True, capture_output=True, text=True)
        seconds = time.monotonic() - start
    finally:
        Path(path).unlink()
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()], seconds


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saliency", required=True, help="the saliency binary")
    parser.add_argument("--corpus", required=True, type=Path, help="labelled TSV (label<TAB>text with a header)")
    parser.add_argument("--model", required=True, help="--model for saliency explain")
    parser.add_argument("--lexicon", required=True, type=Path, help="word<TAB>valence lexicon")
    parser.add_argument("--match", choices=("token", "span"), default="token", help="how tokens meet the lexicon")
    parser.add_argument("--min-valence", type=float, default=0.0, help="|valence| must exceed this (default 0)")
    parser.add_argument("--methods", default="", help="comma-separated labels of the METHODS table (default: all)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N texts (0: all)")
    args = parser.parse_args(argv)

    rows = read_corpus(args.corpus)
    if args.limit:
        rows = rows[:args.limit]
    lexicon = read_lexicon(args.lexicon)
    longest = max(len(w) for w in lexicon)
    chosen = [m for m in METHODS if not args.methods or m[0] in args.methods.split(",")]
    print(f"{args.corpus} ({len(rows)} texts), model {args.model}, lexicon {args.lexicon.name} "
          f"({len(lexicon)} entries, |valence| > {args.min_valence}, --match {args.match})")
    print(f"| method | lexicon hit, correct texts | last token | lexicon hit, all texts | ms per text (whole run) |")
    print("|---|---|---|---|---|")
    for label, extra in chosen:
        print(f"default-method-check: {label} on {args.corpus} ...", file=sys.stderr, flush=True)
        explanations, seconds = explain(args.saliency, args.model, [t for _, t in rows], extra)
        if len(explanations) != len(rows):
            raise SystemExit(f"{label}: {len(explanations)} explanations for {len(rows)} texts")
        tally = Tally()
        for (gold, _), explanation in zip(rows, explanations):
            tally.add(gold, explanation, token_polarities(explanation, lexicon, args.min_valence, args.match, longest))
        name = explanations[0]["explanations"][0]
        shown = f"{label} → {name['method']} {json.dumps(name['options'], separators=(',', ':'))}" \
            if label.startswith("default") else label
        print(f"| {shown} | {pct(tally.correct_hits, tally.correct_with_word)} "
              f"({tally.correct_hits}/{tally.correct_with_word}) | {pct(tally.last, tally.multi_token)} "
              f"({tally.last}/{tally.multi_token}; not a word {pct(tally.last_not_word, tally.multi_token)}) | {pct(tally.hits, tally.with_word)} ({tally.hits}/{tally.with_word}) "
              f"| {seconds / max(1, len(rows)) * 1000:.2f} ms |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
