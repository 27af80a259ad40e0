"""Keras's kernels and biases as PyTorch's state_dict (Keras [in, gates*H] kernels, PyTorch [gates*H, in])."""
import numpy as np

from . import ConversionError

GATES = {"LSTM": 4, "GRU": 3}


def keras_lstm_to_torch(kernel, recurrent_kernel, bias):
    """Keras LSTM [in,4H], [H,4H], [4H] (gates i, f, c, o) -> PyTorch weight_ih, weight_hh, bias_ih, bias_hh."""
    return kernel.T, recurrent_kernel.T, bias, np.zeros_like(bias)


def keras_gru_to_torch(kernel, recurrent_kernel, bias):
    """Keras GRU (reset_after) [in,3H], [H,3H], [2,3H] (gates z, r, h) -> PyTorch (gates r, z, n)."""
    h = recurrent_kernel.shape[0]

    def reorder(matrix):  # columns z | r | h  ->  r | z | n
        return np.concatenate([matrix[..., h:2 * h], matrix[..., :h], matrix[..., 2 * h:]], axis=-1)
    return reorder(kernel).T, reorder(recurrent_kernel).T, reorder(bias[0]), reorder(bias[1])


def dense_to_torch(kernel, bias, head):
    """Keras Dense kernel [D*H, K] (+ bias) -> fc.weight [K, D*H], fc.bias [K]; a one-unit sigmoid becomes the
    two-class softmax with logits [0, z]."""
    weight = kernel.T
    if head == "sigmoid":
        return np.concatenate([np.zeros_like(weight), weight]), np.concatenate([np.zeros_like(bias), bias])
    return weight, bias


def tensors(arch, weights):
    """The PyTorch state_dict of the model: {name: float32 array}."""

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
