#!/usr/bin/env python3
"""Merges leave-one-out figures into a leave-one-out table of reports/training/ (for train-defaults.sh).

The tables are <lang>-leave-one-out.json (by kind of text) and en-leave-one-source-out.json (by source).

  python3 scripts/loo_rows.py --out FILE [--keep FILE] [--keep-other-domains] --max-epochs N [--encoder FLAGS]
                              SEED:FIGURES.json:MIXTURE_DIR...

Each FIGURES.json is scripts/domain_eval.py's output for the model trained with SEED on MIXTURE_DIR/train.tsv.
A row of the result is one left-out domain:

  {"rows": N, "model": {mean over seeds}, "naive_bayes": {...}, "seeds": {"1": {...}, "2": {...}},
   "max_epochs": N, "train_sha256": "...", "encoder_flags": "..." (only when set)}

"model" is the mean of the seeds' accuracy, macro-F1 and balanced accuracy. A row of --keep gives its seeds to
the new row when it was trained the same way (same train_sha256, max_epochs and encoder_flags), so a run of more
seeds extends it; otherwise the new row replaces it whole. Rows of domains this run did not test are kept with
--keep-other-domains (a run of some groups) and dropped without it. Errors go to stderr (exit 1).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fetch_corpora import sha256_file  # noqa: E402

MEASURES = ("accuracy", "macro_f1", "balanced_accuracy")


def mean(seeds: Dict[str, Dict]) -> Dict[str, float]:
    return {m: sum(s[m] for s in seeds.values()) / len(seeds) for m in MEASURES if all(m in s for s in seeds.values())}


def merge(kept: Dict[str, Dict], parts: List[tuple], max_epochs: int, encoder: str,
          keep_other_domains: bool) -> Dict[str, Dict]:
    """parts: (seed, figures {domain: domain_eval row}, train_sha256) per trained model."""
    merged = {d: r for d, r in kept.items() if keep_other_domains}
    seeds: Dict[str, Dict[str, Dict]] = {}
    for seed, figures, train_sha in parts:
        how = {"max_epochs": max_epochs, "train_sha256": train_sha, **({"encoder_flags": encoder} if encoder else {})}
        for domain, row in figures.items():
            if domain not in seeds:
                old = kept.get(domain, {})
                alike = {k: old.get(k) for k in ("max_epochs", "train_sha256", "encoder_flags") if k in old} == how
                seeds[domain] = dict(old.get("seeds", {})) if alike else {}
            seeds[domain][str(seed)] = row["model"]
            ordered = dict(sorted(seeds[domain].items(), key=lambda item: int(item[0])))
            merged[domain] = {"rows": row["rows"], "model": mean(ordered), "naive_bayes": row["naive_bayes"],
                              "seeds": ordered, **how}
    return merged


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--keep", default="", help="an earlier table to merge into (empty: none)")
    parser.add_argument("--keep-other-domains", action="store_true")
    parser.add_argument("--max-epochs", type=int, required=True)
    parser.add_argument("--encoder", default="")
    parser.add_argument("parts", nargs="+", metavar="SEED:FIGURES.json:MIXTURE_DIR")
    args = parser.parse_args(argv)
    try:
        kept = json.loads(Path(args.keep).read_text(encoding="utf-8")) if args.keep else {}
        parts = []
        for part in args.parts:
            seed, figures, mixture = part.split(":", 2)
            parts.append((int(seed), json.loads(Path(figures).read_text(encoding="utf-8")),
                          sha256_file(Path(mixture) / "train.tsv")))
    except (OSError, ValueError) as error:
        print(f"loo_rows: {error}", file=sys.stderr)
        return 1
    merged = merge(kept, parts, args.max_epochs, args.encoder, args.keep_other_domains)
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
