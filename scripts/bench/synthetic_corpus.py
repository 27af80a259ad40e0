#!/usr/bin/env python3
"""Writes a synthetic labelled corpus (TSV, header `label<TAB>text`) of N rows to stdout, for scale tests of
`saliency analyze`: each row joins 1-3 clauses drawn from rows of one label of a real corpus, so texts look
like the source and keep its vocabulary. Deterministic for a given --seed.

    python3 scripts/bench/synthetic_corpus.py --rows 1000000 data/zh-reviews/train.tsv > synthetic.tsv
"""
import argparse
import random
import re
import sys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="labelled TSV with a label<TAB>text header")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-clauses", type=int, default=3)
    args = parser.parse_args()

    clauses: dict[str, list[str]] = {}
    with open(args.source, encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        label_at, text_at = header.index("label"), header.index("text")
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != len(header):
                continue
            parts = [p for p in re.split(r"(?<=[，。！？,.!?；;])", fields[text_at]) if p.strip()]
            clauses.setdefault(fields[label_at], []).extend(parts)
    labels = sorted(clauses)
    if not labels:
        sys.exit(f"{args.source}: no rows")
    rng = random.Random(args.seed)
    out = sys.stdout
    out.write("label\ttext\n")
    for _ in range(args.rows):
        label = rng.choice(labels)
        pool = clauses[label]
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, args.max_clauses)))
        out.write(f"{label}\t{text}\n")


if __name__ == "__main__":
    main()
