"""Tests of scripts/convert-keras.py that need numpy only: the gate mappings against the two libraries'
equations, the architecture checks and their messages, the tokenizer metadata, and the output guard.
(scripts/tests/keras-roundtrip.sh checks real Keras files against Keras's predict.)"""

import importlib.util
import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

try:
    import numpy as np
except ImportError:  # the converter's weight mapping needs numpy
    raise unittest.SkipTest("numpy is not installed (pip install numpy)")

SCRIPTS = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("convert_keras", SCRIPTS / "convert-keras.py")
ck = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ck)
from keras_convert import ConversionError, architecture, tokenizer, weights  # noqa: E402 (on the path via ck)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def keras_lstm_step(x, h, c, kernel, recurrent_kernel, bias):
    """Keras's LSTM cell: z = x K + h R + b, gates i, f, c, o."""
    z = x @ kernel + h @ recurrent_kernel + bias
    i, f, g, o = np.split(z, 4)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def torch_lstm_step(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """PyTorch's nn.LSTM cell, gates i, f, g, o."""
    i, f, g, o = np.split(w_ih @ x + b_ih + w_hh @ h + b_hh, 4)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def keras_gru_step(x, h, kernel, recurrent_kernel, bias):
    """Keras's GRU cell with reset_after=True: gates z, r, h; bias [input; recurrent]."""
    xz, xr, xh = np.split(x @ kernel + bias[0], 3)
    hz, hr, hh = np.split(h @ recurrent_kernel + bias[1], 3)
    z, r = sigmoid(xz + hz), sigmoid(xr + hr)
    candidate = np.tanh(xh + r * hh)
    return z * h + (1 - z) * candidate


def torch_gru_step(x, h, w_ih, w_hh, b_ih, b_hh):
    """PyTorch's nn.GRU cell: gates r, z, n, b_hn inside the reset product."""
    ir, iz, inn = np.split(w_ih @ x + b_ih, 3)
    hr, hz, hn = np.split(w_hh @ h + b_hh, 3)
    r, z = sigmoid(ir + hr), sigmoid(iz + hz)
    n = np.tanh(inn + r * hn)
    return (1 - z) * n + z * h


def layer(cls, name, **config):
    return {"class_name": cls, "config": {"name": name, **config}}


def recurrent(cls, name, units=4, **config):
    defaults = dict(activation="tanh", recurrent_activation="sigmoid", use_bias=True, return_sequences=False,
                    go_backwards=False, stateful=False, reset_after=True)
    return layer(cls, name, units=units, **{**defaults, **config})


def sequential(*middle, head=None):
    return {"class_name": "Sequential", "config": {"name": "s", "layers": [
        layer("InputLayer", "input"), layer("Embedding", "embedding", input_dim=10, output_dim=3, mask_zero=True),
        *middle, head or layer("Dense", "dense", units=3, activation="softmax", use_bias=True)]}}


class GateMappingTests(unittest.TestCase):
    """The converted weights run through PyTorch's equations give Keras's states, step after step."""

    def setUp(self):
        self.rng = np.random.default_rng(0)

    def test_lstm(self):
        E, H = 3, 4
        kernel, recurrent_kernel = self.rng.normal(size=(E, 4 * H)), self.rng.normal(size=(H, 4 * H))
        bias = self.rng.normal(size=4 * H)
        converted = weights.keras_lstm_to_torch(kernel, recurrent_kernel, bias)
        self.assertEqual(converted[0].shape, (4 * H, E))
        h1 = c1 = h2 = c2 = np.zeros(H)
        for _ in range(5):
            x = self.rng.normal(size=E)
            h1, c1 = keras_lstm_step(x, h1, c1, kernel, recurrent_kernel, bias)
            h2, c2 = torch_lstm_step(x, h2, c2, *converted)
            np.testing.assert_allclose(h2, h1, rtol=0, atol=1e-12)

    def test_gru(self):
        E, H = 3, 4
        kernel, recurrent_kernel = self.rng.normal(size=(E, 3 * H)), self.rng.normal(size=(H, 3 * H))
        bias = self.rng.normal(size=(2, 3 * H))
        converted = weights.keras_gru_to_torch(kernel, recurrent_kernel, bias)
        self.assertEqual(converted[0].shape, (3 * H, E))
        h1 = h2 = np.zeros(H)
        for _ in range(5):
            x = self.rng.normal(size=E)
            h1 = keras_gru_step(x, h1, kernel, recurrent_kernel, bias)
            h2 = torch_gru_step(x, h2, *converted)
            np.testing.assert_allclose(h2, h1, rtol=0, atol=1e-12)

    def test_sigmoid_head_is_a_two_class_softmax(self):
        kernel, bias = self.rng.normal(size=(4, 1)), self.rng.normal(size=1)
        weight, b = weights.dense_to_torch(kernel, bias, "sigmoid")
        self.assertEqual(weight.shape, (2, 4))
        h = self.rng.normal(size=4)
        logits = weight @ h + b
        softmax = np.exp(logits) / np.exp(logits).sum()
        self.assertAlmostEqual(softmax[1], sigmoid(h @ kernel[:, 0] + bias[0]), places=14)


class ArchitectureTests(unittest.TestCase):
    def refusal(self, config):
        with self.assertRaises(ConversionError) as caught:
            architecture.parse(config)
        return str(caught.exception)

    def test_stacked_bidirectional_gru(self):
        first = recurrent("GRU", "f1", return_sequences=True)
        arch = architecture.parse(sequential(
            layer("Bidirectional", "b1", merge_mode="concat", layer=first),
            layer("Dropout", "drop", rate=0.5),
            layer("Bidirectional", "b2", merge_mode="concat", layer=recurrent("GRU", "f2"))))
        self.assertEqual((arch["cell"], arch["layers"], arch["bidirectional"], arch["H"], arch["K"]),
                         ("gru", 2, True, 4, 3))
        self.assertEqual(arch["recurrent"], ["b1", "b2"])
        self.assertEqual(arch["skipped"], ["drop"])

    def test_refusals_name_the_layer_and_the_setting(self):
        cases = [
            (sequential(recurrent("LSTM", "l", recurrent_activation="hard_sigmoid")), ["'l'", "hard_sigmoid"]),
            (sequential(recurrent("LSTM", "l", activation="relu")), ["'l'", "relu"]),
            (sequential(recurrent("GRU", "g", reset_after=False)), ["'g'", "reset_after=False"]),
            (sequential(recurrent("LSTM", "l", use_bias=False)), ["'l'", "use_bias=False"]),
            (sequential(recurrent("LSTM", "l", return_sequences=True)), ["'l'", "return_sequences=True"]),
            (sequential(recurrent("LSTM", "l1"), recurrent("LSTM", "l2")), ["'l1'", "return_sequences=False"]),
            (sequential(recurrent("LSTM", "l", go_backwards=True)), ["'l'", "go_backwards"]),
            (sequential(layer("Masking", "m"), recurrent("LSTM", "l")), ["'m'", "mask_zero"]),
            (sequential(layer("Bidirectional", "b", merge_mode="sum", layer=recurrent("LSTM", "f"))),
             ["'b'", "merge_mode='sum'"]),
            (sequential(layer("Conv1D", "conv"), recurrent("LSTM", "l")), ["'conv'", "Conv1D"]),
            (sequential(recurrent("LSTM", "l1", return_sequences=True), recurrent("GRU", "g")), ["GRU and LSTM"]),
            (sequential(recurrent("LSTM", "l1", return_sequences=True), recurrent("LSTM", "l2", units=5)),
             ["widths"]),
            (sequential(recurrent("LSTM", "l"), head=layer("Dense", "d", units=3, activation="relu")),
             ["'d'", "relu"]),
        ]
        for config, phrases in cases:
            message = self.refusal(config)
            for phrase in phrases:
                self.assertIn(phrase, message)

    def test_linear_and_sigmoid_heads(self):
        linear = architecture.parse(sequential(recurrent("LSTM", "l"),
                                     head=layer("Dense", "d", units=3, activation="linear", use_bias=True)))
        self.assertEqual((linear["head"], linear["K"]), ("linear", 3))
        binary = architecture.parse(sequential(recurrent("LSTM", "l"),
                                     head=layer("Dense", "d", units=1, activation="sigmoid", use_bias=True)))
        self.assertEqual((binary["head"], binary["K"]), ("sigmoid", 2))


class TokenizerTests(unittest.TestCase):
    def write(self, config):
        handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
        json.dump({"class_name": "Tokenizer", "config": config}, handle)
        handle.close()
        self.addCleanup(os.unlink, handle.name)
        return handle.name

    def test_vocabulary_special_ids_and_settings(self):
        word_index = {"<OOV>": 1, "good": 2, "film": 3, "bad": 4}
        path = self.write({"oov_token": "<OOV>", "lower": True, "num_words": 4, "char_level": False, "split": " ",
                           "word_index": json.dumps(word_index)})
        metadata, notes = tokenizer.tokenizer_metadata(path, 6)
        self.assertEqual(json.loads(metadata["saliency.vocabulary"]),
                         ["<pad>", "<unk>", "good", "film", "<unused 4>", "<unused 5>"])
        self.assertEqual(json.loads(metadata["saliency.special_ids"]), {"pad": 0, "unk": 1})
        self.assertEqual(metadata["saliency.tokenizer"], '{"kind":"character-han","lowercase":true,'
                         '"mask_hashtags":false,"mask_mentions":false,"mask_urls":false}')
        self.assertTrue(any("2 embedding row(s)" in note for note in notes))

    def test_refuses_a_tokenizer_without_oov_token(self):
        path = self.write({"oov_token": None, "word_index": {"good": 1}})
        with self.assertRaises(ConversionError) as caught:
            tokenizer.tokenizer_metadata(path, 5)
        self.assertIn("oov_token", str(caught.exception))

    def test_refuses_a_word_that_repeats_a_reserved_form(self):
        path = self.write({"oov_token": "<OOV>", "filters": "", "word_index": {"<OOV>": 1, "<unk>": 2}})
        with self.assertRaises(ConversionError) as caught:
            tokenizer.tokenizer_metadata(path, 4)
        self.assertIn("'<unk>' (index 2) repeats index 1", str(caught.exception))

    def test_notes_han_words_the_tool_cannot_match(self):
        path = self.write({"oov_token": "<OOV>", "word_index": {"<OOV>": 1, "很好": 2, "好": 3}})
        _, notes = tokenizer.tokenizer_metadata(path, 4)
        self.assertTrue(any(note.startswith("1 word(s) hold several Han characters") for note in notes))

    def test_refuses_character_level(self):
        path = self.write({"oov_token": "<OOV>", "char_level": True, "word_index": {"<OOV>": 1, "a": 2}})
        with self.assertRaises(ConversionError) as caught:
            tokenizer.tokenizer_metadata(path, 5)
        self.assertIn("char_level", str(caught.exception))


class OutputGuardTests(unittest.TestCase):
    def test_never_replaces_a_file_that_is_not_a_saliency_model(self):
        with tempfile.TemporaryDirectory() as folder:
            model, out = os.path.join(folder, "m.keras"), os.path.join(folder, "notes.txt")
            Path(model).write_bytes(b"PK")
            Path(out).write_text("keep me")
            with self.assertRaises(ConversionError) as caught:
                ck.convert(model, out)
            self.assertIn("not a saliency model file", str(caught.exception))
            self.assertEqual(Path(out).read_text(), "keep me")
            with self.assertRaises(ConversionError) as caught:
                ck.convert(model, model)
            self.assertIn("is the input model", str(caught.exception))

    def test_recognises_a_saliency_model(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "m.safetensors")
            header = json.dumps({"__metadata__": {"saliency.format_version": "1"}}).encode()
            Path(path).write_bytes(len(header).to_bytes(8, "little") + header)
            self.assertTrue(ck.is_saliency_model(path))
            Path(path).write_bytes(b"\x00" * 3)
            self.assertFalse(ck.is_saliency_model(path))

    def test_write_atomic_replaces_and_leaves_no_temporary(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "out.bin")
            ck.write_atomic(path, b"one")
            ck.write_atomic(path, b"two")
            self.assertEqual(Path(path).read_bytes(), b"two")
            self.assertEqual(os.listdir(folder), ["out.bin"])


if __name__ == "__main__":
    sys.exit(unittest.main())
