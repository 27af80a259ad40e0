#!/usr/bin/env python3
"""Record what a model was trained on in its safetensors metadata (`saliency.training_data`).

  python3 scripts/model_card.py --model M.safetensors --mix data/mix/en --figures figures.json \
      --describe scripts/domain_descriptions.json --lang en

The value is a JSON object (a string in the file's `__metadata__`, as the contract requires):
  {"mixture": "en", "train_rows": N, "dev_rows": N, "documentation": "docs/data.md",
   "domains": [{"name", "source", "train_rows", "test_rows",
                "test": {"accuracy", "macro_f1", "balanced_accuracy"},
                "naive_bayes_test": {…}, "leave_one_out_test": {…}, "leave_one_out_naive_bayes_test": {…}
                (the last two when measured: the same recipe and the baseline trained without that domain)}, …]}
A domain that only gave training rows (no test split) has test_rows 0 and no figures.
where train_rows counts the domain's rows in the mixture (<mix>/domains.json, from build_corpora.py) and the test figures come from scripts/domain_eval.py.
Only the header changes: the tensors' bytes and offsets are kept, so every score stays identical. The file is
rewritten atomically. `saliency info` shows the object. Errors go to stderr (exit 1).
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence

KEY = "saliency.training_data"


class CardError(Exception):
    pass


def read_header(data: bytes, what: str) -> Dict:
    if len(data) < 8:
        raise CardError(f"{what}: too short for a safetensors file")
    (size,) = struct.unpack("<Q", data[:8])
    if 8 + size > len(data):
        raise CardError(f"{what}: header length {size} runs past the end of the file")
    try:
        header = json.loads(data[8:8 + size].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CardError(f"{what}: header is not JSON ({e})") from None
    if not isinstance(header, dict):
        raise CardError(f"{what}: header is not a JSON object")
    return header


def with_metadata(data: bytes, key: str, value: str, what: str) -> bytes:
    """The same file with __metadata__[key] = value; the header is padded with spaces to a multiple of 8 bytes
    (safetensors allows trailing spaces), the tensor bytes follow unchanged."""
    (size,) = struct.unpack("<Q", data[:8])
    header = read_header(data, what)
    metadata = header.setdefault("__metadata__", {})
    if not isinstance(metadata, dict):
        raise CardError(f"{what}: __metadata__ is not an object")
    metadata[key] = value
    encoded = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    return struct.pack("<Q", len(encoded)) + encoded + data[8 + size:]


def card(lang: str, mix: Path, figures: Dict, describe: Dict[str, str],
         leave_one_out: Optional[Dict], contributed: Optional[Dict[str, int]] = None) -> Dict:
    """The saliency.training_data object: one entry per tested domain (figures), then one per training-only
    domain of `contributed` (train rows per domain) without test figures."""
    contributed = contributed or {}
    train = [line for line in (mix / "train.tsv").read_text(encoding="utf-8").split("\n")[1:] if line]
    dev = [line for line in (mix / "dev.tsv").read_text(encoding="utf-8").split("\n")[1:] if line]
    domains: List[Dict] = []
    for name, f in figures.items():
        if name not in describe:
            raise CardError(f"no description for domain {name!r}: add it to the --describe file")
        entry = {"name": name, "source": describe[name], "train_rows": f.get("train_rows", 0),
                 "test_rows": f["rows"], "test": _rounded(f["model"]), "naive_bayes_test": _rounded(f["naive_bayes"])}
        if leave_one_out and name in leave_one_out:
            entry["leave_one_out_test"] = _rounded(leave_one_out[name]["model"])
            entry["leave_one_out_naive_bayes_test"] = _rounded(leave_one_out[name]["naive_bayes"])
        domains.append(entry)
    for name, rows in contributed.items():
        if name not in figures:  # a training-only domain (no test rows)
            if name not in describe:
                raise CardError(f"no description for domain {name!r}: add it to the --describe file")
            domains.append({"name": name, "source": describe[name], "train_rows": rows, "test_rows": 0})
    return {"mixture": lang, "train_rows": len(train), "dev_rows": len(dev), "documentation": "docs/data.md",
            "domains": domains}


def _rounded(metrics: Dict[str, float]) -> Dict[str, float]:
    """Six decimals: `info` shows three, and rounding to four first could round twice (0.87753 → 0.8775 → 0.877)."""
    return {k: round(v, 6) for k, v in metrics.items()}


def write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Add saliency.training_data to a model's metadata.")
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--lang", required=True, help="mixture name recorded in the card (en, zh)")
    parser.add_argument("--mix", type=Path, required=True, help="the mixture directory the model was trained on")
    parser.add_argument("--figures", type=Path, required=True, help="JSON written by domain_eval.py --json")
    parser.add_argument("--leave-one-out", type=Path, help="JSON {domain: domain_eval figures of the model "
                                                           "trained without that domain}")
    parser.add_argument("--describe", type=Path, required=True, help="JSON {domain: one-line source description}")
    args = parser.parse_args(argv)
    try:
        figures = json.loads(args.figures.read_text(encoding="utf-8"))
        contributed = json.loads((args.mix / "domains.json").read_text(encoding="utf-8"))
        for name, rows in contributed.items():
            if name in figures:
                figures[name]["train_rows"] = rows
        describe = json.loads(args.describe.read_text(encoding="utf-8"))
        loo = json.loads(args.leave_one_out.read_text(encoding="utf-8")) if args.leave_one_out else None
        value = json.dumps(card(args.lang, args.mix, figures, describe, loo, contributed), ensure_ascii=False,
                           separators=(",", ":"))
        data = args.model.read_bytes()
        write_atomic(args.model, with_metadata(data, KEY, value, str(args.model)))
    except (CardError, OSError, json.JSONDecodeError, KeyError) as e:
        print(f"model_card: {e}", file=sys.stderr)
        return 1
    print(f"model_card: wrote {KEY} ({len(value)} bytes) into {args.model}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
