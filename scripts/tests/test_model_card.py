"""Tests of scripts/model_card.py: the metadata rewrite keeps the tensors and adds one key."""

import json
import struct
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import model_card as mc  # noqa: E402

REPO = Path(__file__).resolve().parent.parent.parent


def safetensors(header: dict, payload: bytes) -> bytes:
    encoded = json.dumps(header).encode()
    return struct.pack("<Q", len(encoded)) + encoded + payload


class MetadataTests(unittest.TestCase):
    def test_adds_key_keeps_tensors_and_pads(self):
        payload = bytes(range(16))
        header = {"__metadata__": {"saliency.labels": '["a","b"]'},
                  "w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}
        out = mc.with_metadata(safetensors(header, payload), mc.KEY, '{"x":1}', "m")
        (size,) = struct.unpack("<Q", out[:8])
        self.assertEqual(size % 8, 0)
        self.assertEqual(out[8 + size:], payload)
        parsed = mc.read_header(out, "m")
        self.assertEqual(parsed["__metadata__"][mc.KEY], '{"x":1}')
        self.assertEqual(parsed["__metadata__"]["saliency.labels"], '["a","b"]')
        self.assertEqual(parsed["w"], header["w"])

    def test_replaces_an_existing_value(self):
        data = safetensors({"__metadata__": {mc.KEY: "old"}}, b"")
        out = mc.with_metadata(data, mc.KEY, "new", "m")
        self.assertEqual(mc.read_header(out, "m")["__metadata__"][mc.KEY], "new")

    def test_rejects_a_truncated_file(self):
        with self.assertRaises(mc.CardError):
            mc.read_header(struct.pack("<Q", 100) + b"{}", "m")

    def test_card_needs_a_description_for_every_domain(self):
        with tempfile.TemporaryDirectory() as tmp:
            mix = Path(tmp)
            (mix / "train.tsv").write_text("label\ttext\npositive\tgood\n", encoding="utf-8")
            (mix / "dev.tsv").write_text("label\ttext\n", encoding="utf-8")
            figures = {"a": {"rows": 3, "train_rows": 1,
                             "model": {"accuracy": 0.5, "macro_f1": 0.5, "balanced_accuracy": 0.5},
                             "naive_bayes": {"accuracy": 0.25, "macro_f1": 0.2, "balanced_accuracy": 0.25}}}
            card = mc.card("en", mix, figures, {"a": "source a"}, None)
            self.assertEqual(card["train_rows"], 1)
            self.assertEqual(card["dev_rows"], 0)
            self.assertEqual(card["domains"][0]["test"]["accuracy"], 0.5)
            self.assertNotIn("leave_one_out_test", card["domains"][0])
            with self.assertRaises(mc.CardError):
                mc.card("en", mix, figures, {}, None)
            with_extra = mc.card("en", mix, figures, {"a": "source a", "b": "source b"}, None, {"a": 1, "b": 7})
            self.assertEqual(with_extra["domains"][1], {"name": "b", "source": "source b", "train_rows": 7, "test_rows": 0})

    def test_every_domain_has_a_description(self):
        import build_corpora as bc
        describe = json.loads((REPO / "scripts" / "domain_descriptions.json").read_text(encoding="utf-8"))
        for lang, domains in bc.DOMAINS.items():
            for domain in domains:
                self.assertIn(domain, describe, f"{lang}/{domain}")


if __name__ == "__main__":
    unittest.main()
