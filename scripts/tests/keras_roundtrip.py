"""The body of scripts/tests/keras-roundtrip.sh (run it through that script, which sets up the venv).

Builds small Keras models with random weights, saves them (Keras 3 .keras and .h5; genuine Keras 2 .h5 through
tf_keras when it imports), converts each with scripts/convert-keras.py, and compares Keras's own predict with
(a) float64 PyTorch modules holding the converted weights and (b) `saliency score --token-ids` of the binary.
Every comparison must agree to 1e-5 (max |difference| of the probabilities); SKIP where the binary refuses a model.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
from safetensors.numpy import load_file

TOLERANCE = 1e-5
V, E, H, K = 50, 8, 6, 3
# Unpadded token-id sequences (no id 0), lengths 1..9.
SEQUENCES = [[7], [12, 3], [5, 44, 21, 9], [33, 2, 18, 47, 6, 25, 11], [1, 30, 14, 8, 49, 27, 36, 4, 19]]
TEXTS = ["a good film", "not a good film at all", "the worst plot", "great acting and a fine plot"]


def specs(keras):
    """(name, builder, binary input kind) for Keras 3 models."""
    layers = keras.layers

    def model(*middle, mask_zero=True, head=None):
        return keras.Sequential([keras.Input(shape=(None,), dtype="int32"), layers.Embedding(V, E, mask_zero=mask_zero),
                                 *middle, head or layers.Dense(K, activation="softmax")])
    return [
        ("lstm", lambda: model(layers.LSTM(H))),
        ("lstm-dropout-nomask-sigmoid", lambda: model(layers.Dropout(0.3), layers.LSTM(H), mask_zero=False,
                                                      head=layers.Dense(1, activation="sigmoid"))),
        ("lstm-linear-head", lambda: model(layers.LSTM(H), head=layers.Dense(K))),
        ("gru", lambda: model(layers.GRU(H))),
        ("bilstm", lambda: model(layers.Bidirectional(layers.LSTM(H)))),
        ("lstm-2layer", lambda: model(layers.LSTM(H, return_sequences=True), layers.LSTM(H))),
        ("bigru-2layer", lambda: model(layers.Bidirectional(layers.GRU(H, return_sequences=True)),
                                       layers.Bidirectional(layers.GRU(H)))),
    ]


def randomize(model, seed):
    """Every weight (biases too) drawn from N(0, 0.5^2), so a swapped gate or a lost bias shows."""
    rng = np.random.default_rng(seed)
    for weight in model.weights:
        weight.assign(rng.normal(0.0, 0.5, size=tuple(weight.shape)).astype("float32"))


def as_probabilities(model, outputs):
    """Keras's outputs [B, K] as class probabilities: a one-unit sigmoid -> [1 - p, p]; a linear head's outputs are
    logits -> their softmax (what the converted model's probabilities are)."""
    outputs = np.asarray(outputs, dtype=np.float64)
    if outputs.shape[1] == 1:
        return np.concatenate([1 - outputs, outputs], axis=1)
    if model.layers[-1].get_config().get("activation") == "linear":
        exp = np.exp(outputs - outputs.max(axis=1, keepdims=True))
        return exp / exp.sum(axis=1, keepdims=True)
    return outputs


def keras_probabilities(model, ids):
    """Keras's predict on one sequence, as class probabilities [K']."""
    return as_probabilities(model, model.predict(np.array([ids], dtype="int32"), verbose=0))[0]


class TorchModel(torch.nn.Module):
    """float64 embedding -> nn.LSTM / nn.GRU -> fc from a converted file (architecture from its saliency.config)."""

    def __init__(self, path):
        super().__init__()
        from safetensors import safe_open
        with safe_open(path, "np") as f:
            config = json.loads(f.metadata()["saliency.config"])
        state = {k: torch.from_numpy(v).double() for k, v in load_file(path).items()}
        self.bidirectional = config["bidirectional"]
        self.embedding = torch.nn.Embedding(config["V"], config["E"])
        recurrent = torch.nn.LSTM if config["cell"] == "lstm" else torch.nn.GRU
        setattr(self, config["cell"], recurrent(config["E"], config["H"], num_layers=config["layers"],
                                                bidirectional=config["bidirectional"], batch_first=True))
        self.cell = config["cell"]
        self.fc = torch.nn.Linear(config["H"] * (2 if config["bidirectional"] else 1), config["K"])
        self.double()
        self.load_state_dict(state, strict=True)  # every tensor used, none missing

    def probabilities(self, ids):
        with torch.no_grad():
            _, state = getattr(self, self.cell)(self.embedding(torch.tensor([ids])))
            h_n = state[0] if isinstance(state, tuple) else state
            head = torch.cat([h_n[-2], h_n[-1]], dim=1) if self.bidirectional else h_n[-1]
            return torch.softmax(self.fc(head), dim=1)[0].numpy()


def binary_probabilities(binary, model_path, ids=None, text=None):
    """`saliency score` probabilities, or (None, message) when the binary refuses the model."""
    command = [binary, "score", "--model", model_path, "--format", "json", "--threads", "1"]
    command += ["--token-ids", ",".join(map(str, ids))] if ids is not None else [text]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        lines = run.stderr.strip().splitlines()
        return None, (lines[-1] if lines else f"exit {run.returncode}")
    answer = json.loads(run.stdout)
    labels = answer["model"]["labels"]
    return np.array([answer["probabilities"][label] for label in labels]), None


class Report:
    def __init__(self):
        self.failed = 0
        self.passed = 0
        self.skipped = 0

    def check(self, what, error):
        ok = error <= TOLERANCE
        self.passed += ok
        self.failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {what}: max |difference| {error:.2e}")

    def skip(self, what, reason):
        self.skipped += 1
        print(f"SKIP {what}: {reason}")


def convert(converter, model_path, out, *extra):
    if os.path.exists(out):
        os.unlink(out)
    run = subprocess.run([sys.executable, converter, model_path, "--out", out, *extra], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"convert-keras.py failed on {model_path}: {run.stderr.strip()}")
    return run.stderr


def roundtrip(report, name, model, model_path, converter, binary, folder, mask_zero=True):
    out = os.path.join(folder, os.path.basename(model_path) + ".safetensors")
    convert(converter, model_path, out)
    label = f"{name} [{os.path.basename(model_path)}]"
    expected = [keras_probabilities(model, ids) for ids in SEQUENCES]
    torch_model = TorchModel(out)
    report.check(f"{label} float64 PyTorch vs Keras predict",
                 max(np.abs(torch_model.probabilities(ids) - p).max() for ids, p in zip(SEQUENCES, expected)))
    first, refusal = binary_probabilities(binary, out, ids=SEQUENCES[0])
    if refusal:
        report.skip(f"{label} saliency score vs Keras predict", f"the binary refuses the model: {refusal}")
        return
    errors = [np.abs(binary_probabilities(binary, out, ids=ids)[0] - p).max() for ids, p in zip(SEQUENCES, expected)]
    report.check(f"{label} saliency score vs Keras predict", max(errors))
    # pad_sequences (padding="pre"): with mask_zero the tool's unpadded ids give Keras's prediction on the padded
    # batch; without it, the padded ids (zeros included) do.
    padded = np.zeros((len(SEQUENCES), 12), dtype="int32")
    for row, ids in enumerate(SEQUENCES):
        padded[row, -len(ids):] = ids
    batch = as_probabilities(model, model.predict(padded, verbose=0))
    inputs = SEQUENCES if mask_zero else [list(map(int, row)) for row in padded]
    errors = [np.abs(binary_probabilities(binary, out, ids=ids)[0] - p).max() for ids, p in zip(inputs, batch)]
    kind = "unpadded ids" if mask_zero else "padded ids"
    report.check(f"{label} saliency score on {kind} vs Keras predict on pad_sequences' batch", max(errors))


def refusals(report, keras, converter, folder):
    """Real Keras files the converter must refuse: exit 1, a message naming the layer and the setting."""
    layers = keras.layers

    def model(*middle, head=None):
        inputs = keras.Input(shape=(None,), dtype="int32")
        x = layers.Embedding(V, E, mask_zero=True)(inputs)
        for layer in middle:
            x = layer(x)
        return keras.Model(inputs, (head or layers.Dense(K, activation="softmax"))(x))
    cases = [
        ("hard-sigmoid", lambda: model(layers.LSTM(H, recurrent_activation="hard_sigmoid", name="rnn")),
         ["'rnn'", "hard_sigmoid"]),
        ("gru-reset-before", lambda: model(layers.GRU(H, reset_after=False, name="rnn")), ["'rnn'", "reset_after"]),
        ("sequences-out", lambda: model(layers.LSTM(H, return_sequences=True, name="rnn"),
                                        head=layers.Dense(K, activation="softmax", name="d")),
         ["'rnn'", "return_sequences=True"]),
        ("merge-sum", lambda: model(layers.Bidirectional(layers.LSTM(H), merge_mode="sum", name="bi")),
         ["'bi'", "merge_mode"]),
        ("relu-head", lambda: model(layers.LSTM(H), head=layers.Dense(K, activation="relu", name="d")),
         ["'d'", "relu"]),
    ]
    for name, build, phrases in cases:
        path = os.path.join(folder, f"refuse-{name}.keras")
        build().save(path)
        out = path + ".safetensors"
        run = subprocess.run([sys.executable, converter, path, "--out", out], capture_output=True, text=True)
        ok = run.returncode == 1 and all(p in run.stderr for p in phrases) and not os.path.exists(out)
        report.passed += ok
        report.failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} refuses {name}: {run.stderr.strip().splitlines()[-1] if run.stderr else ''}")


