"""The model config and weight arrays of a Keras file: (config, {layer name: {direction: [arrays]}}, info).

Directions: "" for a plain layer; "forward" and "backward" for the two layers of a Bidirectional wrapper."""
import io
import json
import re
import zipfile

from . import ConversionError


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
