"""Parsers for the broad corpora: each turns a source's raw bytes into labelled rows of one or more domains.

Every reader is pure (bytes in, rows out) so that scripts/tests/test_readers.py can check it on small inputs.
A row is (domain, label, text, group): `group` is the unit that the hash split keeps together — the normalised
text of the whole review a sentence was cut from, or the row's own text. Labels are `negative` / `positive`.
Python 3 standard library only.
"""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple

NEGATIVE = "negative"
POSITIVE = "positive"


class ReadError(Exception):
    """Malformed source data; the message names the file (and line or record where known)."""


# What a row is. Dev and test splits keep only rows whose label is the author's own (TEXT, TITLE, REVIEW):
# a SENTENCE inherits its review's label, which is noisy (plot summaries, "the first half drags" in a
# positive review), so sentences are training material only.
TEXT, TITLE, REVIEW, SENTENCE = "text", "title", "review", "sentence"


class SourceRow(NamedTuple):
    domain: str
    label: str
    text: str
    group: str  # rows sharing a group share a split (the review a sentence came from)
    kind: str = TEXT


# --------------------------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A sentence ends at . ! ? (runs, optionally followed by closing quotes/brackets) before whitespace.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


def squeeze(text: str) -> str:
    """Every whitespace run becomes one space; stripped."""
    return _SPACES.sub(" ", text).strip()


def word_count(text: str) -> int:
    return len(text.split())


def split_sentences(text: str, min_words: int = 3, max_words: int = 40) -> List[str]:
    """Review text -> sentences of min_words..max_words whitespace words.

    `<br />` tags and line breaks end a sentence; so does . ! or ? before whitespace. Shorter and longer pieces
    are dropped (fragments such as "Ok." say little; run-on paragraphs are not sentences).
    """
    pieces: List[str] = []
    for block in re.split(r"[\r\n]+", _BREAK_TAG.sub("\n", text)):
        pieces.extend(_SENTENCE_END.split(block))
    out = []
    for piece in pieces:
        sentence = squeeze(piece)
        if min_words <= word_count(sentence) <= max_words:
            out.append(sentence)
    return out


# Whole reviews up to this many words are rows of their own (kind REVIEW): short texts with a clean label.
SHORT_REVIEW_WORDS = 80


def review_rows(domain: str, label: str, review: str, group: str, title: Optional[str] = None,
                min_words: int = 3, max_words: int = 40) -> List[SourceRow]:
    """A review's title (when it has 1..max_words words), the whole review when it has at most
    SHORT_REVIEW_WORDS words, and its sentences; all in the review's group."""
    rows = []
    if title is not None:
        title = squeeze(title)
        if 1 <= word_count(title) <= max_words:
            rows.append(SourceRow(domain, label, title, group, TITLE))
    whole = squeeze(_BREAK_TAG.sub(" ", review))
    if word_count(whole) <= SHORT_REVIEW_WORDS:
        rows.append(SourceRow(domain, label, whole, group, REVIEW))
    rows.extend(SourceRow(domain, label, s, group, SENTENCE) for s in split_sentences(review, min_words, max_words))
    return rows


