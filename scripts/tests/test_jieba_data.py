"""Unit tests for scripts/build-jieba-data.py (the segmenter tables) and the pure parts of
scripts/compare_jieba.py.

Run: python3 -m unittest discover -s scripts/tests
"""

import importlib.util
import io
import struct
import sys
import tarfile
import tempfile
import unittest
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SCRIPTS))

_spec = importlib.util.spec_from_file_location("build_jieba_data", SCRIPTS / "build-jieba-data.py")
bjd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bjd)

import compare_jieba as cj  # noqa: E402

DICT = "甲 5 n\n甲乙 3 v\n乙 2 n\nT恤 4 n\nγ射线 9 n\n甲 7 n\n"
START = "P={'B': -0.25, 'E': -3.14e+100, 'M': -3.14e+100, 'S': -1.5}\n"
TRANS = "P={'B': {'E': -0.5, 'M': -0.9}, 'E': {'B': -0.6, 'S': -0.8}, 'M': {'E': -0.3, 'M': -1.2}, " \
        "'S': {'B': -0.7, 'S': -0.65}}\n"
EMIT = "P={'B': {'\\u4e59': -2.0, '\\u2236': -3.0}, 'E': {'\\u4e59': -4.0}, 'M': {}, 'S': {'\\u7532': -1.0}}\n"


def tiny_sdist(directory: Path) -> Path:
    path = directory / "tiny.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, text in (("dict.txt", DICT), ("finalseg/prob_start.py", START),
                           ("finalseg/prob_trans.py", TRANS), ("finalseg/prob_emit.py", EMIT)):
            data = text.encode("utf-8")
            info = tarfile.TarInfo(bjd.MEMBER_PREFIX + name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


class Tables:
    """Reads the layout back, independently of the writer's helpers."""

    def __init__(self, blob: bytes):
        self.magic = blob[:8]
        self.version, self.n, self.f, self.r = struct.unpack_from("<IIII", blob, 8)
        (self.total,) = struct.unpack_from("<Q", blob, 24)
        self.start = struct.unpack_from("<4d", blob, 32)
        self.trans = struct.unpack_from("<16d", blob, 64)
        offset = 192
        self.freqs = struct.unpack_from(f"<{self.f}I", blob, offset)
        offset = (offset + 4 * self.f + 7) // 8 * 8
        self.child_start = struct.unpack_from(f"<{self.n + 1}I", blob, offset)
        offset = (offset + 4 * (self.n + 1) + 7) // 8 * 8
        self.label = struct.unpack_from(f"<{self.n}H", blob, offset)
        offset = (offset + 2 * self.n + 7) // 8 * 8
        self.freq_index = struct.unpack_from(f"<{self.n}H", blob, offset)
        offset = (offset + 2 * self.n + 7) // 8 * 8
        self.emit_chars = struct.unpack_from(f"<{self.r}H", blob, offset)
        offset = (offset + 2 * self.r + 7) // 8 * 8
        self.emission = [struct.unpack_from("<4d", blob, offset + 32 * i) for i in range(self.r)]
        self.size = offset + 32 * self.r

    def lookup(self, word: str):
        node = 0
        for ch in word:
            kids = range(self.child_start[node], self.child_start[node + 1])
            found = [k for k in kids if self.label[k] == ord(ch)]
            if not found:
                return None
            node = found[0]
        return self.freqs[self.freq_index[node]]


class BuildTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.blob = bjd.build(tiny_sdist(Path(self.tmp.name)))
        self.tables = Tables(self.blob)

    def tearDown(self):
        self.tmp.cleanup()

    def test_header(self):
        t = self.tables
        self.assertEqual((t.magic, t.version), (b"SLJIEBA\0", 1))
        self.assertEqual(t.total, 5 + 3 + 2 + 4 + 9 + 7)  # every line counts, duplicates and left-out words too
        self.assertEqual(t.start, (-0.25, -3.14e100, -3.14e100, -1.5))  # B E M S
        self.assertEqual(t.trans[0 * 4 + 1], -0.5)  # B -> E
        self.assertEqual(t.trans[0 * 4 + 0], -3.14e100)  # B -> B: not in jieba's table
        self.assertEqual(t.size, len(self.blob))

    def test_trie_words_prefixes_and_left_out_words(self):
        t = self.tables
        self.assertEqual(t.lookup("甲"), 7)  # a later duplicate line wins
        self.assertEqual(t.lookup("甲乙"), 3)
        self.assertEqual(t.lookup("T恤"), 4)
        self.assertEqual(t.lookup("T"), 0)  # a prefix only
        self.assertIsNone(t.lookup("γ"))  # outside jieba's blocks: left out
        self.assertEqual(t.n, 6)  # root; 甲, 乙, T; 甲乙 under 甲, T恤 under T
        for node in range(t.n):  # breadth-first: children after their parent, siblings ascending
            kids = list(range(t.child_start[node], t.child_start[node + 1]))
            self.assertTrue(all(k > node for k in kids))
            self.assertEqual([t.label[k] for k in kids], sorted(t.label[k] for k in kids))

    def test_emission_rows(self):
        t = self.tables
        self.assertEqual([chr(c) for c in t.emit_chars], ["乙", "甲"])  # ∶ (U+2236) is never looked up
        self.assertEqual(t.emission[0], (-2.0, -4.0, -3.14e100, -3.14e100))
        self.assertEqual(t.emission[1], (-3.14e100, -3.14e100, -3.14e100, -1.0))

    def test_deterministic(self):
        self.assertEqual(bjd.build(tiny_sdist(Path(self.tmp.name))), self.blob)


class CompareHelpersTest(unittest.TestCase):
    def test_text_column_deduplicated_in_order(self):
        with tempfile.TemporaryDirectory() as tmp:
            a, b = Path(tmp) / "a.tsv", Path(tmp) / "b.tsv"
            a.write_text("label\ttext\npositive\t很好\r\nnegative\t太差\n", encoding="utf-8")
            b.write_text("text\tlabel\n太差\tnegative\n", encoding="utf-8")
            self.assertEqual(cj.read_texts([a, b]), ["很好\r", "太差"])  # only LF ends a line

    def test_word_ends_and_back(self):
        ends = cj.word_ends(["我", "来到", "\r\n", "😀"])
        self.assertEqual(ends, [1, 3, 5, 6])
        self.assertEqual(cj.words_at("我来到\r\n😀", ends), ["我", "来到", "\r\n", "😀"])


if __name__ == "__main__":
    unittest.main()
