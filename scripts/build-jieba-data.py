#!/usr/bin/env python3
"""Build samples/jieba/jieba-0.42.1.dict, the segmenter tables that `saliency` embeds in its binary.

Source: the jieba 0.42.1 sdist from PyPI (MIT, Sun Junyi), checked against its sha256 below:
  * jieba/dict.txt                 349,046 lines `word freq tag`
  * jieba/finalseg/prob_start.py   HMM start log-probabilities  P[state]
  * jieba/finalseg/prob_trans.py   HMM transition log-probabilities  P[from][to]
  * jieba/finalseg/prob_emit.py    HMM emission log-probabilities  P[state][character]
The HMM tables are read with `ast.literal_eval` (no jieba code runs); the dictionary is parsed the way jieba
builds its prefix dictionary: each line's first two space-separated fields, a later duplicate line overwrites the
frequency of an earlier one, and `total` sums every line's frequency (duplicates included).

Output format (little-endian; every section starts at a multiple of 8 bytes; read by
Sources/Corpus/ChineseSegmenter/SegmenterTables.swift, which documents the same layout):

  header, 192 bytes
    0   8  magic  b"SLJIEBA\\0"
    8   4  format version (1)
    12  4  N  trie nodes, the root included
    16  4  F  distinct frequencies (entry 0 is 0 = "a prefix, not a word")
    20  4  R  characters with an emission row
    24  8  total: the sum of all dictionary frequencies (u64)
    32  32 start log-probabilities, states in the order B E M S (4 x f64)
    64  128 transition log-probabilities [from][to], B E M S x B E M S (16 x f64; -3.14e100 where jieba has none)
  frequencies  F x u32, ascending
  child_start  (N + 1) x u32: the children of node n are nodes child_start[n] ..< child_start[n + 1]
  label        N x u16: the character (a BMP scalar) on the edge into node n; 0 for the root
  frequency    N x u16: index into `frequencies` of the word that ends at node n (0: none)
  emit_chars   R x u16, ascending
  emission     R x 4 x f64: log P(character | state), states B E M S; -3.14e100 where jieba has none

The trie is in breadth-first order with siblings sorted by character, so every node's children are contiguous
and come after it. Words and emission rows that contain a character jieba's segmenter can never look up are
left out (this changes no segmentation): a dictionary word is only ever matched inside a block of
[U+4E00-U+9FD5 a-zA-Z0-9 + # & . _ % -], and the HMM only sees U+4E00-U+9FD5.

Run by hand: python3 scripts/build-jieba-data.py [--cache DIR] [--out FILE] [--offline]. Deterministic: the same
sdist gives the same bytes (README.md beside the output records their sha256). Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import struct
import subprocess
import sys
import tarfile
from collections import deque
from pathlib import Path
from typing import Dict, List, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent

SDIST = "jieba-0.42.1.tar.gz"
REQUIREMENT = "jieba==0.42.1"
SDIST_SHA256 = "055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2"
MEMBER_PREFIX = "jieba-0.42.1/jieba/"

MAGIC = b"SLJIEBA\0"
FORMAT_VERSION = 1
STATES = "BEMS"
MIN_FLOAT = -3.14e100  # jieba's log-probability of anything its tables do not list
HEADER_SIZE = 192


def log(message: str) -> None:
    print(f"build-jieba-data: {message}", file=sys.stderr)


def in_block_alphabet(ch: str) -> bool:
    """Whether jieba's default block pattern can contain `ch` (so a dictionary word with it can match)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FD5 or ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ("0" <= ch <= "9") or ch in "+#&._%-"


def in_hmm_alphabet(ch: str) -> bool:
    return 0x4E00 <= ord(ch) <= 0x9FD5


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_sdist(cache: Path, offline: bool) -> Path:
    path = cache / SDIST
    if not path.exists():
        if offline:
            raise SystemExit(f"build-jieba-data: {path} is missing and --offline was given; run without --offline")
        cache.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--no-input",
               "--no-binary", ":all:", "-d", str(cache), REQUIREMENT]
        log("downloading " + " ".join(cmd))
        if subprocess.run(cmd, stdout=sys.stderr, stderr=sys.stderr).returncode != 0 or not path.exists():
            raise SystemExit(f"build-jieba-data: pip download {REQUIREMENT} failed; is PyPI reachable?")
    got = sha256_file(path)
    if got != SDIST_SHA256:
        raise SystemExit(f"build-jieba-data: {path} has sha256 {got}, expected {SDIST_SHA256}; delete it and rerun")
    return path


def read_member(archive: tarfile.TarFile, name: str) -> str:
    member = archive.extractfile(MEMBER_PREFIX + name)
    if member is None:
        raise SystemExit(f"build-jieba-data: {SDIST} has no file {MEMBER_PREFIX + name}")
    return member.read().decode("utf-8")


