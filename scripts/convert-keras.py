#!/usr/bin/env python3
"""Converts a Keras text classifier to a saliency model file (safetensors, PyTorch names).

    scripts/convert-keras.py MODEL.keras|MODEL.h5 --out M.safetensors [--tokenizer tokenizer.json]
                             [--labels negative,positive]

Accepted: Embedding -> one or more LSTM | GRU layers, each plain or wrapped in Bidirectional(merge_mode="concat")
(all of one cell type, one width, all bidirectional or none; every one but the last with return_sequences=True)
-> Dense(K, softmax). Dropout and SpatialDropout1D layers in between are identities at prediction and are
skipped. A Dense(K) with a linear activation is converted too (its outputs become the logits, which the tool turns
into probabilities with a softmax that Keras's model does not have), and a Dense(1, sigmoid) becomes the
equivalent two-class softmax head: logits [0, z], so softmax gives [1 - sigmoid(z), sigmoid(z)].
Keras 2 HDF5 (`model.save("m.h5")`) and Keras 3 `.keras` files are read with h5py, zipfile and json: no
TensorFlow or Keras is needed.

Weights (Keras kernels are [in, gates*H], PyTorch's weights [gates*H, in]):
    LSTM  gate order i, f, c, o (= PyTorch's i, f, g, o):  weight_ih = kernel^T, weight_hh = recurrent_kernel^T,
          bias_ih = bias, bias_hh = 0 (Keras has one bias; PyTorch adds the two).
    GRU   reset_after=True only (its equations are PyTorch's: the recurrent bias inside the reset product); Keras's
          gate order z, r, h is reordered to PyTorch's r, z, n; bias[0] -> bias_ih, bias[1] -> bias_hh.
    Bidirectional: the forward layer -> `_l{k}`, the backward layer -> `_l{k}_reverse`; the head reads
          [forward h_T; backward h_1], as Keras's concatenation of the two final states.
    Dense kernel [D*H, K] -> fc.weight [K, D*H].

Refused, with a message naming the layer: recurrent_activation other than sigmoid (e.g. old Keras's
hard_sigmoid), activation other than tanh, use_bias=False, GRU reset_after=False, go_backwards or stateful layers,
return_sequences on the last recurrent layer (or missing on an earlier one), Masking layers (only Embedding's
mask_zero is understood), Bidirectional merge modes other than concat, any other layer, and Dense activations other
than softmax, linear or a one-unit sigmoid.

Embedding's mask_zero=True makes Keras skip every step whose id is 0; the tool never sees padding (its inputs are
unpadded), so row 0 of the embedding, which such a model never reads, is written as zeros (the tool's pad row).
With mask_zero=False, row 0 is kept as trained. Keras's `pad_sequences` pads at the front by default
(padding="pre"): with mask_zero=True strip the leading zeros and the tool's prediction is Keras's; with
mask_zero=False the zeros are real input to the model, so pass the padded ids (`--token-ids 0,0,0,12,7`) to get
Keras's prediction on the padded sequence (which differs from the prediction on the text alone).

--tokenizer reads a Keras `Tokenizer.to_json()` file (keras.preprocessing.text / tf_keras): index 0 becomes
`<pad>`, the Tokenizer's oov_token (index 1) `<unk>`, indices from 2 to min(V, num_words) - 1 its words; they go
into saliency.vocabulary, saliency.tokenizer ({"kind": "character-han", "lowercase": <lower>, ...}) and
saliency.special_ids ({"pad":0,"unk":1}). A Tokenizer without oov_token is refused: Keras drops unknown words,
which the tool (every unknown word -> <unk>) cannot reproduce.

The output is written atomically (a temporary file beside it, fsync, rename); an existing --out is replaced only
when it is a saliency model file (it has saliency.format_version), never another file.
"""
import argparse
import io
import json
import os
import re
import struct
import sys
import tempfile
import zipfile

