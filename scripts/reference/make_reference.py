#!/usr/bin/env python3
"""Float64 PyTorch + Captum references for the recurrent architectures of the contract.

Writes, for each architecture (embedding -> nn.LSTM | nn.GRU, any num_layers, bidirectional or not -> fc):

    Tests/Fixtures/architectures/<name>/model.safetensors   float32 tensors, exactly the state_dict names
    Tests/Fixtures/architectures/<name>/reference.json      float64 values on the exact upcast of those weights
    Tests/Fixtures/architectures/ORIGIN.md                  versions, command, sha256 of every file

and, with --self-check, runs the same definitions on the 1-layer model of Tests/Fixtures/pytorch-reference and
reports the largest deviation from attributions.json / extra_attributions.json; with --binary PATH it also runs
`saliency explain --token-ids ... --method all --format json` on every model and compares (an architecture the
binary refuses is reported as SKIP with the binary's message).

Definitions (t = 1..T token positions, k = target class, e_t = embedding row of token t, F = logit_k unless said):
    gradient              ||dF/de_t||_2
    grad-input            dF/de_t . e_t
    integrated-gradients  Captum IntegratedGradients, method="gausslegendre", n_steps=50, baseline = zero
                          embedding at every position (= token id 0, the pad row), summed over E
    occlusion             p_k(x) - p_k(x with token t's id replaced by 0)
    shapley               exact Shapley values over positions, v(S) = p_k(x with the ids outside S replaced by 0)
    prefix-prediction     p_k(w_1..t) - p_k(w_1..t-1): the model run on the text cut after t; p(empty) = softmax(fc(0))
                          = softmax(fc.bias)
    trajectory            on the top layer's states: forward ||h_T - h_{t-1}|| - ||h_T - h_t||, h_0 = 0; the backward
                          direction of a bidirectional layer toward its own final state h<_1 with h<_{T+1} = 0:
                          ||h<_1 - h<_{t+1}|| - ||h<_1 - h<_t||; the two summed per token (class-independent)
    lrp                   LRP-epsilon (eps = 0.001), Arras et al. 2017, signal-take-all, biases and eps absorbed,
                          stacked and bidirectional; the LSTM rule of Sources/Saliency/Methods/LRP.swift and the GRU
                          rule documented there; the rules and their two independent implementations are in lrp.py
                          and README.md.

Usage: scripts/.cache/peer-venv/bin/python scripts/reference/make_reference.py [--out DIR] [--self-check]
           [--binary PATH] [--no-write]
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import torch
    import captum
    import safetensors
    from safetensors.torch import save_file
    import lrp
    from methods import (Classifier, IG_STEPS, float64, gradients, head_input, integrated_gradients,
                         integrated_gradients_f64, load, occlusion, prefix_probabilities, shapley, trajectory)
except ImportError as error:  # pragma: no cover - environment message
    sys.exit(f"make_reference.py: {error}. Create the env with scripts/bench/setup-peer-venv.sh and run "
             "scripts/.cache/peer-venv/bin/python scripts/reference/make_reference.py")

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "Tests", "Fixtures", "architectures")
ONE_LAYER = os.path.join(REPO, "Tests", "Fixtures", "pytorch-reference")

SIZES = {"V": 60, "E": 8, "H": 6, "K": 3}
# name -> (cell, num_layers, bidirectional, torch seed)
ARCHITECTURES = {
    "lstm-2layer": ("lstm", 2, False, 21),
    "bilstm": ("lstm", 1, True, 22),
    "gru": ("gru", 1, False, 23),
    "bigru-2layer": ("gru", 2, True, 24),
}
# Token-id sequences of lengths 1..12; id 0 is the pad row (zero embedding), id 1 the unk row.
CASES = [
    [7],
    [1, 42],
    [13, 0, 57, 9],
    [3, 41, 1, 28, 0, 17, 55],
    [31, 8, 44, 19, 2, 59, 23, 11, 36, 50],
    [12, 1, 47, 5, 30, 0, 21, 38, 14, 53, 26, 4],
]
EXACT_SHAPLEY_MAX = 12


def build(name):
    cell, layers, bidirectional, seed = ARCHITECTURES[name]
    torch.manual_seed(seed)
    model = Classifier(cell, layers, bidirectional, **SIZES)  # float32, PyTorch's default init
    return model


# ---------------------------------------------------------------------------------------------------------------
# Writing the fixtures

def numbers(values):
    if isinstance(values, torch.Tensor):
        return values.tolist()
    if isinstance(values, np.ndarray):
        return values.tolist()
    return list(values)


def reference(model32, name, cell, layers, bidirectional, cases):
    """The reference object for one model (float32 module; computed on its float64 upcast)."""
    model = float64(model32)
    tensors = {key: value.double().numpy() for key, value in model32.state_dict().items()}
    K = model.fc.out_features
    checks = {"manual_encoder_logits_max_abs_diff": 0.0, "lrp_autograd_max_abs_diff": 0.0,
              "lrp_nobias_eps0_max_abs_conservation_residual": 0.0,
              "ig_captum_vs_f64_weights_max_abs_diff": 0.0, "ig_max_abs_delta": 0.0,
              "shapley_max_abs_efficiency_residual": 0.0, "prefix_last_row_vs_forward_max_abs_diff": 0.0,
              "head_input_logits_max_abs_diff": 0.0}
    out_cases = []
    for ids in cases:
        logits = model.logits(ids).detach()
        probs = torch.softmax(logits, dim=0)
        prefix = prefix_probabilities(model, ids)
        checks["prefix_last_row_vs_forward_max_abs_diff"] = max(
            checks["prefix_last_row_vs_forward_max_abs_diff"], float((prefix[-1] - probs).abs().max()))
        summed, fw, bw = trajectory(model, ids)
        with torch.no_grad():
            states = model.top_states(ids)
            checks["head_input_logits_max_abs_diff"] = max(checks["head_input_logits_max_abs_diff"], float(
                (model.fc(head_input(model, states)) - logits).abs().max()))
        case = {"token_ids": ids, "length": len(ids), "logits": numbers(logits), "probabilities": numbers(probs),
                "predicted_class": int(torch.argmax(logits)), "prefix_probabilities": numbers(prefix),
                "top_states": numbers(states), "head_input": numbers(head_input(model, states)),
                "trajectory": numbers(summed)}
        if bidirectional:
            case["trajectory_forward"], case["trajectory_backward"] = numbers(fw), numbers(bw)
        case["targets"] = []
        for k in range(K):
            grad, e = gradients(model, ids, k)
            ig, delta = integrated_gradients(model, ids, k)
            ig64 = integrated_gradients_f64(model, ids, k)
            checks["ig_captum_vs_f64_weights_max_abs_diff"] = max(
                checks["ig_captum_vs_f64_weights_max_abs_diff"], float((ig - ig64).abs().max()))
            checks["ig_max_abs_delta"] = max(checks["ig_max_abs_delta"], abs(delta))
            entry = {"target": k, "logit": float(logits[k]), "probability": float(probs[k]),
                     "gradient": numbers(grad.norm(dim=1)), "grad-input": numbers((grad * e).sum(dim=1)),
                     "integrated-gradients": numbers(ig), "integrated-gradients_delta": delta,
                     "occlusion": numbers(occlusion(model, ids, k)),
                     "prefix-prediction": numbers(prefix[1:, k] - prefix[:-1, k])}
            if len(ids) <= EXACT_SHAPLEY_MAX:
                phi, total = shapley(model, ids, k)
                entry["shapley"] = phi
                checks["shapley_max_abs_efficiency_residual"] = max(
                    checks["shapley_max_abs_efficiency_residual"], abs(sum(phi) - total))
            scores, relevance, logit, manual = lrp.lrp(tensors, ids, k, cell, layers, bidirectional)
            entry["lrp"] = numbers(scores)
            entry["lrp_embedding_relevance"] = numbers(relevance)
            entry["lrp_axiom_gap"] = float(scores.sum() - logit)
            checks["manual_encoder_logits_max_abs_diff"] = max(
                checks["manual_encoder_logits_max_abs_diff"], float(np.abs(manual - logits.numpy()).max()))
            autograd = lrp.lrp_autograd(tensors, ids, k, cell, layers, bidirectional)
            checks["lrp_autograd_max_abs_diff"] = max(checks["lrp_autograd_max_abs_diff"],
                                                      float(np.abs(autograd - scores).max()))
            nb, _, nb_logit, _ = lrp.lrp(tensors, ids, k, cell, layers, bidirectional, eps=0.0, zero_bias=True)
            checks["lrp_nobias_eps0_max_abs_conservation_residual"] = max(
                checks["lrp_nobias_eps0_max_abs_conservation_residual"], abs(float(nb.sum() - nb_logit)))
            case["targets"].append(entry)
        out_cases.append(case)
    V, E = model.embedding.weight.shape
    return {
        "description": f"Float64 PyTorch/Captum reference for the {name} classifier (embedding -> {cell} "
                       f"num_layers={layers} bidirectional={str(bidirectional).lower()} -> fc); definitions in "
                       "scripts/reference/README.md and make_reference.py",
        "architecture": {"cell": cell, "layers": layers, "bidirectional": bidirectional,
                         "V": V, "E": E, "H": model.H, "K": K},
        "weights": "model.safetensors (float32); every value here is computed on its exact float64 upcast",
        "targets": "every class 0..K-1 for every case",
        "options": {"integrated-gradients": {"baseline": "pad (zero embedding)", "steps": IG_STEPS,
                                             "rule": "gauss-legendre (Captum gausslegendre)", "of": "logit"},
                    "gradient": {"of": "logit"}, "grad-input": {"of": "logit"},
                    "occlusion": {"erasure": "pad", "measure": "probability", "window": 1},
                    "shapley": {"erasure": "pad", "measure": "probability", "exact": True},
                    "lrp": {"epsilon": lrp.LRP_EPSILON},
                    "trajectory": {"normalize": False}},
        "prefix_probabilities": "row 0 = softmax(fc.bias) (empty text), row t = the model on w_1..t",
        "versions": versions(),
        "checks": checks,
        "cases": out_cases,
    }


def failed_checks(checks):
    """The internal checks above their bounds: 1e-8 for Captum's IG (float32 step weights), 1e-12 for the rest."""
    return [key for key, value in checks.items() if value > (1e-8 if key.startswith("ig_") else 1e-12)]


