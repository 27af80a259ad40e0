#!/usr/bin/env python3
"""Which texts of an evaluation file did a default model see in training?

  python3 scripts/training_overlap.py en|zh FILE... [--training TSV...] [--write-unseen DIR]

A default model is trained on data/mix/<lang>/train.tsv and early-stopped on data/mix/<lang>/dev.tsv (written by
scripts/fetch-data.sh); --training names other files instead. Each FILE's texts are compared with those rows
after the corpora's normalisation (fetch_corpora.norm_key: NFKC, case-folded, letters and digits only), so
spacing, punctuation and case do not hide a match. A text counts as seen when

  * its key equals a training row's key, or
  * its key (at least MIN_CONTAINED letters and digits) lies inside a training row's key (a sentence of a
    review the model was trained on whole), or
  * a training row's key (at least MIN_CONTAINED long) lies inside it (a review whose lines or first 200
    characters the model was trained on).

A FILE is read as records: a .csv file with the csv module, any other file as lines split at TAB; a record's
text is its longest field that is not a label (a number, negative, positive, ...), so `label<TAB>text`,
`text<TAB>label` and `label,review` files all work; a first record that names a column text, review, sentence or
content is a header and skipped. Files that are not UTF-8 are
read as Latin-1. The report goes to stdout: per file, its records and how many were seen, with the first few.
--write-unseen DIR writes each FILE's unseen records to DIR/<file name>, in its own format (it refuses to replace
an existing file). Exit status: 0 when no text was seen, 1 when some were, 2 on bad input.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fetch_corpora as fc  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
# Keys shorter than this are compared whole only: a short phrase ("服务很好", "great movie") inside a longer text
# is common wording, not evidence that the text was trained on.
MIN_CONTAINED = 20
HEADER_NAMES = frozenset(("text", "review", "sentence", "content"))
LABEL_NAMES = frozenset(("negative", "positive", "neutral", "neg", "pos", "label"))


class OverlapError(Exception):
    pass


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise OverlapError(f"{path}: cannot read ({e.strerror or e})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_records(path: Path) -> Tuple[List[List[str]], str]:
    """(records, format): each record a list of fields; format "csv" or "tsv"."""
    text = read_text(path)
    if path.suffix.lower() == ".csv":
        try:
            records = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
        except csv.Error as e:
            raise OverlapError(f"{path}: not a CSV file ({e}); give it another suffix to read it as lines") from None
        return records, "csv"
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r").split("\t") for line in lines], "tsv"


def is_label(field: str) -> bool:
    return field.strip().lower() in LABEL_NAMES or field.strip().lstrip("+-").isdigit()


def record_text(record: Sequence[str]) -> str:
    """The longest field that is not a label (the longest field when all are)."""
    fields = [f for f in record if not is_label(f)] or list(record)
    return max(fields, key=len) if fields else ""


def is_header(record: Sequence[str]) -> bool:
    return any(field.strip().lower() in HEADER_NAMES for field in record)


def training_keys(paths: Sequence[Path]) -> Set[str]:
    keys = set()
    for path in paths:
        records, _ = read_records(path)
        if not records:
            raise OverlapError(f"{path}: no rows")
        for record in records[1:] if is_header(records[0]) else records:
            key = fc.norm_key(record_text(record))
            if key:
                keys.add(key)
    return keys


class Index:
    """Finds, for a text's key, a training key equal to it, containing it or contained in it."""

    def __init__(self, keys: Set[str]):
        self.keys = keys
        self.long_keys_by_prefix: Dict[str, List[str]] = {}
        for key in keys:
            if len(key) >= MIN_CONTAINED:
                self.long_keys_by_prefix.setdefault(key[:MIN_CONTAINED], []).append(key)
        self.joined = "\n".join(sorted(keys))  # "\n" is never part of a key

    def how_seen(self, key: str) -> Optional[str]:
        if not key:
            return None
        if key in self.keys:
            return "equal"
        if len(key) >= MIN_CONTAINED and key in self.joined:
            return "inside a training text"
        for start in range(len(key) - MIN_CONTAINED + 1):
            for long_key in self.long_keys_by_prefix.get(key[start:start + MIN_CONTAINED], ()):
                if key.startswith(long_key, start):
                    return "contains a training text"
        return None


def write_unseen(path: Path, records: Sequence[List[str]], kind: str) -> None:
    if path.exists():
        raise OverlapError(f"{path} exists: choose an empty --write-unseen directory")
    out = io.StringIO(newline="")
    if kind == "csv":
        csv.writer(out, lineterminator="\n").writerows(records)
    else:
        out.writelines("\t".join(record) + "\n" for record in records)
    fc.write_atomic(path, out.getvalue())


def check(path: Path, index: Index, examples: int = 3) -> Tuple[List[List[str]], List[str], str, bool]:
    """(unseen records, the header kept; report lines; the file's format; whether any text was seen)."""
    records, kind = read_records(path)
    header = bool(records) and is_header(records[0])
    body = records[1:] if header else records
    unseen, seen = [], {}
    shown = []
    for number, record in enumerate(body, start=2 if header else 1):
        how = index.how_seen(fc.norm_key(record_text(record)))
        if how is None:
            unseen.append(record)
            continue
        seen[how] = seen.get(how, 0) + 1
        if len(shown) < examples:
            shown.append(f"    {path.name}:{number} ({how}): {record_text(record)[:100]}")
    total = sum(seen.values())
    share = f" ({total / len(body):.1%})" if body else ""
    lines = [f"{path}: {len(body)} texts, {total} seen in training{share}"
             + ("".join(f"; {n} {how}" for how, n in sorted(seen.items())) if seen else "")] + shown
    return ([records[0]] if header else []) + unseen, lines, kind, total > 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lang", choices=("en", "zh"), help="whose training mixture: default-en's or default-zh's")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="evaluation files to check")
    parser.add_argument("--training", nargs="+", type=Path, metavar="TSV",
                        help="training files (default: data/mix/<lang>/train.tsv and dev.tsv)")
    parser.add_argument("--write-unseen", type=Path, metavar="DIR",
                        help="write each FILE's unseen records to DIR/<file name>")
    args = parser.parse_args(argv)
    training = args.training or [REPO_ROOT / "data" / "mix" / args.lang / f"{s}.tsv" for s in ("train", "dev")]
    try:
        for path in training:
            if not path.exists():
                raise OverlapError(f"{path} is missing: run scripts/fetch-data.sh first, or name the files "
                                   "with --training")
        names = [p.name for p in args.files]
        if args.write_unseen and len(set(names)) != len(names):
            raise OverlapError("two FILEs share a name; --write-unseen writes DIR/<file name>: check them one by one")
        index = Index(training_keys(training))
        print(f"training texts: {len(index.keys)} distinct keys from {', '.join(str(p) for p in training)}")
        any_seen = False
        for path in args.files:
            unseen, lines, kind, seen = check(path, index)
            any_seen |= seen
            print("\n".join(lines))
            if args.write_unseen:
                write_unseen(args.write_unseen / path.name, unseen, kind)
    except OverlapError as e:
        print(f"training-overlap: {e}", file=sys.stderr)
        return 2
    return 1 if any_seen else 0


if __name__ == "__main__":
    sys.exit(main())