def keras2_tokenizer_check(report, converter, binary, folder):
    """Genuine Keras 2 (tf_keras) h5 files, and a Tokenizer JSON travelling into the model."""
    try:
        import tf_keras
        from tf_keras.preprocessing.text import Tokenizer
    except Exception as error:  # noqa: BLE001 - any import failure means no Keras 2 here
        report.skip("Keras 2 (tf_keras) h5 files", f"tf_keras does not import: {error}")
        return
    layers = tf_keras.layers
    builders = [
        ("keras2-lstm", lambda: [layers.LSTM(H)]),
        ("keras2-bigru", lambda: [layers.Bidirectional(layers.GRU(H, reset_after=True))]),
        ("keras2-lstm-2layer", lambda: [layers.LSTM(H, return_sequences=True), layers.LSTM(H)]),
    ]
    tokenizer = Tokenizer(oov_token="<OOV>")
    tokenizer.fit_on_texts(TEXTS)
    tokenizer_path = os.path.join(folder, "tokenizer.json")
    with open(tokenizer_path, "w", encoding="utf-8") as f:
        f.write(tokenizer.to_json())
    def functional_gru():
        inputs = tf_keras.Input(shape=(None,), dtype="int32")
        x = layers.GRU(H, reset_after=True)(layers.Embedding(V, E, mask_zero=True)(inputs))
        return tf_keras.Model(inputs, layers.Dense(K, activation="softmax")(x))
    models = [(name, lambda middle=middle: tf_keras.Sequential(
        [layers.Embedding(V, E, mask_zero=True), *middle(), layers.Dense(K, activation="softmax")]))
        for name, middle in builders] + [("keras2-functional-gru", functional_gru)]
    for seed, (name, build) in enumerate(models):
        model = build()
        model.build((None, None))
        rng = np.random.default_rng(100 + seed)
        model.set_weights([rng.normal(0.0, 0.5, size=w.shape).astype("float32") for w in model.get_weights()])
        path = os.path.join(folder, f"{name}.h5")
        model.save(path, save_format="h5")
        out = path + ".safetensors"
        convert(converter, path, out, "--tokenizer", tokenizer_path, "--labels", "a,b,c")
        expected = [np.asarray(model.predict(np.array([ids]), verbose=0), dtype=np.float64)[0] for ids in SEQUENCES]
        torch_model = TorchModel(out)
        report.check(f"{name} [Keras 2 h5] float64 PyTorch vs Keras predict",
                     max(np.abs(torch_model.probabilities(ids) - p).max() for ids, p in zip(SEQUENCES, expected)))
        first, refusal = binary_probabilities(binary, out, ids=SEQUENCES[0])
        if refusal:
            report.skip(f"{name} [Keras 2 h5] saliency score", f"the binary refuses the model: {refusal}")
            continue
        errors = [np.abs(binary_probabilities(binary, out, ids=ids)[0] - p).max()
                  for ids, p in zip(SEQUENCES, expected)]
        report.check(f"{name} [Keras 2 h5] saliency score --token-ids vs Keras predict", max(errors))
        # Text through the converted vocabulary = Keras's texts_to_sequences (texts without punctuation).
        texts = TEXTS + ["an unseen word in a good film"]
        sequences = tokenizer.texts_to_sequences(texts)
        keras_text = [np.asarray(model.predict(np.array([s]), verbose=0), dtype=np.float64)[0] for s in sequences]
        errors = [np.abs(binary_probabilities(binary, out, text=t)[0] - p).max() for t, p in zip(texts, keras_text)]
        report.check(f"{name} [Keras 2 h5 + tokenizer.json] saliency score TEXT vs Keras texts_to_sequences + predict",
                     max(errors))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--converter", required=True)
    parser.add_argument("--keep")
    args = parser.parse_args()
    import keras
    print(f"keras {keras.__version__} (backend {keras.backend.backend()}), torch {torch.__version__}; "
          f"binary {args.binary}")
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        run(keras, args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="keras-roundtrip-") as folder:
            run(keras, args, folder)


def run(keras, args, folder):
    report = Report()
    for seed, (name, build) in enumerate(specs(keras)):
        model = build()
        randomize(model, seed)
        mask_zero = "nomask" not in name
        for extension in ("keras", "h5"):
            path = os.path.join(folder, f"{name}.{extension}")
            model.save(path)
            roundtrip(report, name, model, path, args.converter, args.binary, folder, mask_zero=mask_zero)
    # A Functional model converts as the Sequential one does.
    inputs = keras.Input(shape=(None,), dtype="int32")
    hidden = keras.layers.LSTM(H)(keras.layers.Embedding(V, E, mask_zero=True)(inputs))
    functional = keras.Model(inputs, keras.layers.Dense(K, activation="softmax")(hidden))
    randomize(functional, 99)
    path = os.path.join(folder, "functional-lstm.keras")
    functional.save(path)
    roundtrip(report, "functional-lstm", functional, path, args.converter, args.binary, folder)
    refusals(report, keras, args.converter, folder)
    keras2_tokenizer_check(report, args.converter, args.binary, folder)
    print(f"{report.passed} passed, {report.failed} failed, {report.skipped} skipped")
    sys.exit(1 if report.failed else 0)


if __name__ == "__main__":
    main()
