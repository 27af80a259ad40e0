"""Unit tests of the broad-corpus parsers (scripts/corpus_readers.py) and the sentence filter."""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpus_readers as cr  # noqa: E402
import corpus_sources as cs  # noqa: E402
import fetch_corpora as fc  # noqa: E402
import sentence_filter as sf  # noqa: E402


class SentenceTests(unittest.TestCase):
    def test_split_sentences_at_end_marks_and_breaks(self):
        text = 'I loved it. The cast was great!<br /><br />Would I watch again? "Yes." Ok.'
        self.assertEqual(cr.split_sentences(text),
                         ["I loved it.", "The cast was great!", "Would I watch again?"])

    def test_split_sentences_length_limits(self):
        long = " ".join(["word"] * 41) + "."
        self.assertEqual(cr.split_sentences(f"{long} Short but fine here."), ["Short but fine here."])

    def test_review_rows_kinds_and_group(self):
        rows = cr.review_rows("amazon", "positive", "Works well. Battery lasts all day long.", "g1",
                              title="Great phone")
        # "Works well." has two words, under the three a sentence needs.
        self.assertEqual([r.kind for r in rows], [cr.TITLE, cr.REVIEW, cr.SENTENCE])
        self.assertTrue(all(r.group == "g1" and r.label == "positive" for r in rows))
        self.assertEqual(rows[1].text, "Works well. Battery lasts all day long.")

    def test_long_review_is_not_a_row_of_its_own(self):
        review = " ".join(["This is a sentence."] * 30)  # 120 words
        kinds = {r.kind for r in cr.review_rows("imdb", "negative", review, "g")}
        self.assertEqual(kinds, {cr.SENTENCE})


class EnglishSourceTests(unittest.TestCase):
    def test_blitzer(self):
        data = ("<review>\n<unique_id>\nA1:x\n</unique_id>\n<rating>\n5.0\n</rating>\n<title>\nLove it &amp; more\n"
                "</title>\n<review_text>\nIt is the best kettle I ever had.\n</review_text>\n</review>\n").encode()
        rows = cr.read_blitzer(data, "positive", "t.review")
        self.assertEqual([(r.kind, r.text) for r in rows],
                         [(cr.TITLE, "Love it & more"), (cr.REVIEW, "It is the best kettle I ever had."),
                          (cr.SENTENCE, "It is the best kettle I ever had.")])
        self.assertEqual(rows[0].group, "amazon:A1:x")

    def test_blitzer_without_records_fails(self):
        with self.assertRaises(cr.ReadError):
            cr.read_blitzer(b"nothing here", "negative", "t.review")

    def test_imdb_label_and_rows(self):
        self.assertEqual(cr.imdb_label("train/pos/1_9.txt"), "positive")
        self.assertEqual(cr.imdb_label("test/neg/1_2.txt"), "negative")
        self.assertIsNone(cr.imdb_label("train/unsup/1_0.txt"))
        rows = cr.read_imdb_review(b"Dull and slow.<br />I left early, sadly.", "test/neg/7_1.txt")
        self.assertEqual({r.group for r in rows}, {"imdb:test/neg/7_1.txt"})
        self.assertEqual([r.text for r in rows if r.kind == cr.SENTENCE], ["Dull and slow.", "I left early, sadly."])
        self.assertEqual([r.text for r in rows if r.kind == cr.REVIEW], ["Dull and slow. I left early, sadly."])

    def test_sentiment140(self):
        rows = cr.read_sentiment140(b"so happy &amp; free \n\n  \nbad  day\n", "positive", "p.txt")
        self.assertEqual([r.text for r in rows], ["so happy & free", "bad day"])

    def test_agreed_aspect_label(self):
        self.assertEqual(cr.agreed_aspect_label(["positive", "neutral", "positive"]), "positive")
        self.assertEqual(cr.agreed_aspect_label(["negative"]), "negative")
        self.assertIsNone(cr.agreed_aspect_label(["positive", "negative"]))
        self.assertIsNone(cr.agreed_aspect_label(["neutral"]))
        self.assertIsNone(cr.agreed_aspect_label(["positive", "conflict"]))
        self.assertIsNone(cr.agreed_aspect_label([]))

    def test_semeval(self):
        xml = ('<sentences><sentence id="1"><text>Great  food.</text><aspectTerms>'
               '<aspectTerm term="food" polarity="positive" from="6" to="10"/></aspectTerms>'
               '<aspectCategories><aspectCategory category="food" polarity="positive"/></aspectCategories>'
               '</sentence><sentence id="2"><text>We went there.</text></sentence>'
               '<sentence id="3"><text>Rude staff, fine view.</text><aspectTerms>'
               '<aspectTerm term="staff" polarity="negative"/><aspectTerm term="view" polarity="positive"/>'
               '</aspectTerms></sentence></sentences>').encode()
        rows = cr.read_semeval(xml, "restaurants", "r.xml")
        self.assertEqual([(r.label, r.text) for r in rows], [("positive", "Great food.")])


