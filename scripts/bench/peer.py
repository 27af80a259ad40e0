#!/usr/bin/env python3
"""PyTorch + Captum peer benchmark for saliency's standard workload.

Runs the same model (embedding -> LSTM -> dense, logits from the last hidden state) and the same
workloads as the Swift tool, and prints one JSON object per measurement on stdout, e.g.

    {"tool": "pytorch", "workload": "train", "unit": "tokens/s", "value": 41234.5, "median_of": 5, ...}

Progress and notes go to stderr. Needs: Python standard library, torch, captum, numpy
(`scripts/bench/setup-peer-venv.sh` makes a virtual env with them). See scripts/bench/README.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Workloads in the order they run. kernel-shap needs scikit-learn (Captum's KernelShap fits its
# linear model with it) and is skipped without it. sgemm is a calibration: torch.mm 1024^3 float32.
WORKLOADS = [
    "train",
    "score",
    "gradient",
    "grad-input",
    "integrated-gradients",
    "occlusion",
    "trajectory",
    "trajectory-32",
    "shapley",
    "kernel-shap",
    "sgemm",
    "import",
]

TENSOR_NAMES = [
    "embedding.weight",
    "lstm.weight_ih_l0",
    "lstm.weight_hh_l0",
    "lstm.bias_ih_l0",
    "lstm.bias_hh_l0",
    "fc.weight",
    "fc.bias",
]


def log(message: str) -> None:
    print(f"[peer] {message}", file=sys.stderr, flush=True)


def emit(record: dict) -> None:
    print(json.dumps(record), flush=True)


def cpu_description() -> str:
    """e.g. "Intel(R) Xeon(R) Processor (family 6, model 207), 2 CPUs, avx512f amx_bf16"."""
    info = {}
    try:
        with open("/proc/cpuinfo", "r", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if not line.strip():
                    break  # first processor only
                key, _, value = line.partition(":")
                info[key.strip()] = value.strip()
    except OSError:
        return "unknown"
    flags = set(info.get("flags", "").split())
    shown = [f for f in ("avx2", "avx512f", "avx512_bf16", "amx_bf16") if f in flags]
    return (f"{info.get('model name', 'unknown')} (family {info.get('cpu family', '?')}, "
            f"model {info.get('model', '?')}), {os.cpu_count()} CPUs, {' '.join(shown) or 'no avx2'}")


# ----------------------------------------------------------------------------------------------
# Inputs


def read_safetensors(path: str) -> dict:
    """Tensors of a safetensors file as numpy arrays (stdlib + numpy; no safetensors package)."""
    import numpy as np

    dtypes = {
        "F32": "<f4",
        "F64": "<f8",
        "F16": "<f2",
        "I64": "<i8",
        "I32": "<i4",
        "I16": "<i2",
        "I8": "i1",
        "U8": "u1",
        "BOOL": "?",
    }
    with open(path, "rb") as handle:
        blob = handle.read()
    if len(blob) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    header_len = int.from_bytes(blob[:8], "little")
    if 8 + header_len > len(blob):
        raise ValueError(f"{path}: header length {header_len} runs past the end of the file")
    header = json.loads(blob[8 : 8 + header_len].decode("utf-8"))
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = info["dtype"]
        if dtype not in dtypes:
            raise ValueError(f"{path}: tensor {name} has unsupported dtype {dtype}")
        start, end = info["data_offsets"]
        shape = [int(n) for n in info["shape"]]
        count = 1
        for n in shape:
            count *= n
        array = np.frombuffer(blob, dtype=dtypes[dtype], count=count, offset=base + start)
        if array.nbytes != end - start:
            raise ValueError(f"{path}: tensor {name} has {end - start} bytes for shape {shape}")
        tensors[name] = array.reshape(shape).copy()
    return tensors


def load_weights(path: str) -> dict:
    try:
        from safetensors.numpy import load_file  # optional; same result as the fallback
    except ImportError:
        return read_safetensors(path)
    return load_file(path)


def read_tokens(path: str, vocab: int) -> list:
    with open(path, "r", encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: not JSON ({error})") from None
    if not isinstance(data, list) or not data:
        raise ValueError(f"{path}: expected a non-empty JSON array of token-id arrays")
    sequences = []
    for index, seq in enumerate(data):
        if not isinstance(seq, list) or not seq:
            raise ValueError(f"{path}: item {index} is not a non-empty array of token ids")
        for token in seq:
            if not isinstance(token, int) or isinstance(token, bool) or not 0 <= token < vocab:
                raise ValueError(f"{path}: item {index} has token {token!r} outside 0..{vocab - 1}")
        sequences.append(seq)
    return sequences


# ----------------------------------------------------------------------------------------------
# Other processes: this is a 2-core shared machine, and anything else running (a compiler, a test
# suite) slows PyTorch's OpenMP threads badly. Each record says how busy the rest of the machine was.


class CpuMonitor:
    """Fraction of the machine's CPU capacity used by *other* processes between start() and stop()."""

    def __init__(self):
        self.hz = os.sysconf("SC_CLK_TCK")
        self.ncpu = os.cpu_count() or 1

    @staticmethod
    def _busy_ticks():
        try:
            with open("/proc/stat", "r", encoding="ascii") as handle:
                fields = [int(x) for x in handle.readline().split()[1:]]
        except (OSError, ValueError):
            return None
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        # guest time is already counted in user time
        return sum(fields[:8]) - idle

    @staticmethod
    def _own_seconds():
        import resource

        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def start(self):
        self.t0 = time.perf_counter()
        self.busy0 = self._busy_ticks()
        self.own0 = self._own_seconds()

    def stop(self):
        busy1 = self._busy_ticks()
        wall = time.perf_counter() - self.t0
        if self.busy0 is None or busy1 is None or wall <= 0:
            return None
        foreign = (busy1 - self.busy0) / self.hz - (self._own_seconds() - self.own0)
        return max(0.0, min(1.0, foreign / (wall * self.ncpu)))

    def wait_quiet(self, limit_s: float, threshold: float = 0.05) -> None:
        """Wait (up to limit_s) until other processes use less than `threshold` of the machine."""
        if limit_s <= 0:
            return
        deadline = time.monotonic() + limit_s
        warned = False
        while True:
            self.start()
            time.sleep(1.0)
            load = self.stop()
            if load is None or load < threshold:
                return
            if time.monotonic() >= deadline:
                log(f"machine still busy ({load:.0%} used by other processes); measuring anyway")
                return
            if not warned:
                log(f"other processes use {load:.0%} of the CPUs; waiting up to {limit_s:.0f} s for quiet")
                warned = True


