"""scripts/training_overlap.py: which evaluation texts a model saw in training."""

import contextlib
import io
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import training_overlap as to  # noqa: E402

TRAINING = ("label\ttext\n"
            "positive\tThe acting was superb, and the score lifted every scene of it.\n"
            "negative\tBattery died after two days. Would not buy again from this seller.\n"
            "positive\t房间很大，也很干净，早餐也不错，下次还会入住这家酒店。\n"
            "negative\tawful\n")


class Overlap(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.training = self.dir / "train.tsv"
        self.training.write_text(TRAINING, encoding="utf-8")

    def run_main(self, *args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = to.main(["en", *map(str, args), "--training", str(self.training)])
        return code, out.getvalue()

    def test_each_way_of_being_seen(self):
        index = to.Index(to.training_keys([self.training]))
        seen = {text: index.how_seen(to.fc.norm_key(text)) for text in (
            "the ACTING was superb and the score lifted every scene of it",   # spacing, case, punctuation
            "Battery died after two days.",                                     # a sentence of a training text
            "我们住了三晚。房间很大，也很干净，早餐也不错，下次还会入住这家酒店。总体满意",  # contains a training text
            "The acting was superb",                                            # too short to count inside
            "awful",                                                            # short, but equal
            "A different film altogether, with a score nobody will remember.",
        )}
        self.assertEqual(list(seen.values()), ["equal", "inside a training text", "contains a training text",
                                               None, "equal", None])

    def test_the_report_counts_and_the_exit_status(self):
        held = self.dir / "held.txt"  # text<TAB>label, no header, as the UCI files are
        held.write_text("Battery died after two days.\t0\nLovely little phone, works well.\t1\n", encoding="utf-8")
        code, out = self.run_main(held)
        self.assertEqual(code, 1)
        self.assertIn("held.txt: 2 texts, 1 seen in training (50.0%); 1 inside a training text", out)
        self.assertIn("held.txt:1 (inside a training text): Battery died after two days.", out)
        clean = self.dir / "clean.txt"
        clean.write_text("Lovely little phone, works well.\t1\n", encoding="utf-8")
        self.assertEqual(self.run_main(clean)[0], 0)

    def test_a_csv_with_a_header_and_a_label_column(self):
        held = self.dir / "held.csv"
        held.write_text('label,review\n1,"房间很大，也很干净，早餐也不错，下次还会入住这家酒店。"\n0,好\n', encoding="utf-8")
        records, kind = to.read_records(held)
        self.assertEqual((kind, to.is_header(records[0]), to.record_text(records[2])), ("csv", True, "好"))
        out_dir = self.dir / "unseen"
        code, out = self.run_main(held, "--write-unseen", out_dir)
        self.assertEqual(code, 1)
        self.assertIn("held.csv: 2 texts, 1 seen in training (50.0%); 1 equal", out)
        self.assertEqual((out_dir / "held.csv").read_text(encoding="utf-8"), "label,review\n0,好\n")
        # an existing output file is never replaced
        self.assertEqual(self.run_main(held, "--write-unseen", out_dir)[0], 2)
        self.assertEqual((out_dir / "held.csv").read_text(encoding="utf-8"), "label,review\n0,好\n")

    def test_latin1_files_are_read(self):
        held = self.dir / "rt.neg"
        held.write_bytes("a film of na\xefve charm\n".encode("latin-1"))
        self.assertEqual(to.read_records(held)[0], [["a film of na\xefve charm"]])

    def test_missing_training_data_names_the_fix(self):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = to.main(["en", str(self.training), "--training", str(self.dir / "nope.tsv")])
        self.assertEqual(code, 2)
        self.assertIn("nope.tsv is missing: run scripts/fetch-data.sh first", err.getvalue())


if __name__ == "__main__":
    unittest.main()