class LiuAndPangLeeTests(unittest.TestCase):
    def test_detokenize(self):
        self.assertEqual(cr.detokenize("it 's good , is n't it ? ( really ) "), "it's good, isn't it? (really)")

    def test_pros_cons(self):
        data = b"  <Pros>Easy to use &amp; cheap</Pros>\n  <Cons>Eats batteries</Cons>\n <Pros> </Pros>\n"
        rows = cr.read_pros_cons(data, "p.txt")
        self.assertEqual([(r.label, r.text) for r in rows],
                         [("positive", "Easy to use & cheap"), ("negative", "Eats batteries")])
        with self.assertRaises(cr.ReadError):
            cr.read_pros_cons(b"nothing", "p.txt")

    def test_hu_liu(self):
        data = (b"*header\n[t]great camera\npicture[+2],use[+1]##the picture is great .\n"
                b"battery[-2]##battery life is n't long .\nzoom[+1],menu[-1]##mixed feelings here .\n"
                b"##we bought it in may .\n")
        rows = cr.read_hu_liu(data, "c.txt")
        self.assertEqual([(r.label, r.text) for r in rows],
                         [("positive", "the picture is great."), ("negative", "battery life isn't long.")])

    def test_critics_sentences(self):
        rows = cr.read_critics_review(b"a dull , lifeless film .\nok .\n", "movie_reviews/neg/cv1_2.txt")
        self.assertEqual([(r.label, r.text, r.kind) for r in rows], [("negative", "a dull, lifeless film.", cr.SENTENCE)])
        with self.assertRaises(cr.ReadError):
            cr.read_critics_review(b"x", "movie_reviews/other/cv1.txt")


class ChineseSourceTests(unittest.TestCase):
    def test_online_shopping_drops_the_held_out_category(self):
        data = "cat,label,review\n书籍,1,好书\n酒店,0,房间小\n水果,0,\"不新鲜,差\"\n".encode()
        rows, excluded = cr.read_online_shopping(data, "os10.csv")
        self.assertEqual(excluded, 1)
        self.assertEqual([(r.domain, r.label, r.text) for r in rows],
                         [("books", "positive", "好书"), ("food", "negative", "不新鲜,差")])

    def test_online_shopping_unknown_category_or_label_fails(self):
        with self.assertRaises(cr.ReadError):
            cr.read_online_shopping("cat,label,review\n外卖,1,好吃\n".encode(), "x.csv")
        with self.assertRaises(cr.ReadError):
            cr.read_online_shopping("cat,label,review\n书籍,2,好书\n".encode(), "x.csv")
        with self.assertRaises(cr.ReadError):
            cr.read_online_shopping("label,review\n1,好书\n".encode(), "x.csv")


class DianpingTests(unittest.TestCase):
    def test_rows(self):
        data = "comment,sentiment\n\"菜品丰富，服务也不错！\",1\n说真的，排队不值,0\n".encode()
        rows = cr.read_dianping(data, "dianping.csv")
        self.assertEqual([(r.domain, r.label, r.text) for r in rows],
                         [("dining", "positive", "菜品丰富，服务也不错！"), ("dining", "negative", "说真的，排队不值")])

    def test_bad_header_or_label_fails_naming_the_line(self):
        with self.assertRaisesRegex(cr.ReadError, "dianping.csv:1: expected header comment,sentiment"):
            cr.read_dianping("text,label\n好吃,1\n".encode(), "dianping.csv")
        with self.assertRaisesRegex(cr.ReadError, "dianping.csv:3: expected comment,sentiment"):
            cr.read_dianping("comment,sentiment\n好吃,1\n难吃,2\n".encode(), "dianping.csv")


