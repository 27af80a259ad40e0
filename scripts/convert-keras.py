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
import json
import os
import struct
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_convert import ConversionError  # noqa: E402
from keras_convert.architecture import parse  # noqa: E402
from keras_convert.files import read_model  # noqa: E402
from keras_convert.tokenizer import tokenizer_metadata  # noqa: E402

PIP = "pip install h5py numpy safetensors"
FORMAT_VERSION = "1"


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
    from keras_convert.weights import tensors  # numpy, checked by require_dependencies
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