def versions():
    return {"python": sys.version.split()[0], "torch": torch.__version__, "captum": captum.__version__,
            "numpy": np.__version__, "safetensors": safetensors.__version__}


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_atomic(path, data):
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(temporary, path)


def dump(obj):
    return (json.dumps(obj, indent=1, allow_nan=False) + "\n").encode()


def write_fixtures(out, command):
    lines = []
    for name, (cell, layers, bidirectional, seed) in ARCHITECTURES.items():
        model = build(name)
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        weights = os.path.join(folder, "model.safetensors")
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        os.close(fd)
        save_file({k: v.contiguous() for k, v in model.state_dict().items()}, temporary)
        os.replace(temporary, weights)
        # Read back: the reference is computed on exactly what the file holds.
        model = load(weights, cell, layers, bidirectional)
        ref = reference(model, name, cell, layers, bidirectional, CASES)
        ref["seed"] = f"torch.manual_seed({seed}), PyTorch's default init (embedding N(0,1), row 0 zero)"
        write_atomic(os.path.join(folder, "reference.json"), dump(ref))
        print(f"{name}: {json.dumps(ref['checks'])}", file=sys.stderr)
        if failed_checks(ref["checks"]):
            sys.exit(f"make_reference.py: {name}: internal checks failed: {failed_checks(ref['checks'])}")
        for file in ("model.safetensors", "reference.json"):
            lines.append(f"    {sha256(os.path.join(folder, file))}  {name}/{file}")
    v = versions()
    sizes = ", ".join(f"{key}={value}" for key, value in SIZES.items())
    origin = f"""# Origin of these fixtures
Generated by

    {command}

(definitions in scripts/reference/README.md) with Python {v['python']}, PyTorch {v['torch']}, Captum {v['captum']},
NumPy {v['numpy']} and safetensors {v['safetensors']}. Random weights (PyTorch's default init after a fixed
`torch.manual_seed`), {sizes}. `model.safetensors` holds float32 tensors only, named exactly
as `state_dict()` writes them; `reference.json` is computed in float64 on the exact upcast of those tensors, every
class as target. Architectures:
""" + "".join(f"- `{n}`: nn.{'LSTM' if c == 'lstm' else 'GRU'}(num_layers={l}, bidirectional={b}), seed {s}\n"
              for n, (c, l, b, s) in ARCHITECTURES.items()) + """
sha256 sums:
""" + "\n".join(lines) + "\n"
    write_atomic(os.path.join(out, "ORIGIN.md"), origin.encode())