# ----------------------------------------------------------------------------------------------
# Timing


def measure(call, repeats: int, seconds: float, max_warmup_calls: int = 3):
    """Median rate of `call(i)` (which returns the amount of work it did) over `repeats` runs.

    Warm-up calls absorb one-time costs and estimate the time per call; each repetition then makes
    enough calls to last about `seconds` (at least one). Returns (rates, calls_per_rep).
    """
    index = 0
    warm_start = time.perf_counter()
    times = []
    while True:
        t0 = time.perf_counter()
        call(index)
        times.append(time.perf_counter() - t0)
        index += 1
        if len(times) >= max_warmup_calls or time.perf_counter() - warm_start >= 0.3:
            break
    per_call = min(times[1:]) if len(times) > 1 else times[0]  # the first call pays one-time costs
    calls_per_rep = max(1, int(round(seconds / max(per_call, 1e-9))))
    rates = []
    for _ in range(repeats):
        work = 0
        t0 = time.perf_counter()
        for _ in range(calls_per_rep):
            work += call(index)
            index += 1
        elapsed = time.perf_counter() - t0
        rates.append(work / elapsed)
    return rates, calls_per_rep


# ----------------------------------------------------------------------------------------------
# Main


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="PyTorch + Captum peer benchmark (JSON lines on stdout, progress on stderr).",
    )
    parser.add_argument("--weights", metavar="FILE.safetensors",
                        help="load these weights (PyTorch tensor names) instead of random ones")
    parser.add_argument("--tokens", metavar="FILE",
                        help="JSON array of token-id arrays to use as inputs (cycled)")
    parser.add_argument("--only", metavar="NAME[,NAME]",
                        help="run only these workloads: " + ", ".join(WORKLOADS))
    parser.add_argument("--repeats", type=int, default=5, help="repetitions per workload (median reported; default 5)")
    parser.add_argument("--seconds", type=float, default=0.5,
                        help="target duration of one repetition in seconds (default 0.5)")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--wait-quiet", type=float, default=60.0, metavar="SECONDS",
                        help="before each workload, wait up to this long for other processes to go "
                             "quiet (default 60; 0 = don't wait)")
    parser.add_argument("--busy-threshold", type=float, default=0.05, metavar="FRACTION",
                        help="share of the CPUs used by other processes above which a measurement "
                             "counts as disturbed (default 0.05)")
    parser.add_argument("--retries", type=int, default=2,
                        help="measure a disturbed workload again up to this many times (default 2)")
    parser.add_argument("--shapley-repeats", type=int, default=3,
                        help="repetitions for shapley and kernel-shap, capped by --repeats (default 3)")
    parser.add_argument("--vocab", type=int, default=20000, help="V for random weights (default 20000)")
    parser.add_argument("--embed", type=int, default=128, help="E for random weights (default 128)")
    parser.add_argument("--hidden", type=int, default=256, help="H for random weights (default 256)")
    parser.add_argument("--classes", type=int, default=2, help="K for random weights (default 2)")
    parser.add_argument("--length", type=int, default=40, help="T of random sentences (default 40)")
    parser.add_argument("--sentences", type=int, default=512, help="number of random sentences (default 512)")
    args = parser.parse_args(argv)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in WORKLOADS]
        if unknown:
            parser.error(f"unknown workload(s) {', '.join(unknown)}; known: {', '.join(WORKLOADS)}")
        args.selected = [w for w in WORKLOADS if w in names]
        args.explicit = set(names)
    else:
        args.selected = list(WORKLOADS)
        args.explicit = set()
    for name in ("repeats", "threads", "vocab", "embed", "hidden", "classes", "length", "sentences",
                 "shapley_repeats"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.vocab < 2:
        parser.error("--vocab must be at least 2 (id 0 is padding)")
    if args.retries < 0:
        parser.error("--retries must be at least 0")
    if args.seconds <= 0:
        parser.error("--seconds must be positive")
    return args


def measure_import(repeats: int, base: dict) -> list:
    """Wall time and peak RSS of a fresh `python -c "import torch, captum"` (two records)."""
    command = [sys.executable, "-c", "import torch, captum"]
    gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    walls, rss_mib = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "rss")
        for run in range(repeats + 1):  # run 0 warms the page cache and is not counted
            full = ([gnu_time, "-f", "%M", "-o", out] + command) if gnu_time else command
            t0 = time.perf_counter()
            proc = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            wall = time.perf_counter() - t0
            if proc.returncode != 0:
                raise RuntimeError("import failed: " + proc.stderr.decode(errors="replace")[-2000:])
            if gnu_time:
                with open(out, "r", encoding="utf-8") as handle:
                    kib = int(handle.read().strip().splitlines()[-1])
            else:
                import resource

                # Largest child so far (Linux reports KiB); every child imports the same thing.
                kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            if run > 0:
                walls.append(wall)
                rss_mib.append(kib / 1024.0)
    source = "/usr/bin/time -f %M" if gnu_time else "getrusage(RUSAGE_CHILDREN)"
    common = dict(base, command='python -c "import torch, captum"', warmup_runs=1)
    log(f"import: {statistics.median(walls):.3f} s, {statistics.median(rss_mib):.1f} MiB peak RSS "
        f"(medians of {len(walls)})")
    return [
        dict(common, workload="import", metric="wall", unit="s",
             value=round(statistics.median(walls), 3), median_of=len(walls),
             min=round(min(walls), 3), max=round(max(walls), 3)),
        dict(common, workload="import", metric="peak-rss", unit="MiB",
             value=round(statistics.median(rss_mib), 1), median_of=len(rss_mib),
             min=round(min(rss_mib), 1), max=round(max(rss_mib), 1), rss_source=source),
    ]


