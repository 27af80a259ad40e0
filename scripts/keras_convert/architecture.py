"""The layer chain of a Keras text classifier, checked against what PyTorch's nn.LSTM / nn.GRU compute."""
import json

from . import ConversionError

RECURRENT = ("LSTM", "GRU")
IDENTITIES = ("Dropout", "SpatialDropout1D")
TEXT_LAYERS = ("TextVectorization", "StringLookup", "IntegerLookup")


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
