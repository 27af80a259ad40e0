"""Unit tests for scripts/evaluation_table.py: row labels and tables combined from two results files.

Run: python3 -m unittest discover -s scripts/tests
"""

import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import evaluation_table as et  # noqa: E402

FIGURE = {"mean": 0.5, "lower": 0.4, "upper": 0.6, "count": 3}


def method(name, options=""):
    return {"method": name, "options": options, "comprehensiveness_aopc": FIGURE, "sufficiency_aopc": FIGURE,
            "deletion_accuracy_correct": [FIGURE], "sequences_per_second": 100.0}


def results(*methods):
    return {"model": "m", "corpus": "c.tsv", "texts": 3, "correct": 2, "erasure": "pad", "agreement": [],
            "sanity": None, "plausibility": None, "methods": list(methods)}


class LabelTest(unittest.TestCase):
    def test_measure_shown_unless_probability_and_default_marked(self):
        self.assertEqual(et.label(method("occlusion", "erasure=pad, measure=probability, window=1")), "`occlusion`")
        self.assertEqual(et.label(method("occlusion", "erasure=pad, measure=logit, window=1")), "`occlusion` logit")
        self.assertEqual(et.label(method("occlusion", "erasure=pad, measure=log-odds, window=1")),
                         "`occlusion` log-odds (**default**)")
        self.assertEqual(et.label(method("occlusion", "erasure=unk, measure=log-odds, window=1")),
                         "`occlusion` log-odds")
        self.assertEqual(et.label(method("random")), "*random*")


class CombinedTableTest(unittest.TestCase):
    def test_second_file_rows_follow_their_namesake_and_one_random_row(self):
        first = results(method("trajectory"), method("occlusion", "erasure=pad, measure=probability, window=1"),
                        method("lrp"), method("random"))
        second = results(method("occlusion", "erasure=pad, measure=log-odds, window=1"), method("random"))
        with tempfile.TemporaryDirectory() as folder:
            a, b = Path(folder) / "a.json", Path(folder) / "b.json"
            a.write_text(json.dumps(first))
            b.write_text(json.dumps(second))
            lines = [line.split(" | ")[0] for line in et.table([f"{a}+{b}"]).splitlines() if line.startswith("| `")
                     or line.startswith("| *")]
        self.assertEqual(lines, ["| `trajectory`", "| `occlusion`", "| `occlusion` log-odds (**default**)", "| `lrp`",
                                 "| *random*"])


if __name__ == "__main__":
    unittest.main()