# ----------------------------------------------------------------------------------------------
# Model and explanations (torch and captum are imported here, after argument parsing)


@functools.lru_cache(maxsize=None)
def torch_parts():
    import numpy as np  # noqa: F401  (captum needs it; fail early with a clear message)
    import torch
    import torch.nn as nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    class Classifier(nn.Module):
        """nn.Embedding(V, E, padding_idx=0) -> nn.LSTM(E, H) -> nn.Linear(H, K) on the last hidden state."""

        def __init__(self, V, E, H, K):
            super().__init__()
            self.embedding = nn.Embedding(V, E, padding_idx=0)
            self.lstm = nn.LSTM(E, H, batch_first=True)
            self.fc = nn.Linear(H, K)

        def run_lstm(self, ids, lengths=None):
            """All hidden states [B, T, H] (zero past each length) and the last one [B, H]."""
            x = self.embedding(ids)
            if lengths is None:
                out, (h, _) = self.lstm(x)
            else:
                packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
                out, (h, _) = self.lstm(packed)
                out, _ = pad_packed_sequence(out, batch_first=True, total_length=ids.shape[1])
            return out, h[-1]

        def forward(self, ids, lengths=None):
            return self.fc(self.run_lstm(ids, lengths)[1])

    return torch, nn, Classifier


