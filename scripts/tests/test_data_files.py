"""Checks on the written TSV files: the committed samples always, data/ only when it has been fetched.

Every row's split must be recomputable from its text alone, labels must be negative/positive, and no key may
appear in two splits.
"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import fetch_corpora as fc  # noqa: E402

REPO = Path(__file__).resolve().parent.parent.parent
CORPORA = ("zh-reviews", "en-tweets")


def read(path: Path):
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    lines = text.split("\n")
    return raw, lines


class TsvChecks:
    root: Path

    def check_corpus(self, corpus: str):
        keys_by_split = {}
        for split in fc.SPLITS:
            path = self.root / corpus / f"{split}.tsv"
            raw, lines = read(path)
            self.assertNotIn(b"\r", raw, path)
            self.assertTrue(raw.endswith(b"\n"), path)
            self.assertEqual(lines[0], "label\ttext", path)
            self.assertEqual(lines[-1], "", path)
            keys = set()
            for number, line in enumerate(lines[1:-1], start=2):
                label, sep, text = line.partition("\t")
                where = f"{path}:{number}"
                self.assertEqual(sep, "\t", where)
                self.assertIn(label, fc.LABELS, where)
                self.assertNotIn("\t", text, where)
                self.assertEqual(text, text.strip(), where)
                key = fc.norm_key(text)
                self.assertTrue(key, where)
                self.assertEqual(fc.split_of(key), split, where)
                self.assertNotIn(key, keys, where)
                keys.add(key)
            keys_by_split[split] = keys
        self.assertFalse(keys_by_split["train"] & keys_by_split["dev"])
        self.assertFalse(keys_by_split["train"] & keys_by_split["test"])
        self.assertFalse(keys_by_split["dev"] & keys_by_split["test"])
        return {split: len(keys) for split, keys in keys_by_split.items()}


class SamplesTest(TsvChecks, unittest.TestCase):
    root = REPO / "samples"

    def test_samples(self):
        for corpus in CORPORA:
            with self.subTest(corpus=corpus):
                if not (self.root / corpus / "train.tsv").exists():
                    self.skipTest(f"{self.root / corpus} not written yet")
                counts = self.check_corpus(corpus)
                self.assertEqual(counts, fc.DEFAULT_SAMPLE_SIZES)
                _, lines = read(self.root / corpus / "train.tsv")
                negatives = sum(1 for line in lines[1:-1] if line.startswith("negative\t"))
                self.assertEqual(negatives, fc.DEFAULT_SAMPLE_SIZES["train"] // 2)


class DomainSamplesTest(unittest.TestCase):
    """samples/domains/<lang>/<domain>/test.tsv (build_corpora.py --write-samples): well-formed, both labels.

    Their split cannot be recomputed from the text alone: a review's title and short text follow the review's
    group key, which the sample does not carry."""

    def test_domain_samples(self):
        import build_corpora as bc
        for lang, domains in bc.DOMAINS.items():
            for domain in (d for d in domains if d not in bc.TRAINING_ONLY_DOMAINS):
                path = REPO / "samples" / "domains" / lang / domain / "test.tsv"
                with self.subTest(path=str(path)):
                    raw, lines = read(path)
                    self.assertEqual(lines[0], "label\ttext")
                    self.assertEqual(lines[-1], "")
                    rows = [line.split("\t") for line in lines[1:-1]]
                    self.assertTrue(all(len(r) == 2 and r[0] in fc.LABELS and r[1] for r in rows))
                    self.assertEqual({r[0] for r in rows}, set(fc.LABELS))
                    self.assertEqual(len({fc.norm_key(r[1]) for r in rows}), len(rows))
                    self.assertLess(len(raw), 64_000)


@unittest.skipUnless((REPO / "data" / "zh-reviews" / "train.tsv").exists(), "data/ not fetched")
class DataTest(TsvChecks, unittest.TestCase):
    root = REPO / "data"

    def test_zh_reviews_counts_are_exact(self):
        counts = self.check_corpus("zh-reviews")
        expected = fc.EXPECTED["zh-reviews"]
        self.assertEqual(counts, {split: expected[split] for split in fc.SPLITS})

    @unittest.skipUnless((REPO / "data" / "en-tweets" / "train.tsv").exists(), "en-tweets not fetched")
    def test_en_tweets(self):
        counts = self.check_corpus("en-tweets")
        self.assertEqual(sum(counts.values()), fc.EXPECTED["en-tweets"]["rows"])


if __name__ == "__main__":
    unittest.main()