class WeiboTests(unittest.TestCase):
    def test_markup_and_rows(self):
        self.assertEqual(cr.clean_weibo("好开心{%#春天#%} {%某人的秒拍视频%}[哈哈]\u200b"), "好开心#春天# [哈哈]")
        data = "1,1,今天真好,真的\n2,0,太差了\n".encode()
        rows = cr.read_weibo2018(data, "t.txt")
        self.assertEqual([(r.domain, r.label, r.text) for r in rows],
                         [("weibo", "positive", "今天真好,真的"), ("weibo", "negative", "太差了")])

    def test_bad_label_fails(self):
        with self.assertRaises(cr.ReadError):
            cr.read_weibo2018("1,2,好\n".encode(), "t.txt")


class SourcePinTests(unittest.TestCase):
    def test_every_pin_is_a_sha256(self):
        for entry in cs.source_table():
            digest = entry["sha256"].split()[-1]
            self.assertRegex(digest, "^[0-9a-f]{64}$", entry["url"])
            self.assertTrue(entry["url"].startswith("https://"), entry["url"])

    def test_imdb_content_digest_depends_on_names_and_bytes(self):
        a = cs.imdb_content_digest({"train/pos/1_9.txt": b"x", "test/neg/2_1.txt": b"y"})
        self.assertEqual(a, cs.imdb_content_digest({"test/neg/2_1.txt": b"y", "train/pos/1_9.txt": b"x"}))
        self.assertNotEqual(a, cs.imdb_content_digest({"train/pos/1_9.txt": b"x", "test/neg/2_1.txt": b"z"}))
        self.assertNotEqual(a, cs.imdb_content_digest({"train/pos/1_8.txt": b"x", "test/neg/2_1.txt": b"y"}))

    def test_raw_url_quotes_the_path(self):
        url = cs.SEMEVAL_FILES[("restaurants", "test")].url
        self.assertTrue(url.startswith(f"https://raw.githubusercontent.com/{cs.SEMEVAL_REPO}/{cs.SEMEVAL_COMMIT}/"))
        self.assertNotIn("测", url)


    def test_failed_download_names_where_to_put_the_file(self):
        import tempfile
        with tempfile.TemporaryDirectory() as folder:
            dest = Path(folder) / "cache" / "negative.txt"
            missing = (Path(folder) / "no-such-file.txt").as_uri()
            with self.assertRaises(cs.SourceError) as caught:
                cs.download(missing, dest, lambda _: None)
            self.assertIn(f"put the file at {dest}", str(caught.exception))
            self.assertFalse(dest.exists())
            self.assertFalse(dest.with_name(dest.name + ".part").exists())


class SentenceFilterTests(unittest.TestCase):
    def rows(self):
        out, flags = [], []
        for i in range(40):
            out.append(fc.Row("positive", f"great wonderful film number {i}", f"p{i}"))
            out.append(fc.Row("negative", f"awful boring film number {i}", f"n{i}"))
            flags += [True, True]
        # A positive-review sentence that reads negative, and a title that does too (titles are never filtered).
        out.append(fc.Row("positive", "awful boring mess", "odd"))
        out.append(fc.Row("positive", "awful boring title", "title"))
        flags += [True, False]
        return out, flags

    def test_drops_sentences_that_disagree_and_keeps_others(self):
        rows, flags = self.rows()
        kept, stats = sf.filter_sentences(rows, flags, 0.8)
        texts = {r.text for r in kept}
        self.assertNotIn("awful boring mess", texts)
        self.assertIn("awful boring title", texts)
        self.assertEqual(stats["dropped"], len(rows) - len(kept))
        self.assertGreaterEqual(len(kept), 80)

    def test_threshold_zero_keeps_everything(self):
        rows, flags = self.rows()
        kept, stats = sf.filter_sentences(rows, flags, 0.0)
        self.assertEqual(kept, rows)
        self.assertEqual(stats["dropped"], 0)


if __name__ == "__main__":
    unittest.main()