def literal_table(source: str, name: str) -> dict:
    """The dict assigned to `P` in one of jieba's finalseg/prob_*.py files."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "P" for t in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit(f"build-jieba-data: {name} assigns no table P")


def parse_dictionary(text: str) -> Tuple[Dict[str, int], int]:
    frequencies: Dict[str, int] = {}
    total = 0
    for line_number, line in enumerate(text.split("\n"), 1):
        line = line.strip()
        if not line:
            continue
        fields = line.split(" ")
        if len(fields) < 2 or not fields[1].isdigit():
            raise SystemExit(f"build-jieba-data: dict.txt line {line_number}: expected `word freq [tag]`: {line!r}")
        frequencies[fields[0]] = int(fields[1])
        total += int(fields[1])
    return frequencies, total


def build_trie(words: Dict[str, int]) -> Tuple[List[int], List[int], List[int], List[int]]:
    """Breadth-first trie: (child_start, label, frequency index, distinct frequencies)."""
    children: List[Dict[str, int]] = [{}]
    node_frequency: List[int] = [0]
    for word, frequency in words.items():
        node = 0
        for ch in word:
            nxt = children[node].get(ch)
            if nxt is None:
                nxt = len(children)
                children[node][ch] = nxt
                children.append({})
                node_frequency.append(0)
            node = nxt
        node_frequency[node] = frequency
    distinct = sorted(set(node_frequency) | {0})
    index_of = {f: i for i, f in enumerate(distinct)}
    # Renumber breadth-first with siblings sorted by character.
    child_start, label, frequency_index = [], [], []
    order = deque([(0, 0)])
    next_id = 1
    while order:
        old, ch = order.popleft()
        label.append(ch)
        frequency_index.append(index_of[node_frequency[old]])
        child_start.append(next_id)
        for c in sorted(children[old]):
            order.append((children[old][c], ord(c)))
            next_id += 1
    child_start.append(next_id)
    return child_start, label, frequency_index, distinct


def pad8(blob: bytearray) -> None:
    blob.extend(b"\0" * (-len(blob) % 8))


def build(sdist: Path) -> bytes:
    with tarfile.open(sdist, "r:gz") as archive:
        dictionary = read_member(archive, "dict.txt")
        start = literal_table(read_member(archive, "finalseg/prob_start.py"), "prob_start.py")
        trans = literal_table(read_member(archive, "finalseg/prob_trans.py"), "prob_trans.py")
        emit = literal_table(read_member(archive, "finalseg/prob_emit.py"), "prob_emit.py")

    frequencies, total = parse_dictionary(dictionary)
    kept = {w: f for w, f in frequencies.items() if all(in_block_alphabet(c) for c in w)}
    if any(ord(c) > 0xFFFF for w in kept for c in w):
        raise SystemExit("build-jieba-data: a dictionary character lies outside the BMP; labels are 16-bit")
    child_start, label, frequency_index, distinct = build_trie(kept)
    if len(distinct) > 0xFFFF:
        raise SystemExit(f"build-jieba-data: {len(distinct)} distinct frequencies do not fit a 16-bit index")

    emit_chars = sorted({c for table in emit.values() for c in table if in_hmm_alphabet(c)})

    blob = bytearray()
    blob += MAGIC
    blob += struct.pack("<IIII", FORMAT_VERSION, len(label), len(distinct), len(emit_chars))
    blob += struct.pack("<Q", total)
    blob += struct.pack("<4d", *(start.get(s, MIN_FLOAT) for s in STATES))
    blob += struct.pack("<16d", *(trans.get(a, {}).get(b, MIN_FLOAT) for a in STATES for b in STATES))
    assert len(blob) == HEADER_SIZE
    blob += struct.pack(f"<{len(distinct)}I", *distinct)
    pad8(blob)
    blob += struct.pack(f"<{len(child_start)}I", *child_start)
    pad8(blob)
    blob += struct.pack(f"<{len(label)}H", *label)
    pad8(blob)
    blob += struct.pack(f"<{len(frequency_index)}H", *frequency_index)
    pad8(blob)
    blob += struct.pack(f"<{len(emit_chars)}H", *(ord(c) for c in emit_chars))
    pad8(blob)
    for c in emit_chars:
        blob += struct.pack("<4d", *(emit.get(s, {}).get(c, MIN_FLOAT) for s in STATES))
    log(f"{len(frequencies)} dictionary words ({len(frequencies) - len(kept)} never matchable, left out), "
        f"total {total}, {len(label)} trie nodes, {len(distinct)} distinct frequencies, "
        f"{len(emit_chars)} emission rows")
    return bytes(blob)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=REPO_ROOT / "scripts" / ".cache" / "pypi",
                        help="where the sdist is downloaded (default scripts/.cache/pypi)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "samples" / "jieba" / "jieba-0.42.1.dict",
                        help="output file (default samples/jieba/jieba-0.42.1.dict)")
    parser.add_argument("--offline", action="store_true", help="use only the cached sdist; never run pip")
    args = parser.parse_args()
    data = build(fetch_sdist(args.cache, args.offline))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.out.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(args.out)
    log(f"wrote {args.out} ({len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()})")


if __name__ == "__main__":
    main()
