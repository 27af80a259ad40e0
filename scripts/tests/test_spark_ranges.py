"""The Spark job's byte ranges of a local text file (scripts/spark/saliency_spark.py, plan_byte_ranges): every
cut falls just after a line feed, the ranges cover the file in order, and each range's first line number is the
one the binary gives that line when it reads the whole file (lines end at LF, CRLF or a lone CR)."""

import hashlib
import os
import random
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "spark"))
import saliency_spark  # noqa: E402


def line_number_at(data, position):
    """1 + the line ends (LF, CRLF, lone CR) in data[:position], counted byte by byte."""
    ends = 0
    for index in range(position):
        byte = data[index]
        if byte == 0x0A:
            ends += 1
        elif byte == 0x0D and not (index + 1 < len(data) and data[index + 1] == 0x0A):
            ends += 1
    return ends + 1


class PlanByteRangesTests(unittest.TestCase):
    def plan(self, data, partitions, block_bytes, header_wanted=False):
        with tempfile.NamedTemporaryFile(delete=False) as handle:
            handle.write(data)
        self.addCleanup(os.unlink, handle.name)
        saved = saliency_spark.RANGE_BLOCK_BYTES
        saliency_spark.RANGE_BLOCK_BYTES = block_bytes
        try:
            return saliency_spark.plan_byte_ranges(handle.name, partitions, header_wanted)
        finally:
            saliency_spark.RANGE_BLOCK_BYTES = saved

    def check(self, data, partitions, block_bytes):
        sha256, size, ranges, first_lines, _ = self.plan(data, partitions, block_bytes)
        self.assertEqual(sha256, hashlib.sha256(data).hexdigest())
        self.assertEqual(size, len(data))
        self.assertEqual(len(ranges), len(first_lines))
        self.assertLessEqual(len(ranges), partitions)
        self.assertEqual(ranges[0][0], 0)
        self.assertEqual(ranges[-1][1], len(data))
        for (start, end), (next_start, _) in zip(ranges, ranges[1:]):
            self.assertEqual(end, next_start)
            self.assertLess(start, end)
            self.assertEqual(data[end - 1], 0x0A, f"cut at {end} is not after a line feed")
        for (start, _), first_line in zip(ranges, first_lines):
            self.assertEqual(first_line, line_number_at(data, start))
        return ranges

    def test_random_files_with_every_line_ending(self):
        generator = random.Random(7)
        for trial in range(300):
            pieces = []
            for _ in range(generator.randrange(0, 40)):
                pieces.append("行abc"[: generator.randrange(0, 4)].encode() * generator.randrange(0, 5))
                pieces.append(generator.choice([b"\n", b"\r\n", b"\r", b"\n\n", b"\r\r\n"]))
            data = b"".join(pieces)
            if not data:
                continue
            with self.subTest(trial=trial):
                self.check(data, generator.randrange(1, 9), generator.choice([1, 2, 3, 5, 64]))

    def test_cuts_near_the_targets(self):
        data = b"".join(f"{i}\tline {i}\n".encode() for i in range(1000))
        ranges = self.check(data, 4, 1 << 20)
        self.assertEqual(len(ranges), 4)
        for k, (start, _) in enumerate(ranges[1:], 1):
            target = len(data) * k // 4
            self.assertGreaterEqual(start, target)
            self.assertLess(start - target, 20)

    def test_a_file_without_line_feeds_is_one_range(self):
        self.assertEqual(self.check(b"a\rb\rc\r", 3, 2), [(0, 6)])

    def test_the_header_drops_its_byte_order_mark_and_line_ending(self):
        *_, header = self.plan(b"\xef\xbb\xbflabel\ttext\r\n1\tok\n", 2, 1 << 20, header_wanted=True)
        self.assertEqual(header, b"label\ttext")


if __name__ == "__main__":
    unittest.main()
