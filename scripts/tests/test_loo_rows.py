"""Unit tests for scripts/loo_rows.py: seeds averaged, extended only when trained the same way, other rows kept or dropped.

Run: python3 -m unittest discover -s scripts/tests
"""

import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import loo_rows  # noqa: E402


def row(accuracy, rows=100):
    return {"rows": rows, "model": {"accuracy": accuracy, "macro_f1": accuracy - 0.1, "balanced_accuracy": accuracy},
            "naive_bayes": {"accuracy": 0.7, "macro_f1": 0.6}}


class MergeTest(unittest.TestCase):
    def test_seeds_are_averaged_and_an_alike_row_is_extended(self):
        first = loo_rows.merge({}, [(1, {"food": row(0.80)}, "abc")], 12, "", False)
        self.assertEqual(first["food"]["seeds"], {"1": row(0.80)["model"]})
        self.assertEqual(first["food"]["train_sha256"], "abc")
        more = loo_rows.merge(first, [(3, {"food": row(0.90)}, "abc"), (2, {"food": row(0.88)}, "abc")], 12, "", False)
        food = more["food"]
        self.assertEqual(list(food["seeds"]), ["1", "2", "3"])
        self.assertAlmostEqual(food["model"]["accuracy"], (0.80 + 0.88 + 0.90) / 3)
        self.assertAlmostEqual(food["model"]["macro_f1"], (0.70 + 0.78 + 0.80) / 3)
        self.assertEqual(food["naive_bayes"], row(0.80)["naive_bayes"])
        self.assertNotIn("encoder_flags", food)
        # The same seed again replaces that seed's figures.
        again = loo_rows.merge(more, [(1, {"food": row(0.85)}, "abc")], 12, "", False)
        self.assertEqual(again["food"]["seeds"]["1"]["accuracy"], 0.85)

    def test_a_row_trained_otherwise_is_replaced_whole(self):
        kept = loo_rows.merge({}, [(1, {"food": row(0.80)}, "abc")], 12, "", False)
        for sha, epochs, encoder in (("other data", 12, ""), ("abc", 3, ""), ("abc", 12, "--bidirectional")):
            merged = loo_rows.merge(kept, [(2, {"food": row(0.9)}, sha)], epochs, encoder, False)
            self.assertEqual(list(merged["food"]["seeds"]), ["2"], (sha, epochs, encoder))
        self.assertEqual(merged["food"]["encoder_flags"], "--bidirectional")
        # A row written before seeds were recorded has no train_sha256: replaced.
        legacy = {"food": {**row(0.8), "max_epochs": 12}}
        self.assertEqual(list(loo_rows.merge(legacy, [(2, {"food": row(0.9)}, "abc")], 12, "", False)["food"]["seeds"]), ["2"])

    def test_other_domains_are_kept_only_when_asked(self):
        kept = loo_rows.merge({}, [(1, {"food": row(0.8), "books": row(0.7)}, "abc")], 12, "", False)
        part = [(1, {"food": row(0.9)}, "abc")]
        self.assertEqual(sorted(loo_rows.merge(kept, part, 12, "", True)), ["books", "food"])
        self.assertEqual(sorted(loo_rows.merge(kept, part, 12, "", False)), ["food"])

    def test_main_reads_parts_and_writes_the_table(self):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "mix").mkdir()
            (root / "mix" / "train.tsv").write_text("label\ttext\npositive\tgood\n", encoding="utf-8")
            (root / "figures.json").write_text(json.dumps({"food": row(0.8)}), encoding="utf-8")
            out = root / "loo.json"
            self.assertEqual(loo_rows.main(["--out", str(out), "--max-epochs", "12",
                                            f"2:{root / 'figures.json'}:{root / 'mix'}"]), 0)
            table = json.loads(out.read_text(encoding="utf-8"))
            self.assertEqual(table["food"]["train_sha256"], loo_rows.sha256_file(root / "mix" / "train.tsv"))
            self.assertEqual(list(table["food"]["seeds"]), ["2"])
            self.assertEqual(loo_rows.main(["--out", str(out), "--max-epochs", "12", "2:missing.json:mix"]), 1)


if __name__ == "__main__":
    unittest.main()