def decode_utf8(data: bytes, what: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ReadError(f"{what}: not UTF-8 ({e}); the pinned file has changed?") from None
    return text[1:] if text.startswith("\ufeff") else text


# --------------------------------------------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------------------------------------------

_BLITZER_REVIEW = re.compile(r"<review>(.*?)</review>", re.DOTALL)


def _blitzer_field(body: str, name: str, what: str) -> str:
    match = re.search(rf"<{name}>\s*(.*?)\s*</{name}>", body, re.DOTALL)
    if match is None:
        raise ReadError(f"{what}: a review has no <{name}> field")
    return match.group(1)


def read_blitzer(data: bytes, label: str, what: str) -> List[SourceRow]:
    """Blitzer et al. (2007) `positive.review` / `negative.review` (pseudo-XML, one <review> per record).

    Domain `amazon`; each review gives its title and sentences. Text is HTML-unescaped (`&amp;`, `&quot;`).
    The group is the review's unique_id, so a review's title and sentences share a split.
    """
    rows: List[SourceRow] = []
    bodies = _BLITZER_REVIEW.findall(decode_utf8(data, what))
    if not bodies:
        raise ReadError(f"{what}: no <review> records")
    for body in bodies:
        group = "amazon:" + squeeze(_blitzer_field(body, "unique_id", what))
        title = html.unescape(_blitzer_field(body, "title", what))
        text = html.unescape(_blitzer_field(body, "review_text", what))
        rows.extend(review_rows("amazon", label, text, group, title=title))
    return rows


def imdb_label(path: str) -> Optional[str]:
    """aclImdb layout: .../{train,test}/{pos,neg}/<id>_<rating>.txt -> label; other paths -> None."""
    parts = path.split("/")
    if len(parts) < 3 or not parts[-1].endswith(".txt") or parts[-3] not in ("train", "test"):
        return None
    return {"pos": POSITIVE, "neg": NEGATIVE}.get(parts[-2])


def read_imdb_review(data: bytes, path: str) -> List[SourceRow]:
    """One aclImdb review file -> its sentences (domain `imdb`), grouped by file path."""
    label = imdb_label(path)
    if label is None:
        raise ReadError(f"{path}: not an aclImdb review path (.../train|test/pos|neg/ID_RATING.txt)")
    text = html.unescape(decode_utf8(data, path))
    group = "imdb:" + "/".join(path.split("/")[-3:])
    return review_rows("imdb", label, text, group)


def read_sentiment140(data: bytes, label: str, what: str) -> List[SourceRow]:
    """Sentiment140 sample: one tweet per line (labels came from emoticons, which were removed). Domain
    `sentiment140`; HTML entities unescaped; each tweet is its own group."""
    rows = []
    for line in decode_utf8(data, what).split("\n"):
        text = squeeze(html.unescape(line))
        if text:
            rows.append(SourceRow("sentiment140", label, text, text))
    return rows


def agreed_aspect_label(polarities: Sequence[str]) -> Optional[str]:
    """SemEval-2014 aspect polarities of one sentence -> its label: every polar aspect agrees and none is
    `conflict`; neutral aspects are ignored; no polar aspect -> None (the sentence is not used)."""
    polar = {p for p in polarities if p != "neutral"}
    if polar == {"positive"}:
        return POSITIVE
    if polar == {"negative"}:
        return NEGATIVE
    return None


def read_semeval(data: bytes, domain: str, what: str) -> List[SourceRow]:
    """SemEval-2014 Task 4 XML (<sentence><text>…</text><aspectTerms>…<aspectCategories>…): a sentence is
    labelled when all its polar aspect terms and aspect categories agree (agreed_aspect_label)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise ReadError(f"{what}: not well-formed XML ({e})") from None
    rows = []
    for sentence in root.iter("sentence"):
        text_node = sentence.find("text")
        if text_node is None or not text_node.text:
            raise ReadError(f"{what}: sentence {sentence.get('id')!r} has no <text>")
        polarities = [node.get("polarity", "") for node in sentence.iter()
                      if node.tag in ("aspectTerm", "aspectCategory")]
        label = agreed_aspect_label(polarities)
        if label is not None:
            text = squeeze(text_node.text)
            rows.append(SourceRow(domain, label, text, text))
    return rows


_DETOKENIZE_CLITIC = re.compile(r" (n't|'s|'m|'re|'ve|'ll|'d)\b")
_DETOKENIZE_BEFORE = re.compile(r" ([,.!?;:)\]%])")
_DETOKENIZE_AFTER = re.compile(r"([(\[$]) ")


def detokenize(text: str) -> str:
    """Undo Penn-style spacing of pre-tokenised corpora: "it 's good , is n't it ?" -> "it's good, isn't it?"."""
    text = _DETOKENIZE_CLITIC.sub(r"\1", squeeze(text)).replace(" n't", "n't")
    return _DETOKENIZE_AFTER.sub(r"\1", _DETOKENIZE_BEFORE.sub(r"\1", text))


_PROS_CONS = re.compile(r"<(Pros|Cons)>(.*?)</\1>", re.DOTALL)


def read_pros_cons(data: bytes, what: str) -> List[SourceRow]:
    """Ganapathibhotla & Liu (2008) `IntegratedPros.txt` / `IntegratedCons.txt`: `<Pros>…</Pros>` lines (a
    product's pros, `positive`) or `<Cons>…</Cons>` (`negative`). Domain `pros-cons`; HTML entities unescaped."""
    rows = []
    for tag, body in _PROS_CONS.findall(decode_utf8(data, what)):
        text = squeeze(html.unescape(body))
        if text:
            rows.append(SourceRow("pros-cons", POSITIVE if tag == "Pros" else NEGATIVE, text, text))
    if not rows:
        raise ReadError(f"{what}: no <Pros> or <Cons> lines")
    return rows


_HU_LIU_OPINION = re.compile(r"\[([+-])\d*\]")


def read_hu_liu(data: bytes, what: str) -> List[SourceRow]:
    """Hu & Liu (2004) customer reviews: lines `feature[+2],other[-1]##sentence`. A sentence is labelled when
    all its opinion marks have one sign; unmarked sentences, titles (`[t]`) and the header are skipped.
    Domain `products`; the pre-tokenised text is detokenised."""
    rows = []
    for line in data.decode("latin-1").split("\n"):
        annotations, sep, sentence = line.partition("##")
        if not sep or annotations.startswith("[t]"):
            continue
        signs = set(_HU_LIU_OPINION.findall(annotations))
        if len(signs) != 1:
            continue
        text = detokenize(sentence)
        if word_count(text) >= 2:
            rows.append(SourceRow("products", POSITIVE if signs == {"+"} else NEGATIVE, text, text))
    return rows


def read_critics_review(data: bytes, path: str) -> List[SourceRow]:
    """Pang & Lee polarity dataset v2.0 (`movie_reviews/{pos,neg}/cv*.txt`): one lower-cased, tokenised sentence
    per line; each becomes a SENTENCE row (3-40 words) of domain `critics` with the review's label."""
    parts = path.split("/")
    label = {"pos": POSITIVE, "neg": NEGATIVE}.get(parts[-2] if len(parts) >= 2 else "")
    if label is None:
        raise ReadError(f"{path}: not a movie_reviews/pos|neg/ file")
    rows = []
    for line in decode_utf8(data, path).split("\n"):
        text = detokenize(line)
        if 3 <= word_count(text) <= 40:
            rows.append(SourceRow("critics", label, text, "critics:" + parts[-1], SENTENCE))
    return rows


# --------------------------------------------------------------------------------------------------------------
# Chinese
# --------------------------------------------------------------------------------------------------------------

# online_shopping_10_cats: category -> domain. Categories are grouped into product areas so that every domain
# has a test split large enough to compare models on (water heaters alone have 575 reviews). 酒店 (hotels) is
# deliberately absent: it is held out.
OS10_DOMAINS = {
    "书籍": "books", "平板": "electronics", "手机": "electronics", "计算机": "electronics", "热水器": "electronics",
    "水果": "food", "蒙牛": "food", "洗发水": "clothes-shampoo", "衣服": "clothes-shampoo",
}
OS10_EXCLUDED = frozenset(("酒店",))


def read_online_shopping(data: bytes, what: str) -> Tuple[List[SourceRow], int]:
    """online_shopping_10_cats.csv (header cat,label,review; 1 = positive, 0 = negative) -> rows of the
    non-hotel categories (domains from OS10_DOMAINS) and the number of excluded rows. Any other category
    fails, so a changed file cannot slip an unknown domain in."""
    reader = csv.reader(io.StringIO(decode_utf8(data, what), newline=""))
    header = next(reader, None)
    if header != ["cat", "label", "review"]:
        raise ReadError(f"{what}:1: expected header cat,label,review, got {header!r}")
    rows, excluded = [], 0
    for number, fields in enumerate(reader, start=2):
        if len(fields) != 3:
            raise ReadError(f"{what}:{number}: expected 3 fields, got {len(fields)}")
        category, flag, review = fields
        if category in OS10_EXCLUDED:
            excluded += 1
            continue
        if category not in OS10_DOMAINS:
            raise ReadError(f"{what}:{number}: unknown category {category!r}")
        if flag not in ("0", "1"):
            raise ReadError(f"{what}:{number}: label {flag!r} is neither 0 nor 1")
        text = squeeze(review.replace("\ufeff", ""))
        if text:
            rows.append(SourceRow(OS10_DOMAINS[category], POSITIVE if flag == "1" else NEGATIVE, text, text))
    return rows, excluded


def read_dianping(data: bytes, what: str) -> List[SourceRow]:
    """dianping.csv (header comment,sentiment; 1 = positive, 0 = negative): Dianping restaurant reviews, domain
    `dining`; each review is its own group."""
    reader = csv.reader(io.StringIO(decode_utf8(data, what), newline=""))
    header = next(reader, None)
    if header != ["comment", "sentiment"]:
        raise ReadError(f"{what}:1: expected header comment,sentiment, got {header!r}")
    rows = []
    for number, fields in enumerate(reader, start=2):
        if len(fields) != 2 or fields[1] not in ("0", "1"):
            raise ReadError(f"{what}:{number}: expected comment,sentiment with sentiment 0 or 1")
        text = squeeze(fields[0].replace("\ufeff", ""))
        if text:
            rows.append(SourceRow("dining", POSITIVE if fields[1] == "1" else NEGATIVE, text, text))
    return rows


_WEIBO_TOPIC = re.compile(r"\{%(#[^{}]*?#)%\}")
_WEIBO_MARKUP = re.compile(r"\{%[^{}]*?%\}")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def clean_weibo(text: str) -> str:
    """weibo2018 markup: `{%#topic#%}` -> `#topic#` (as Weibo shows it); other `{%…%}` (links, videos,
    places) dropped; zero-width characters dropped; emoticons stay as `[name]`; whitespace squeezed."""
    text = _WEIBO_MARKUP.sub(" ", _WEIBO_TOPIC.sub(r"\1", text))
    return squeeze(_ZERO_WIDTH.sub("", text))


def read_weibo2018(data: bytes, what: str) -> List[SourceRow]:
    """weibo2018 `train.txt` / `test.txt`: lines `mid,label,text` (label 1 positive, 0 negative; the text may
    hold commas). Domain `weibo`; each text is its own group."""
    rows = []
    for number, line in enumerate(decode_utf8(data, what).split("\n"), start=1):
        if not line.strip():
            continue
        mid, flag, text = (line.split(",", 2) + ["", ""])[:3]
        if not mid.strip().isdigit() or flag not in ("0", "1"):
            raise ReadError(f"{what}:{number}: expected mid,label,text with label 0 or 1")
        text = clean_weibo(text)
        if text:
            rows.append(SourceRow("weibo", POSITIVE if flag == "1" else NEGATIVE, text, text))
    return rows


def truncate_chars(text: str, limit: int) -> str:
    """At most `limit` characters (long reviews cost training time and the defaults meet short texts)."""
    return text if len(text) <= limit else text[:limit]


def rows_from_pairs(domain: str, pairs: Iterable[Tuple[str, str]]) -> List[SourceRow]:
    """(label, text) pairs of an already-cleaned corpus -> rows of one domain, each its own group."""
    return [SourceRow(domain, label, text, text) for label, text in pairs]