def make_explainers(model):
    """name -> function(ids [1, T]) -> (target class, scores [T]); one sentence per call.

    The target is the predicted class, found by a forward pass inside each call.
    """
    import torch
    from captum.attr import (
        FeatureAblation,
        KernelShap,
        LayerGradientXActivation,
        LayerIntegratedGradients,
        ShapleyValueSampling,
    )

    def predicted(ids):
        with torch.no_grad():
            return int(model(ids).argmax(dim=-1)[0])

    def probabilities(ids):
        return torch.softmax(model(ids), dim=-1)

    saliency = LayerGradientXActivation(model, model.embedding, multiply_by_inputs=False)
    grad_x_input = LayerGradientXActivation(model, model.embedding, multiply_by_inputs=True)
    integrated = LayerIntegratedGradients(model, model.embedding)
    ablation = FeatureAblation(probabilities)
    shapley = ShapleyValueSampling(probabilities)
    kernel_shap = KernelShap(probabilities)

    def positions(ids):
        return torch.arange(ids.shape[1]).unsqueeze(0)

    def gradient(ids):
        target = predicted(ids)
        return target, saliency.attribute(ids, target=target)[0].norm(dim=-1)

    def grad_input(ids):
        target = predicted(ids)
        return target, grad_x_input.attribute(ids, target=target)[0].sum(dim=-1)

    def integrated_gradients(ids):
        target = predicted(ids)
        attribution = integrated.attribute(ids, baselines=torch.zeros_like(ids), target=target,
                                           n_steps=50, method="gausslegendre", internal_batch_size=50)
        return target, attribution[0].sum(dim=-1)

    def occlusion(ids):
        target = predicted(ids)
        return target, ablation.attribute(ids, baselines=0, target=target, feature_mask=positions(ids),
                                          perturbations_per_eval=40)[0]

    def shapley_sampling(ids):
        target = predicted(ids)
        return target, shapley.attribute(ids, baselines=0, target=target, feature_mask=positions(ids),
                                         n_samples=200, perturbations_per_eval=50)[0]

    def kernel(ids):
        target = predicted(ids)
        return target, kernel_shap.attribute(ids, baselines=0, target=target, feature_mask=positions(ids),
                                             n_samples=200, perturbations_per_eval=50)[0]

    def trajectory(ids):
        scores, probs = trajectory_scores(model, ids)
        return int(probs[0].argmax()), scores[0]

    return {
        "gradient": gradient,
        "grad-input": grad_input,
        "integrated-gradients": integrated_gradients,
        "occlusion": occlusion,
        "shapley": shapley_sampling,
        "kernel-shap": kernel,
        "trajectory": trajectory,
    }


def trajectory_scores(model, ids, lengths=None):
    """score_t = ||h_n - h_(t-1)|| - ||h_n - h_t||, h_0 = 0 (zero past each length); and probabilities."""
    import torch

    with torch.no_grad():
        states, last = model.run_lstm(ids, lengths)
        probs = torch.softmax(model.fc(last), dim=-1)
        previous = torch.cat([torch.zeros_like(states[:, :1]), states[:, :-1]], dim=1)
        final = last.unsqueeze(1)
        scores = (final - previous).norm(dim=-1) - (final - states).norm(dim=-1)
        if lengths is not None:
            scores = scores * (torch.arange(ids.shape[1]).unsqueeze(0) < lengths.unsqueeze(1))
    return scores, probs