# ---------------------------------------------------------------------------------------------------------------
# Checks

def deviation(actual, expected):
    """max |a - r| and whether every entry is within 1e-5 + 1e-3*|r|."""
    a, r = np.asarray(actual, dtype=np.float64).ravel(), np.asarray(expected, dtype=np.float64).ravel()
    if a.shape != r.shape:
        return math.inf, False
    return (float(np.abs(a - r).max()) if a.size else 0.0), bool(np.all(np.abs(a - r) <= 1e-5 + 1e-3 * np.abs(r)))


def self_check():
    """Our definitions on the 1-layer model against attributions.json / extra_attributions.json."""
    with open(os.path.join(ONE_LAYER, "attributions.json")) as f:
        main = json.load(f)["sequences"]
    with open(os.path.join(ONE_LAYER, "extra_attributions.json")) as f:
        extra = json.load(f)["sequences"]
    model = load(os.path.join(ONE_LAYER, "model.safetensors"), "lstm", 1, False)
    cases = [s["token_ids"] for s in main]
    ref = reference(model, "pytorch-reference", "lstm", 1, False, cases)
    pairs = {  # ours -> theirs
        "logits": lambda m, x, c, t: (c["logits"], m["logits"]),
        "probabilities": lambda m, x, c, t: (c["probabilities"], m["probabilities"]),
        "gradient": lambda m, x, c, t: (t["gradient"], m["attributions"]["saliency_l2_logit"]),
        "grad-input": lambda m, x, c, t: (t["grad-input"], m["attributions"]["grad_x_input_logit"]),
        "integrated-gradients": lambda m, x, c, t: (t["integrated-gradients"], m["attributions"]["ig_logit"]),
        "occlusion": lambda m, x, c, t: (t["occlusion"], m["attributions"]["occlusion_prob"]),
        "trajectory": lambda m, x, c, t: (c["trajectory"], m["attributions"]["trajectory"]),
        "prefix_probabilities": lambda m, x, c, t: (c["prefix_probabilities"][1:], x["prefix_probabilities"]),
        "shapley": lambda m, x, c, t: ((t["shapley"], x["shapley_exact_prob"]) if x.get("shapley_exact_prob")
                                       else None),
        "lrp": lambda m, x, c, t: (t["lrp"], x["lrp_eps"]),
        "lrp_embedding_relevance": lambda m, x, c, t: (t["lrp_embedding_relevance"], x["lrp_eps_embedding_relevance"]),
    }
    worst, ok = {}, True
    for m, x, c in zip(main, extra, ref["cases"]):
        t = c["targets"][m["predicted_class"]]
        for key, pick in pairs.items():
            pair = pick(m, x, c, t)
            if pair is None:
                continue
            d, within = deviation(*pair)
            worst[key] = max(worst.get(key, 0.0), d)
            ok &= within
    print("self-check on Tests/Fixtures/pytorch-reference (max |ours - fixture| per field):")
    for key, d in worst.items():
        print(f"  {key:26s} {d:.3e}")
    print(f"  checks: {json.dumps(ref['checks'])}")
    return ref, ok and not failed_checks(ref["checks"])


