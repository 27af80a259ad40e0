#!/usr/bin/env python3
"""Per-domain test figures of a model beside the naive Bayes bigram baseline trained on the same mixture.

  python3 scripts/domain_eval.py --model M --mix data/mix/en --domains data/domains/en [--only DOMAIN]
                                 [--binary .build/release/saliency] [--json OUT.json]

For every domain directory under --domains (or only --only), scores <domain>/test.tsv with
`saliency score --input … --format jsonl --model M` and computes accuracy, macro-F1 and balanced accuracy; the
baseline is scripts/naive_bayes_baseline.py's multinomial naive Bayes on unigrams + bigrams, trained on
<mix>/train.tsv and tested on the same rows. Prints a Markdown table to stdout and writes the figures as JSON
(--json). Errors go to stderr (exit 1).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import naive_bayes_baseline as nb  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent


def model_predictions(binary: Path, model: str, test: Path, rows: int) -> List[str]:
    """The model's predicted label of every row of test (in order), via `saliency score`."""
    result = subprocess.run([str(binary), "score", "--input", str(test), "--format", "jsonl", "--model", model],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise nb.DataError(f"saliency score on {test} failed: {result.stderr.decode('utf-8', 'replace').strip()}")
    predicted = [json.loads(line)["predicted"] for line in result.stdout.decode("utf-8").splitlines() if line]
    if len(predicted) != rows:
        raise nb.DataError(f"{test}: {rows} rows but {len(predicted)} predictions (rows without a known token?)")
    return predicted


def _has_rows(path: Path) -> bool:
    """A test file with at least one row (a domain can have none: critics gives training sentences only)."""
    return path.exists() and len(path.read_bytes().split(b"\n")) > 2


def baseline(train: Sequence[Tuple[str, str]], tokenizer: str) -> nb.NaiveBayes:
    tokenize = nb.TOKENIZERS[tokenizer]
    return nb.NaiveBayes(1.0).fit([nb.with_bigrams(tokenize(t)) for _, t in train], [label for label, _ in train])


def evaluate(binary: Path, model: str, mix: Path, domains: Path, only: Optional[str]) -> Dict[str, Dict]:
    train = nb.read_tsv(mix / "train.tsv")
    tokenizer = nb.detect_tokenizer([t for _, t in train])
    bayes = baseline(train, tokenizer)
    names = only.split(",") if only else sorted(p.name for p in domains.iterdir() if _has_rows(p / "test.tsv"))
    figures: Dict[str, Dict] = {}
    for name in names:
        test_path = domains / name / "test.tsv"
        test = nb.read_tsv(test_path)
        gold = [label for label, _ in test]
        lstm = nb.metrics(gold, model_predictions(binary, model, test_path, len(test)))
        bayes_predicted = [bayes.predict(nb.with_bigrams(nb.TOKENIZERS[tokenizer](t))) for _, t in test]
        figures[name] = {"rows": len(test), "model": lstm, "naive_bayes": nb.metrics(gold, bayes_predicted)}
    return figures


def markdown(figures: Dict[str, Dict]) -> str:
    lines = ["| domain (test rows) | model accuracy | model macro-F1 | naive Bayes accuracy | naive Bayes macro-F1 |",
             "|---|---|---|---|---|"]
    for name, f in figures.items():
        m, b = f["model"], f["naive_bayes"]
        lines.append(f"| {name} ({f['rows']:,}) | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | "
                     f"{b['accuracy']:.3f} | {b['macro_f1']:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Per-domain test figures beside a naive Bayes baseline.")
    parser.add_argument("--model", required=True, help="model file, or default-en / default-zh")
    parser.add_argument("--mix", type=Path, required=True, help="mixture directory whose train.tsv trained the model")
    parser.add_argument("--domains", type=Path, required=True, help="directory of <domain>/test.tsv")
    parser.add_argument("--only", help="evaluate these domains only (comma-separated)")
    parser.add_argument("--binary", type=Path, default=REPO_ROOT / ".build" / "release" / "saliency")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    try:
        figures = evaluate(args.binary, args.model, args.mix, args.domains, args.only)
    except (nb.DataError, OSError) as e:
        print(f"domain_eval: {e}", file=sys.stderr)
        return 1
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(markdown(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
