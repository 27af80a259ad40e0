#!/usr/bin/env python3
"""Markdown tables of the default models' figures, for README.md's "Default models" section.

  python3 scripts/training_tables.py en|zh

Reads reports/training/<lang>-domains.json (the default per domain, and naive Bayes on the same mixture),
<lang>-previous-default.json (the default before the broad mixtures, measured on the same test splits) and
<lang>-leave-one-out.json and <lang>-leave-one-source-out.json (when present; scripts/loo_rows.py's rows of the
"kinds" and "sources" tables, the mean of their seeds with their range when there are several) as
scripts/domain_eval.py wrote them; prints the tables to stdout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Dict, List, Optional

REPORTS = Path(__file__).resolve().parent.parent / "reports" / "training"


def load(name: str) -> Optional[Dict]:
    path = REPORTS / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def cell(value: float, best: bool) -> str:
    return f"**{value:.3f}**" if best else f"{value:.3f}"


def tables(lang: str) -> str:
    domains = load(f"{lang}-domains.json")
    if domains is None:
        raise SystemExit(f"training_tables: reports/training/{lang}-domains.json is missing: run scripts/train-defaults.sh")
    previous = load(f"{lang}-previous-default.json") or {}
    out = [f"| {lang} test split (rows) | `default-{lang}` accuracy | macro-F1 | naive Bayes accuracy | previous default |",
           "|---|---|---|---|---|"]
    for name, f in domains.items():
        model, bayes = f["model"]["accuracy"], f["naive_bayes"]["accuracy"]
        old = previous.get(name, {}).get("model", {}).get("accuracy")
        out.append(f"| {name} ({f['rows']:,}) | {cell(model, model > bayes)} | {f['model']['macro_f1']:.3f} | "
                   f"{bayes:.3f} | {'n/a' if old is None else f'{old:.3f}'} |")
    loo = load(f"{lang}-leave-one-out.json")
    if loo:
        # English kinds hold several domains; a Chinese domain is a kind of its own.
        left_out = "domain, its whole kind left out" if lang == "en" else "domain left out"
        out += [""] + loo_table(lang, loo, left_out)
    sources = load(f"{lang}-leave-one-source-out.json")
    if sources:
        out += [""] + loo_table(lang, sources, "source left out")
    return "\n".join(out) + "\n"


def loo_table(lang: str, loo: Dict, left_out: str) -> List[str]:
    """A leave-one-out table: the mean accuracy of a row's seeds (with their range) beside naive Bayes."""
    seeds = sorted({len(f.get("seeds", {})) or 1 for f in loo.values()})
    lstm = "LSTM trained without it" + ("" if seeds == [1] else
                                        f", mean of {'/'.join(map(str, seeds))} seeds (range)")
    out = [f"| {lang} {left_out} (rows) | {lstm} | naive Bayes trained without it |", "|---|---|---|"]
    for name, f in loo.items():
        model, bayes = f["model"]["accuracy"], f["naive_bayes"]["accuracy"]
        runs = [s["accuracy"] for s in f.get("seeds", {}).values()]
        spread = f" ({min(runs):.3f}–{max(runs):.3f})" if len(runs) > 1 else ""
        out.append(f"| {name} ({f['rows']:,}) | {cell(model, model > bayes)}{spread} | {bayes:.3f} |")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("en", "zh"):
        print("usage: training_tables.py en|zh", file=sys.stderr)
        sys.exit(64)
    sys.stdout.write(tables(sys.argv[1]))
