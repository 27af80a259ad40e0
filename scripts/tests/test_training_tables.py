"""Unit tests for scripts/training_tables.py: the per-domain and leave-one-out tables.

Run: python3 -m unittest discover -s scripts/tests
"""

import json
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import training_tables as tt  # noqa: E402


def figures(model, bayes, rows=100):
    return {"rows": rows, "model": {"accuracy": model, "macro_f1": model - 0.01},
            "naive_bayes": {"accuracy": bayes, "macro_f1": bayes}}


class TablesTest(unittest.TestCase):
    def write(self, folder, name, value):
        (Path(folder) / name).write_text(json.dumps(value), encoding="utf-8")

    def test_a_domain_row_and_a_leave_one_out_row(self):
        with tempfile.TemporaryDirectory() as folder, mock.patch.object(tt, "REPORTS", Path(folder)):
            self.write(folder, "zh-domains.json", {"food": figures(0.922, 0.904, 1200)})
            self.write(folder, "zh-leave-one-out.json", {"food": figures(0.875, 0.877, 1200)})
            lines = tt.tables("zh").splitlines()
            self.assertEqual(lines[0], "| zh test split (rows) | `default-zh` accuracy | macro-F1 | naive Bayes accuracy "
                                       "| previous default |")
            self.assertIn("| food (1,200) | **0.922** | 0.912 | 0.904 | n/a |", lines)
            self.assertIn("| food (1,200) | 0.875 | 0.877 |", lines)
            self.assertTrue(all(line.count("|") == lines[0].count("|") for line in lines[:3]))

    def test_leave_one_out_rows_of_several_seeds_show_their_mean_and_range(self):
        with tempfile.TemporaryDirectory() as folder, mock.patch.object(tt, "REPORTS", Path(folder)):
            self.write(folder, "zh-domains.json", {"food": figures(0.922, 0.904, 1200)})
            seeds = {"1": {"accuracy": 0.86}, "2": {"accuracy": 0.88}, "3": {"accuracy": 0.90}}
            self.write(folder, "zh-leave-one-out.json", {"food": {**figures(0.88, 0.877, 1200), "seeds": seeds}})
            lines = tt.tables("zh").splitlines()
            self.assertIn("| zh domain left out (rows) | LSTM trained without it, mean of 3 seeds (range) "
                          "| naive Bayes trained without it |", lines)
            self.assertIn("| food (1,200) | **0.880** (0.860–0.900) | 0.877 |", lines)

    def test_english_gets_a_table_per_leave_one_out_table(self):
        with tempfile.TemporaryDirectory() as folder, mock.patch.object(tt, "REPORTS", Path(folder)):
            self.write(folder, "en-domains.json", {"tweets": figures(0.878, 0.835, 2221)})
            self.write(folder, "en-leave-one-out.json", {"tweets": figures(0.702, 0.750, 2221)})
            lines = tt.tables("en").splitlines()
            self.assertIn("| en domain, its whole kind left out (rows) | LSTM trained without it "
                          "| naive Bayes trained without it |", lines)
            self.assertFalse(any("source left out" in line for line in lines))
            self.write(folder, "en-leave-one-source-out.json", {"tweets": figures(0.790, 0.760, 2221)})
            lines = tt.tables("en").splitlines()
            kinds = lines.index("| tweets (2,221) | 0.702 | 0.750 |")
            sources = lines.index("| tweets (2,221) | **0.790** | 0.760 |")
            self.assertEqual(lines[sources - 2], "| en source left out (rows) | LSTM trained without it "
                                                 "| naive Bayes trained without it |")
            self.assertLess(kinds, sources)


if __name__ == "__main__":
    unittest.main()
