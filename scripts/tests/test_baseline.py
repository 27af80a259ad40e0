"""Unit tests for scripts/naive_bayes_baseline.py (tokenizers, smoothing, metrics, TSV reading)."""

import math
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import naive_bayes_baseline as nb  # noqa: E402


class TokenizerTest(unittest.TestCase):
    def test_zh_characters_without_whitespace(self):
        self.assertEqual(nb.zh_char_tokens("很 好！"), ["很", "好", "！"])

    def test_en_words_lowercased(self):
        self.assertEqual(nb.en_word_tokens("Don't LOVE @United #fail!!"),
                         ["don't", "love", "@united", "#fail", "!", "!"])

    def test_bigrams(self):
        self.assertEqual(nb.with_bigrams(["a", "b", "c"]), ["a", "b", "c", "a\x01b", "b\x01c"])
        self.assertEqual(nb.with_bigrams(["a"]), ["a"])
        self.assertEqual(nb.with_bigrams([]), [])

    def test_detect(self):
        self.assertEqual(nb.detect_tokenizer(["很好", "bad", "不错"]), "zh-char")
        self.assertEqual(nb.detect_tokenizer(["很好", "bad", "good"]), "en-word")


class NaiveBayesTest(unittest.TestCase):
    def test_laplace_estimates(self):
        # negative: [a, a, b]; positive: [c]. V = {a, b, c}.
        model = nb.NaiveBayes(alpha=1.0).fit([["a", "a", "b"], ["c"]], ["negative", "positive"])
        self.assertAlmostEqual(model.log_prior["negative"], math.log(0.5))
        self.assertAlmostEqual(model.log_likelihood["negative"]["a"], math.log(3 / 6))
        self.assertAlmostEqual(model.log_likelihood["negative"]["b"], math.log(2 / 6))
        self.assertAlmostEqual(model.log_unseen["negative"], math.log(1 / 6))
        self.assertAlmostEqual(model.log_likelihood["positive"]["c"], math.log(2 / 4))
        s = model.scores(["a", "zzz"])  # zzz is outside the vocabulary: ignored
        self.assertAlmostEqual(s["negative"], math.log(0.5) + math.log(3 / 6))
        self.assertAlmostEqual(s["positive"], math.log(0.5) + math.log(1 / 4))
        self.assertEqual(model.predict(["a"]), "negative")
        self.assertEqual(model.predict(["c", "c"]), "positive")

    def test_missing_class_fails(self):
        with self.assertRaises(nb.DataError):
            nb.NaiveBayes().fit([["a"]], ["negative"])


class MetricsTest(unittest.TestCase):
    def test_hand_computed(self):
        gold = ["negative"] * 8 + ["positive"] * 2
        pred = ["negative"] * 7 + ["positive"] + ["positive", "negative"]
        m = nb.metrics(gold, pred)
        self.assertAlmostEqual(m["accuracy"], 0.8)
        # negative: P 7/8, R 7/8, F1 0.875; positive: P 1/2, R 1/2, F1 0.5
        self.assertAlmostEqual(m["macro_f1"], (0.875 + 0.5) / 2)
        self.assertAlmostEqual(m["balanced_accuracy"], (7 / 8 + 1 / 2) / 2)

    def test_majority_predictor(self):
        m = nb.metrics(["negative", "negative", "negative", "positive"], ["negative"] * 4)
        self.assertAlmostEqual(m["accuracy"], 0.75)
        self.assertAlmostEqual(m["balanced_accuracy"], 0.5)
        self.assertAlmostEqual(m["macro_f1"], (6 / 7) / 2)


class ReadTsvTest(unittest.TestCase):
    def write(self, content: str) -> Path:
        d = tempfile.TemporaryDirectory()
        self.addCleanup(d.cleanup)
        path = Path(d.name) / "x.tsv"
        path.write_text(content, encoding="utf-8", newline="")
        return path

    def test_ok(self):
        path = self.write("label\ttext\nnegative\tbad \"quoted\"\npositive\tgood\n")
        self.assertEqual(nb.read_tsv(path), [("negative", 'bad "quoted"'), ("positive", "good")])

    def test_errors_name_the_line(self):
        for content, line in [("label\ttext\nnegative\tok\npositive\ta\tb\n", ":3:"),
                              ("label\ttext\nneutral\tmeh\n", ":2:"),
                              ("text\tlabel\nnegative\tok\n", ":1:")]:
            with self.subTest(content=content):
                with self.assertRaises(nb.DataError) as ctx:
                    nb.read_tsv(self.write(content))
                self.assertIn(line, str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