def build_model(args):
    """The model (random weights after torch.manual_seed(0), or the --weights file) in eval mode."""
    import numpy as np

    torch, _, Classifier = torch_parts()
    torch.manual_seed(0)
    if args.weights:
        tensors = load_weights(args.weights)
        missing = [n for n in TENSOR_NAMES if n not in tensors]
        if missing:
            raise ValueError(f"{args.weights} lacks tensor(s) {', '.join(missing)}")
        V, E = tensors["embedding.weight"].shape
        H = tensors["lstm.weight_hh_l0"].shape[1]
        K = tensors["fc.weight"].shape[0]
        model = Classifier(int(V), int(E), int(H), int(K))
        state = {n: torch.from_numpy(np.ascontiguousarray(tensors[n], dtype=np.float32)) for n in TENSOR_NAMES}
        model.load_state_dict(state, strict=True)
    else:
        model = Classifier(args.vocab, args.embed, args.hidden, args.classes)
    return model.eval()


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    torch, nn, Classifier = torch_parts()
    import captum

    torch.set_num_threads(args.threads)
    try:
        model = build_model(args)
        V, E = model.embedding.weight.shape
        H, K = model.lstm.hidden_size, model.fc.out_features
        # Inputs: the given token ids, or random ids in 1..V-1 (drawn right after the weights).
        if args.tokens:
            sequences = read_tokens(args.tokens, V)
        else:
            sequences = torch.randint(1, V, (args.sentences, args.length)).tolist()
    except Exception as error:  # unreadable or malformed --weights / --tokens (incl. SafetensorError)
        print(f"peer.py: {error}", file=sys.stderr)
        return 1
    labels = torch.randint(0, K, (len(sequences),)).tolist()
    mean_len = sum(len(s) for s in sequences) / len(sequences)

    base = {
        "tool": "pytorch",
        "torch": torch.__version__,
        "captum": captum.__version__,
        "threads": args.threads,
        "cpu": cpu_description(),
        "model": {"V": int(V), "E": int(E), "H": int(H), "K": int(K)},
        "weights": "file" if args.weights else "random-seed-0",
        "inputs": "file" if args.tokens else "random-seed-0",
        "sentences": len(sequences),
        "mean_length": round(mean_len, 2),
    }
    log(f"cpu: {base['cpu']}")
    log(f"torch {torch.__version__}, captum {captum.__version__}, threads {torch.get_num_threads()}, "
        f"V={V} E={E} H={H} K={K}, {len(sequences)} sentences, mean length {mean_len:.1f}")

    def make_batch(seqs):
        lens = [len(s) for s in seqs]
        width = max(lens)
        ids = torch.zeros((len(seqs), width), dtype=torch.long)
        for row, s in enumerate(seqs):
            ids[row, : len(s)] = torch.tensor(s, dtype=torch.long)
        if min(lens) == width:
            return ids, None, sum(lens)
        return ids, torch.tensor(lens, dtype=torch.long), sum(lens)

    def batches(size):
        """Batches of `size` sentences, cycling through the inputs (at least one batch)."""
        count = max(1, -(-len(sequences) // size))
        out = []
        for b in range(count):
            picks = [(b * size + j) % len(sequences) for j in range(size)]
            ids, lens, tokens = make_batch([sequences[i] for i in picks])
            y = torch.tensor([labels[i] for i in picks], dtype=torch.long)
            out.append((ids, lens, tokens, y))
        return out

    singles = [torch.tensor([s], dtype=torch.long) for s in sequences]
    step_flop = 2 * 4 * H * (E + H)  # one LSTM step, one token, forward
    explainers = make_explainers(model)
    monitor = CpuMonitor()

    def record(workload, unit, rates, calls_per_rep, per_call, repeats, **extra):
        value = statistics.median(rates)
        log(f"{workload}: {value:,.1f} {unit} (min {min(rates):,.1f}, max {max(rates):,.1f}, "
            f"{calls_per_rep} calls x {repeats})")
        out = dict(base, workload=workload, unit=unit, value=round(value, 2), median_of=repeats,
                   min=round(min(rates), 2), max=round(max(rates), 2),
                   per_call=per_call, calls_per_rep=calls_per_rep)
        out.update(extra)
        return [out]

    details = {
        "gradient": dict(api="LayerGradientXActivation(multiply_by_inputs=False)", reduce="L2 over E"),
        "grad-input": dict(api="LayerGradientXActivation(multiply_by_inputs=True)", reduce="sum over E"),
        "integrated-gradients": dict(api="LayerIntegratedGradients", n_steps=50, method="gausslegendre",
                                     internal_batch_size=50, baseline="token 0"),
        "occlusion": dict(api="FeatureAblation", perturbations_per_eval=40, measure="probability",
                          baseline="token 0"),
        "shapley": dict(api="ShapleyValueSampling", n_samples=200, perturbations_per_eval=50,
                        measure="probability", baseline="token 0"),
        "kernel-shap": dict(api="KernelShap", n_samples=200, perturbations_per_eval=50,
                            measure="probability", baseline="token 0"),
        "trajectory": dict(api="plain PyTorch"),
    }

    def run(workload):
        """Measure one workload; returns its records (without foreign_cpu)."""
        repeats = args.repeats
        if workload == "train":
            trainee = Classifier(int(V), int(E), int(H), int(K))
            trainee.load_state_dict(model.state_dict())
            trainee.train()
            optimizer = torch.optim.Adam(trainee.parameters(), lr=1e-3)
            loss_fn = nn.CrossEntropyLoss()
            data = batches(64)

            def call(i):
                ids, lens, tokens, y = data[i % len(data)]
                optimizer.zero_grad(set_to_none=True)
                loss = loss_fn(trainee(ids, lens), y)
                loss.backward()
                optimizer.step()
                return tokens

            rates, cpr = measure(call, repeats, args.seconds)
            return record("train", "tokens/s", rates, cpr, 64, repeats, batch=64, optimizer="adam",
                          approx_lstm_gflop_s=round(statistics.median(rates) * 3 * step_flop / 1e9, 1))

        if workload == "score":
            data = batches(256)

            def call(i):
                ids, lens, _, _ = data[i % len(data)]
                with torch.no_grad():
                    torch.softmax(model(ids, lens), dim=-1)
                return ids.shape[0]

            rates, cpr = measure(call, repeats, args.seconds)
            return record("score", "sequences/s", rates, cpr, 256, repeats, batch=256,
                          approx_lstm_gflop_s=round(statistics.median(rates) * mean_len * step_flop / 1e9, 1))

        if workload == "trajectory-32":
            data = batches(32)

            def call(i):
                ids, lens, _, _ = data[i % len(data)]
                trajectory_scores(model, ids, lens)
                return ids.shape[0]

            rates, cpr = measure(call, repeats, args.seconds)
            return record(workload, "sequences/s", rates, cpr, 32, repeats, **details["trajectory"])

        if workload == "sgemm":
            n = 1024
            a = torch.randn(n, n)
            b = torch.randn(n, n)
            c = torch.empty(n, n)

            def call(i):
                torch.mm(a, b, out=c)
                return 2 * n * n * n / 1e9

            rates, cpr = measure(call, repeats, args.seconds)
            return record("sgemm", "GFLOP/s", rates, cpr, 1, repeats, shape=f"{n}x{n}x{n}",
                          api="torch.mm float32")

        if workload == "import":
            return measure_import(repeats, {k: base[k] for k in ("tool", "torch", "captum", "cpu")})

        # one sentence per call
        explain = explainers[workload]
        slow = workload in ("shapley", "kernel-shap")
        if slow:
            repeats = min(args.repeats, args.shapley_repeats)

        def call(i):
            explain(singles[i % len(singles)])
            return 1

        rates, cpr = measure(call, repeats, args.seconds, max_warmup_calls=1 if slow else 3)
        return record(workload, "sequences/s", rates, cpr, 1, repeats, **details[workload])

    status = 0
    for workload in args.selected:
        if workload == "kernel-shap":
            try:
                import sklearn  # noqa: F401
            except ImportError:
                log("kernel-shap skipped: Captum's KernelShap needs scikit-learn "
                    "(scripts/bench/setup-peer-venv.sh --with-sklearn)")
                if workload in args.explicit:
                    status = 1
                continue
        for attempt in range(args.retries + 1):
            monitor.wait_quiet(args.wait_quiet, args.busy_threshold)
            log(f"running {workload} ...")
            monitor.start()
            records = run(workload)
            foreign = monitor.stop()
            busy = foreign is not None and foreign >= args.busy_threshold
            if busy:
                log(f"warning: other processes used {foreign:.0%} of the CPUs during {workload}"
                    + ("; measuring again" if attempt < args.retries else "; keeping this result"))
            if not busy or attempt == args.retries:
                break
        for rec in records:
            if foreign is not None:
                rec["foreign_cpu"] = round(foreign, 3)
            rec["attempts"] = attempt + 1
            emit(rec)

    return status


if __name__ == "__main__":
    sys.exit(main())