PIP = "pip install h5py numpy safetensors"
FORMAT_VERSION = "1"
RECURRENT = ("LSTM", "GRU")
IDENTITIES = ("Dropout", "SpatialDropout1D")
TEXT_LAYERS = ("TextVectorization", "StringLookup", "IntegerLookup")
GATES = {"LSTM": 4, "GRU": 3}


class ConversionError(Exception):
    """A model or tokenizer this converter cannot convert exactly; the message names the layer and the fix."""


def require_dependencies():
    missing = []
    for module in ("numpy", "h5py", "safetensors"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        sys.exit(f"convert-keras.py: missing Python package(s) {', '.join(missing)}; install them with: {PIP}")


# ---------------------------------------------------------------------------------------------------------------
# Reading Keras files: (model config, {layer name: {"": [arrays]} or {"forward": [...], "backward": [...]}}, info)

def read_model(path):
    if zipfile.is_zipfile(path):
        return read_keras3(path)
    import h5py
    try:
        handle = h5py.File(path, "r")
    except OSError as error:
        raise ConversionError(f"{path}: neither a Keras 3 .keras archive (zip) nor an HDF5 file ({error})")
    with handle:
        return read_h5(handle, path)


def read_keras3(path):
    import h5py
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for needed in ("config.json", "model.weights.h5"):
            if needed not in names:
                raise ConversionError(f"{path}: a zip without {needed}; expected a Keras 3 .keras file (model.save)")
        config = json.loads(archive.read("config.json"))
        metadata = json.loads(archive.read("metadata.json")) if "metadata.json" in names else {}
        weights_file = h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r")
    info = {"format": "Keras 3 .keras", "keras_version": metadata.get("keras_version")}

    def arrays(group):
        """The numbered datasets of a `vars` group, in order."""
        if "vars" not in group:
            return []
        variables = group["vars"]
        return [variables[str(i)][()] for i in range(len(variables))]

    # Groups are named by layer class in snake case, numbered in model order (`lstm`, `lstm_1`); their `vars`
    # group records the layer's own name, which the config uses.
    by_key, counts = {}, {}
    for layer in config.get("config", {}).get("layers", []):
        key = re.sub(r"(?<!^)(?=[A-Z])", "_", layer.get("class_name", "")).lower()
        n = counts.get(key, 0)
        counts[key] = n + 1
        by_key[key if n == 0 else f"{key}_{n}"] = layer.get("config", {}).get("name", layer.get("name"))
    weights = {}
    with weights_file:
        layers = weights_file["layers"] if "layers" in weights_file else {}
        for key in layers:
            group = layers[key]
            recorded = group["vars"].attrs.get("name") if "vars" in group else None
            name = recorded.decode() if isinstance(recorded, bytes) else recorded or by_key.get(key, key)
            if "forward_layer" in group:
                weights[name] = {direction: arrays(group[f"{direction}_layer"]["cell"])
                                 for direction in ("forward", "backward")}
            elif "cell" in group:
                weights[name] = {"": arrays(group["cell"])}
            else:
                weights[name] = {"": arrays(group)}
    return config, weights, info


def read_h5(handle, path):
    def text(value):
        return value.decode() if isinstance(value, bytes) else str(value)

    if "model_config" not in handle.attrs:
        raise ConversionError(f"{path}: an HDF5 file without model_config: a weights-only file (save_weights)? "
                              "Save the whole model with model.save(\"m.h5\") or model.save(\"m.keras\")")
    config = json.loads(text(handle.attrs["model_config"]))
    info = {"format": "Keras HDF5", "keras_version": text(handle.attrs.get("keras_version", "unknown"))}
    root = handle["model_weights"] if "model_weights" in handle else handle
    weights = {}
    for name in root:
        group = root[name]
        names = [text(n) for n in group.attrs.get("weight_names", [])]
        if not names:
            continue
        found = {}
        for weight in names:
            direction = ("backward" if "/backward_" in weight else "forward" if "/forward_" in weight else "")
            found.setdefault(direction, []).append(group[weight][()])
        weights[name] = found
    return config, weights, info


# ---------------------------------------------------------------------------------------------------------------
# The layer chain

def activation_name(value):
    if isinstance(value, dict):  # a serialized function object
        value = value.get("config", value).get("name", value.get("class_name"))
    return str(value)


def main_input(layer):
    """The name of the layer whose output a Functional model's layer takes as its (first) input, or None.
    Keras 3 writes {"args": [{"config": {"keras_history": [name, 0, 0]}}]}, Keras 2 [[[name, 0, 0, {}]]]."""
    nodes = layer.get("inbound_nodes") or []
    if not nodes:
        return None
    node = nodes[0]
    if isinstance(node, dict):
        args = node.get("args") or []
        first = args[0] if args else None
        if isinstance(first, list):
            first = first[0] if first else None
        history = (first or {}).get("config", {}).get("keras_history") if isinstance(first, dict) else None
        return history[0] if history else None
    if isinstance(node, list) and node and isinstance(node[0], list) and node[0]:
        return node[0][0]
    return None


def model_layers(config):
    """The layers of a Sequential or a single-chain Functional model, InputLayers left out: [(class, config)].
    In a Functional model, Keras 3's NotEqual(input, 0) (the mask of Embedding(mask_zero=True)) is left out too."""
    if config.get("class_name") not in ("Sequential", "Functional", "Model"):
        raise ConversionError(f"the model is a {config.get('class_name')}; expected a Sequential or Functional model")
    functional = config.get("class_name") != "Sequential"
    layers = config.get("config", {}).get("layers", [])
    inputs = {layer.get("name") or layer.get("config", {}).get("name")
              for layer in layers if layer.get("class_name") == "InputLayer"}
    chain = []
    for layer in layers:
        cls, cfg = layer.get("class_name"), dict(layer.get("config", {}))
        cfg.setdefault("name", layer.get("name"))
        if cls == "InputLayer":
            continue
        if functional:
            source = main_input(layer)
            if cls == "NotEqual" and source in inputs:
                continue
            expected = chain[-1][1]["name"] if chain else None
            if (expected is None and source not in inputs) or (expected is not None and source != expected):
                raise ConversionError(f"layer {cfg['name']!r} ({cls}) takes {source!r} as its input, not "
                                      f"{expected or 'the model input'!r}; only a single chain of layers converts")
        chain.append((cls, cfg))
    return chain


def check_recurrent(cls, cfg, where, last, backward=False):
    """Refuses any setting whose numbers PyTorch's nn.LSTM / nn.GRU would not reproduce."""
    name = f"layer {where!r} ({cls})"
    if activation_name(cfg.get("activation", "tanh")) != "tanh":
        raise ConversionError(f"{name}: activation={activation_name(cfg['activation'])!r}; only tanh converts "
                              "(PyTorch's LSTM and GRU use tanh)")
    recurrent = activation_name(cfg.get("recurrent_activation", "sigmoid"))
    if recurrent != "sigmoid":
        raise ConversionError(f"{name}: recurrent_activation={recurrent!r}; only sigmoid converts (PyTorch's gates are "
                              "logistic sigmoids; old Keras's hard_sigmoid is a different function): retrain with "
                              "recurrent_activation='sigmoid'")
    if not cfg.get("use_bias", True):
        raise ConversionError(f"{name}: use_bias=False; retrain with use_bias=True (the converter writes PyTorch "
                              "modules, which have biases)")
    if cls == "GRU" and not cfg.get("reset_after", False):
        raise ConversionError(f"{name}: reset_after=False applies the reset gate before the recurrent product, which "
                              "PyTorch's GRU does not; retrain with reset_after=True (Keras's default)")
    if cfg.get("stateful", False):
        raise ConversionError(f"{name}: stateful=True carries state between batches; only stateless layers convert")
    if bool(cfg.get("go_backwards", False)) != backward:
        raise ConversionError(f"{name}: go_backwards={cfg.get('go_backwards')}; a backward layer converts only "
                              "inside Bidirectional")
    if cfg.get("return_state", False):
        raise ConversionError(f"{name}: return_state=True; the head must read the final state only")
    if cfg.get("time_major", False):
        raise ConversionError(f"{name}: time_major=True is not supported; inputs are [batch, time]")
    sequences = bool(cfg.get("return_sequences", False))
    if last and sequences:
        raise ConversionError(f"{name}: return_sequences=True on the last recurrent layer; the Dense head must read "
                              "the final state (return_sequences=False), as the tool's head does")
    if not last and not sequences:
        raise ConversionError(f"{name}: return_sequences=False on a recurrent layer that feeds another one")
    return int(cfg["units"])


def parse(config):
    """The architecture: dict(cell, layers, bidirectional, H, K, mask_zero, embedding, recurrent [names], head)."""
    chain = [(cls, cfg) for cls, cfg in model_layers(config) if cls not in IDENTITIES]
    skipped = [cfg["name"] for cls, cfg in model_layers(config) if cls in IDENTITIES]
    if not chain or chain[0][0] != "Embedding":
        first = f"{chain[0][1]['name']!r} ({chain[0][0]})" if chain else "nothing"
        hint = ("; save the model from its Embedding on (keras.Model(embedding input, output)) and explain the ids "
                "the text layer gives, with --token-ids" if chain and chain[0][0] in TEXT_LAYERS else "")
        raise ConversionError(f"the first layer is {first}; expected Embedding (token ids in){hint}")
    embedding = chain[0][1]
    if len(chain) < 3 or chain[-1][0] != "Dense":
        last = chain[-1]
        raise ConversionError(f"the last layer is {last[1]['name']!r} ({last[0]}); expected "
                              "Embedding -> LSTM/GRU/Bidirectional -> Dense")
    middle = chain[1:-1]
    cells, directions, units, names = set(), set(), set(), []
    for index, (cls, cfg) in enumerate(middle):
        last = index == len(middle) - 1
        where = cfg["name"]
        if cls == "Masking":
            raise ConversionError(f"layer {where!r} (Masking): only Embedding(mask_zero=True) masking converts")
        if cls == "Bidirectional":
            inner = cfg.get("layer", {})
            inner_cls, inner_cfg = inner.get("class_name"), inner.get("config", {})
            if inner_cls not in RECURRENT:
                raise ConversionError(f"layer {where!r} (Bidirectional) wraps {inner_cls}; expected LSTM or GRU")
            if cfg.get("merge_mode", "concat") != "concat":
                raise ConversionError(f"layer {where!r} (Bidirectional): merge_mode={cfg.get('merge_mode')!r}; only "
                                      "'concat' converts ([forward h_T; backward h_1], as PyTorch's bidirectional)")
            inner_cfg = dict(inner_cfg, return_sequences=inner_cfg.get("return_sequences", False))
            h = check_recurrent(inner_cls, inner_cfg, where, last)
            backward = cfg.get("backward_layer")
            if backward:
                if backward.get("class_name") != inner_cls:
                    raise ConversionError(f"layer {where!r} (Bidirectional): backward layer "
                                          f"{backward.get('class_name')} differs from the forward {inner_cls}")
                hb = check_recurrent(inner_cls, backward.get("config", {}), where + " backward", last, backward=True)
                if hb != h:
                    raise ConversionError(f"layer {where!r} (Bidirectional): {h} forward and {hb} backward units")
            cells.add(inner_cls)
            directions.add(2)
        elif cls in RECURRENT:
            h = check_recurrent(cls, cfg, where, last)
            cells.add(cls)
            directions.add(1)
        else:
            raise ConversionError(f"layer {where!r} ({cls}) is not supported; expected Embedding -> LSTM/GRU/"
                                  "Bidirectional(LSTM/GRU) layers -> Dense (Dropout layers may sit between)")
        units.add(h)
        names.append(where)
    if len(cells) > 1:
        raise ConversionError(f"the recurrent layers mix {' and '.join(sorted(cells))}; one nn.LSTM or nn.GRU "
                              "module holds one cell type")
    if len(directions) > 1:
        raise ConversionError("some recurrent layers are Bidirectional and some are not; PyTorch's "
                              "bidirectional=True applies to every layer")
    if len(units) > 1:
        raise ConversionError(f"the recurrent layers have different widths {sorted(units)}; one PyTorch module has "
                              "one hidden size H")
    dense = chain[-1][1]
    activation = activation_name(dense.get("activation", "linear"))
    k = int(dense["units"])
    if activation == "sigmoid" and k == 1:
        head = "sigmoid"
    elif activation in ("softmax", "linear"):
        head = activation
    else:
        raise ConversionError(f"layer {dense['name']!r} (Dense): activation={activation!r} with {k} unit(s); expected "
                              "softmax, linear, or sigmoid with one unit")
    return {"cell": cells.pop().lower(), "layers": len(middle), "bidirectional": directions == {2},
            "H": units.pop(), "K": 2 if head == "sigmoid" else k, "mask_zero": bool(embedding.get("mask_zero", False)),
            "embedding": embedding["name"], "recurrent": names, "dense": dense["name"], "head": head,
            "dense_use_bias": bool(dense.get("use_bias", True)), "skipped": skipped}


# ---------------------------------------------------------------------------------------------------------------
# Weight mapping (pure numpy)

def keras_lstm_to_torch(kernel, recurrent_kernel, bias):
    """Keras LSTM [in,4H], [H,4H], [4H] (gates i, f, c, o) -> PyTorch weight_ih, weight_hh, bias_ih, bias_hh."""
    import numpy as np
    return kernel.T, recurrent_kernel.T, bias, np.zeros_like(bias)


def keras_gru_to_torch(kernel, recurrent_kernel, bias):
    """Keras GRU (reset_after) [in,3H], [H,3H], [2,3H] (gates z, r, h) -> PyTorch (gates r, z, n)."""
    import numpy as np
    h = recurrent_kernel.shape[0]

    def reorder(matrix):  # columns z | r | h  ->  r | z | n
        return np.concatenate([matrix[..., h:2 * h], matrix[..., :h], matrix[..., 2 * h:]], axis=-1)
    return reorder(kernel).T, reorder(recurrent_kernel).T, reorder(bias[0]), reorder(bias[1])


def dense_to_torch(kernel, bias, head):
    """Keras Dense kernel [D*H, K] (+ bias) -> fc.weight [K, D*H], fc.bias [K]; a one-unit sigmoid becomes the
    two-class softmax with logits [0, z]."""
    import numpy as np
    weight = kernel.T
    if head == "sigmoid":
        return np.concatenate([np.zeros_like(weight), weight]), np.concatenate([np.zeros_like(bias), bias])
    return weight, bias


def tensors(arch, weights):
    """The PyTorch state_dict of the model: {name: float32 array}."""
    import numpy as np

    def layer_weights(name, what):
        if name not in weights:
            raise ConversionError(f"layer {name!r} ({what}): no weights in the file")
        return weights[name]

    out = {}
    found = layer_weights(arch["embedding"], "Embedding").get("", [])
    if len(found) != 1 or np.ndim(found[0]) != 2:
        raise ConversionError(f"layer {arch['embedding']!r} (Embedding): expected one [V, E] embeddings array, found "
                              f"{len(found)} array(s)")
    embedding = np.array(found[0], dtype=np.float32)
    if arch["mask_zero"]:
        embedding[0] = 0  # never read by a mask_zero model; the tool's pad row
    out["embedding.weight"] = embedding
    E, H, cell = embedding.shape[1], arch["H"], arch["cell"]
    gates = GATES[cell.upper()]
    convert = keras_lstm_to_torch if cell == "lstm" else keras_gru_to_torch
    width = E
    for index, name in enumerate(arch["recurrent"]):
        found = layer_weights(name, cell.upper())
        directions = [("forward", ""), ("backward", "_reverse")] if arch["bidirectional"] else [("", "")]
        for key, suffix in directions:
            arrays = found.get(key) or (found.get("forward") if key == "" else None)
            if not arrays or len(arrays) != 3:
                raise ConversionError(f"layer {name!r}: expected kernel, recurrent_kernel and bias for the "
                                      f"{key or 'only'} direction, found {len(arrays or [])} arrays")
            kernel, recurrent_kernel, bias = (np.asarray(a, dtype=np.float64) for a in arrays)
            expected_bias = (gates * H,) if cell == "lstm" else (2, gates * H)
            for what, array, shape in (("kernel", kernel, (width, gates * H)),
                                       ("recurrent_kernel", recurrent_kernel, (H, gates * H)),
                                       ("bias", bias, expected_bias)):
                if array.shape != shape:
                    hint = (" (a GRU with reset_after=False has a bias of shape [3H])"
                            if cell == "gru" and what == "bias" else "")
                    raise ConversionError(f"layer {name!r}: {what} has shape {list(array.shape)}, expected "
                                          f"{list(shape)}{hint}")
            w_ih, w_hh, b_ih, b_hh = convert(kernel, recurrent_kernel, bias)
            for part, value in (("weight_ih", w_ih), ("weight_hh", w_hh), ("bias_ih", b_ih), ("bias_hh", b_hh)):
                out[f"{cell}.{part}_l{index}{suffix}"] = np.ascontiguousarray(value, dtype=np.float32)
        width = H * (2 if arch["bidirectional"] else 1)
    dense = layer_weights(arch["dense"], "Dense").get("", [])
    if len(dense) != (2 if arch["dense_use_bias"] else 1):
        raise ConversionError(f"layer {arch['dense']!r} (Dense): expected kernel and bias, found {len(dense)} arrays")
    kernel = np.asarray(dense[0], dtype=np.float64)
    bias = np.asarray(dense[1], dtype=np.float64) if arch["dense_use_bias"] else np.zeros(kernel.shape[1])
    if kernel.shape[0] != width:
        raise ConversionError(f"layer {arch['dense']!r} (Dense): kernel has {kernel.shape[0]} inputs, expected {width}")
    weight, bias = dense_to_torch(kernel, bias, arch["head"])
    out["fc.weight"] = np.ascontiguousarray(weight, dtype=np.float32)
    out["fc.bias"] = np.ascontiguousarray(bias, dtype=np.float32)
    return out


# ---------------------------------------------------------------------------------------------------------------
# Tokenizer

def tokenizer_metadata(path, vocabulary_size):
    """saliency.vocabulary, saliency.tokenizer, saliency.special_ids from a Keras Tokenizer JSON, and notes."""
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except (OSError, ValueError) as error:
        raise ConversionError(f"{path}: cannot read the tokenizer JSON ({error})")
    config = document.get("config", document) if isinstance(document, dict) else None
    if not isinstance(config, dict) or "word_index" not in config:
        raise ConversionError(f"{path}: not a Keras Tokenizer JSON (tokenizer.to_json()): no config.word_index")
    word_index = config["word_index"]
    if isinstance(word_index, str):
        word_index = json.loads(word_index)
    if config.get("char_level"):
        raise ConversionError(f"{path}: char_level=True; the tool cuts text into words (and Han characters), so a "
                              "character-level Keras Tokenizer does not convert")
    oov = config.get("oov_token")
    if oov is None:
        raise ConversionError(f"{path}: the Tokenizer has no oov_token, so Keras drops unknown words, while the tool "
                              "maps them to <unk>; refit it with Tokenizer(oov_token='<OOV>') and retrain, or convert "
                              "without --tokenizer and explain --token-ids")
    if word_index.get(oov) != 1:
        raise ConversionError(f"{path}: the oov_token {oov!r} has index {word_index.get(oov)}, expected 1")
    limit = vocabulary_size if config.get("num_words") is None else min(vocabulary_size, int(config["num_words"]))
    index_word = {int(i): w for w, i in word_index.items()}
    vocabulary, unused = ["<pad>", "<unk>"], 0
    for i in range(2, vocabulary_size):
        if i < limit and i in index_word:
            vocabulary.append(index_word[i])
        else:  # an id Keras never produces: a form no text tokenizes to
            vocabulary.append(f"<unused {i}>")
            unused += 1
    seen = {}
    for i, form in enumerate(vocabulary):
        if form in seen:
            raise ConversionError(f"{path}: the word {form!r} (index {i}) repeats index {seen[form]}; the tool's "
                                  "vocabulary needs distinct forms, and '<pad>', '<unk>' are ids 0 and 1")
        seen[form] = i
    notes = []
    han_words = sum(1 for form in vocabulary[2:] if len(form) > 1 and any("\u4e00" <= ch <= "\u9fff" for ch in form))
    if han_words:
        notes.append(f"{han_words} word(s) hold several Han characters; the tool cuts Han text into single "
                     "characters (tokenizer character-han), so those words never match: explain such a model with "
                     "--token-ids")
    if unused:
        notes.append(f"{unused} embedding row(s) have no word (ids Keras never produces: num_words or a larger "
                     "input_dim); they get the placeholder forms '<unused ID>'")
    if config.get("split", " ") != " ":
        notes.append(f"the Tokenizer splits on {config['split']!r}; the tool splits on white space and punctuation")
    notes.append("Keras's Tokenizer deletes the characters of its filters (punctuation); the tool makes each a token "
                 "(<unk> unless in the vocabulary): remove punctuation from texts, or explain the ids of "
                 "tokenizer.texts_to_sequences with --token-ids, to give the model exactly Keras's input")
    tokenizer = {"kind": "character-han", "lowercase": bool(config.get("lower", True)),
                 "mask_hashtags": False, "mask_mentions": False, "mask_urls": False}
    metadata = {"saliency.vocabulary": json.dumps(vocabulary, ensure_ascii=False, separators=(",", ":")),
                "saliency.tokenizer": json.dumps(tokenizer, sort_keys=True, separators=(",", ":")),
                "saliency.special_ids": json.dumps({"pad": 0, "unk": 1}, separators=(",", ":"))}
    return metadata, notes


# ---------------------------------------------------------------------------------------------------------------
# Output

def is_saliency_model(path):
    """Whether `path` is a safetensors file whose metadata has saliency.format_version (an output of ours)."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            if len(head) != 8:
                return False
            (size,) = struct.unpack("<Q", head)
            if size > 100_000_000:
                return False
            header = json.loads(f.read(size))
        return "saliency.format_version" in (header.get("__metadata__") or {})
    except (OSError, ValueError, AttributeError):
        return False


def write_atomic(path, data):
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if os.path.exists(path):
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    directory_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(directory_fd)
    finally:
        os.close(directory_fd)


def convert(model_path, out, tokenizer=None, labels=None):
    """Converts; returns (architecture, notes). Raises ConversionError."""
    if not os.path.isfile(model_path):
        raise ConversionError(f"{model_path}: no such file")
    if os.path.exists(out):
        if os.path.samefile(out, model_path):
            raise ConversionError(f"--out {out} is the input model; choose another path")
        if os.path.isdir(out) or not is_saliency_model(out):
            raise ConversionError(f"--out {out} exists and is not a saliency model file; choose another path "
                                  "(only an earlier output is replaced)")
    config, weights, info = read_model(model_path)
    arch = parse(config)
    state = tensors(arch, weights)
    V, E = state["embedding.weight"].shape
    notes = []
    if arch["skipped"]:
        notes.append(f"skipped {', '.join(arch['skipped'])} (dropout: an identity at prediction)")
    if arch["head"] == "linear":
        notes.append(f"layer {arch['dense']!r} has a linear activation: its outputs are taken as the logits, and the "
                     "tool's probabilities are their softmax (Keras's predict returns the raw outputs)")
    if arch["head"] == "sigmoid":
        notes.append(f"layer {arch['dense']!r} is Dense(1, sigmoid): written as two classes with logits [0, z]; "
                     "probability of class 1 = Keras's output")
    if arch["mask_zero"]:
        notes.append("mask_zero=True: Keras skips id 0, the tool's inputs are unpadded; embedding row 0 is written "
                     "as zeros (the pad row); strip pad_sequences' zeros from ids")
    else:
        notes.append("mask_zero=False: id 0 is real input to this model (its row 0 is kept); ids padded by "
                     "pad_sequences give Keras's prediction only with the zeros passed too")
    model_config = {"V": int(V), "E": int(E), "H": arch["H"], "K": arch["K"], "cell": arch["cell"],
                    "layers": arch["layers"], "bidirectional": arch["bidirectional"],
                    "converted_from": {"file": os.path.basename(model_path), "format": info["format"],
                                       "keras_version": info["keras_version"], "mask_zero": arch["mask_zero"],
                                       "dense_activation": arch["head"]}}
    metadata = {"saliency.format_version": FORMAT_VERSION,
                "saliency.config": json.dumps(model_config, separators=(",", ":"))}
    if labels is not None:
        if len(labels) != arch["K"]:
            raise ConversionError(f"--labels gives {len(labels)} label(s); the model has {arch['K']} classes")
        if len(set(labels)) != len(labels) or any(not label for label in labels):
            raise ConversionError("--labels must be distinct, non-empty names, comma-separated")
        metadata["saliency.labels"] = json.dumps(labels, ensure_ascii=False, separators=(",", ":"))
    if tokenizer:
        entries, tokenizer_notes = tokenizer_metadata(tokenizer, int(V))
        metadata.update(entries)
        notes += tokenizer_notes
    from safetensors.numpy import save
    write_atomic(out, save(state, metadata=metadata))
    return arch, info, notes


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="convert-keras.py", description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 2)[2], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="a Keras 3 .keras file or a Keras HDF5 .h5 file (model.save)")
    parser.add_argument("--out", required=True, help="the safetensors file to write")
    parser.add_argument("--tokenizer", help="a Keras Tokenizer JSON (tokenizer.to_json()) whose vocabulary to embed")
    parser.add_argument("--labels", help="class names in output order, comma-separated (e.g. negative,positive)")
    args = parser.parse_args(argv)
    require_dependencies()
    labels = args.labels.split(",") if args.labels is not None else None
    try:
        arch, info, notes = convert(args.model, args.out, args.tokenizer, labels)
    except ConversionError as error:
        print(f"convert-keras.py: error: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, zipfile.BadZipFile) as error:
        # A damaged or unexpected file (broken JSON, missing groups, wrong types): name it, never a traceback.
        print(f"convert-keras.py: error: {args.model}: not a readable Keras model file ({type(error).__name__}: "
              f"{error}); save it again with model.save(\"m.keras\")", file=sys.stderr)
        return 1
    direction = "bidirectional " if arch["bidirectional"] else ""
    print(f"convert-keras.py: {args.model} ({info['format']}, Keras {info['keras_version']}): {direction}"
          f"{arch['cell'].upper()} x {arch['layers']} layer(s), H={arch['H']}, K={arch['K']} -> {args.out}",
          file=sys.stderr)
    for note in notes:
        print(f"convert-keras.py: note: {note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