def binary_check(binary, model_path, ref):
    """Every case and target of `ref` through `saliency explain --method all --format json`."""
    K = ref["architecture"]["K"]
    worst, ok = {}, True
    for case in ref["cases"]:
        for entry in case["targets"]:
            command = [binary, "explain", "--model", model_path, "--token-ids", ",".join(map(str, case["token_ids"])),
                       "--method", "all", "--format", "json", "--target", str(entry["target"]), "--threads", "1"]
            run = subprocess.run(command, capture_output=True, text=True)
            if run.returncode != 0:
                return None, run.stderr.strip().splitlines()[-1] if run.stderr.strip() else f"exit {run.returncode}"
            answer = json.loads(run.stdout)
            got = [answer["probabilities"][str(k)] for k in range(K)]
            comparisons = [("probabilities", got, case["probabilities"])]
            for explanation in answer["explanations"]:
                method = explanation["method"]
                if method == "trajectory":
                    comparisons.append((method, explanation["scores"], case["trajectory"]))
                elif method in entry and method != "shapley" or (method == "shapley" and "shapley" in entry
                                                                   and explanation["options"].get("exact")):
                    comparisons.append((method, explanation["scores"], entry[method]))
            for key, actual, expected in comparisons:
                d, within = deviation(actual, expected)
                worst[key] = max(worst.get(key, 0.0), d)
                ok &= within
    return (worst, ok), None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="fixture folder (default Tests/Fixtures/architectures)")
    parser.add_argument("--self-check", action="store_true",
                        help="reproduce Tests/Fixtures/pytorch-reference with the same definitions")
    parser.add_argument("--binary", help="also compare `saliency explain --method all` of this binary")
    parser.add_argument("--no-write", action="store_true", help="do not (re)write the fixtures")
    args = parser.parse_args()
    torch.set_num_threads(1)
    failed = False
    if not args.no_write:
        command = "scripts/.cache/peer-venv/bin/python scripts/reference/make_reference.py"
        write_fixtures(args.out, command)
    if args.self_check:
        one_layer, ok = self_check()
        failed |= not ok
        print(f"  within 1e-5 + 1e-3*|r|: {'yes' if ok else 'NO'}")
    if args.binary:
        models = []
        if args.self_check:
            models.append(("pytorch-reference", os.path.join(ONE_LAYER, "model.safetensors"),
                           one_layer))
        for name in ARCHITECTURES:
            with open(os.path.join(args.out, name, "reference.json")) as f:
                models.append((name, os.path.join(args.out, name, "model.safetensors"), json.load(f)))
        for name, path, ref in models:
            result, refusal = binary_check(args.binary, path, ref)
            if result is None:
                print(f"binary {name}: SKIP (the binary refuses the model: {refusal})")
                continue
            worst, ok = result
            failed |= not ok
            print(f"binary {name}: {'ok' if ok else 'MISMATCH'} (max |tool - reference| per method)")
            for key, d in worst.items():
                print(f"  {key:26s} {d:.3e}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
