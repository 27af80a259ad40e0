#!/usr/bin/env python3
"""Compare the Swift Chinese segmenter with Python jieba 0.42.1 (`jieba.lcut(text, HMM=True)`).

Run by scripts/compare-jieba.sh, which sets up the venv with jieba and builds SegmentTool. Reads the text column
of every TSV corpus file given (header with a `text` column; texts deduplicated, order kept), segments every
text with both, and prints to stdout the share of texts segmented identically (the same words at the same
offsets), the first differing texts, the throughput of both (texts/s, best of --repeats passes over all texts)
and the load time of both. Needs jieba importable (only inside that venv).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Sequence


def log(message: str) -> None:
    print(f"compare-jieba: {message}", file=sys.stderr)


def read_texts(paths: Sequence[Path]) -> List[str]:
    """The `text` column of each TSV file, deduplicated in order; texts never contain LF (the files are TSV)."""
    seen = set()
    texts: List[str] = []
    for path in paths:
        with path.open(encoding="utf-8", newline="\n") as f:
            header = f.readline().rstrip("\n").split("\t")
            if "text" not in header:
                raise SystemExit(f"compare-jieba: {path}: line 1 has no `text` column (found {header})")
            column = header.index("text")
            for line_number, line in enumerate(f, 2):
                fields = line.rstrip("\n").split("\t")
                if len(fields) <= column:
                    raise SystemExit(f"compare-jieba: {path}:{line_number}: no field {column + 1}")
                text = fields[column]
                if text not in seen:
                    seen.add(text)
                    texts.append(text)
    return texts


def word_ends(words: Sequence[str]) -> List[int]:
    """End offsets (code points = Unicode scalars) of consecutive words."""
    ends, position = [], 0
    for word in words:
        position += len(word)
        ends.append(position)
    return ends


def words_at(text: str, ends: Sequence[int]) -> List[str]:
    starts = [0] + list(ends[:-1])
    return [text[a:b] for a, b in zip(starts, ends)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tool", type=Path, help="the SegmentTool executable (release build)")
    parser.add_argument("files", type=Path, nargs="+", help="TSV corpus files with a `text` column")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes of each segmenter (best counts)")
    parser.add_argument("--examples", type=int, default=10, help="differing texts to show")
    args = parser.parse_args()

    import jieba  # only available inside the venv of scripts/compare-jieba.sh

    texts = read_texts(args.files)
    if not texts:
        raise SystemExit("compare-jieba: no texts in " + ", ".join(map(str, args.files)))
    log(f"{len(texts)} distinct texts from {len(args.files)} files")

    jieba.setLogLevel(60)
    start = time.perf_counter()
    jieba.initialize()
    jieba_load = time.perf_counter() - start
    best_python = float("inf")
    reference: List[List[int]] = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        segmented = [jieba.lcut(text, HMM=True) for text in texts]
        best_python = min(best_python, time.perf_counter() - start)
        reference = [word_ends(words) for words in segmented]

    with tempfile.TemporaryDirectory() as tmp:
        inputs, outputs = Path(tmp) / "texts.txt", Path(tmp) / "ends.txt"
        with inputs.open("w", encoding="utf-8", newline="\n") as f:
            for text in texts:
                f.write(text + "\n")
        run = subprocess.run([str(args.tool), str(inputs), str(outputs), "--repeats", str(args.repeats)],
                             stdout=subprocess.PIPE, check=True)
        swift_stats = json.loads(run.stdout)
        with outputs.open(encoding="utf-8") as f:
            swift = [[int(x) for x in line.split()] for line in f.read().split("\n")[: len(texts)]]

    differing = [i for i, (a, b) in enumerate(zip(reference, swift)) if a != b]
    same = len(texts) - len(differing)
    print(f"jieba {jieba.__version__} vs Swift ChineseSegmenter on {len(texts)} distinct texts "
          f"({sum(map(len, texts))} characters) from {len(args.files)} files:")
    print(f"  identical segmentation: {same}/{len(texts)} = {100.0 * same / len(texts):.3f}%")
    words_python = sum(map(len, reference))
    words_same = sum(len(set(a) & set(b)) for a, b in zip(reference, swift))
    print(f"  word boundaries in common: {words_same}/{words_python}")
    swift_rate = swift_stats["texts_per_second"]
    print(f"  speed (best of {args.repeats}): Python jieba {len(texts) / best_python:.0f} texts/s, "
          f"Swift {swift_rate:.0f} texts/s ({swift_rate * best_python / len(texts):.1f}x)")
    print(f"  Tokenizer.tokenize (Swift, best of {args.repeats}): character-han "
          f"{swift_stats['tokenize_characters_texts_per_second']:.0f} texts/s, word-jieba "
          f"{swift_stats['tokenize_words_texts_per_second']:.0f} texts/s")
    print(f"  load: Python jieba.initialize() {1000 * jieba_load:.1f} ms (from its cache file), "
          f"Swift tables {swift_stats['load_ms']:.2f} ms (first use, validation included)")
    for i in differing[: args.examples]:
        print(f"  text {i + 1}: {texts[i]}")
        print(f"    jieba: {' / '.join(words_at(texts[i], reference[i]))}")
        print(f"    Swift: {' / '.join(words_at(texts[i], swift[i]))}")


if __name__ == "__main__":
    main()
