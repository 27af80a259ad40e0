#!/usr/bin/env python3
"""How long does each method take to explain one 40-token text with the embedded default models?

The "cheap enough for interactive use" figure behind the default `--method` (README, "Which method by
default"). For each model and method it prints, in milliseconds:

  call       the fastest of --calls runs of `saliency explain --method M TEXT` (one process per call,
             --threads 1), minus the fastest `saliency score TEXT` run alternately in the same loop: the method's
             own cost plus rendering and its one-time set-up (weight packing), without process start-up and model
             loading; in wall time and in CPU time (user + system, from wait4), which other jobs on the cores
             disturb much less;
  per text   (time for N texts − time for 1 text) / (N − 1) in one `explain --input FILE --threads 1` process,
             the cost of one more text when many are explained (gradient methods batch up to 32 texts per pass),
             fastest of 3, in wall and CPU time.

    python3 scripts/bench/default_method_latency.py --saliency .build/release/saliency [--calls 15] [--texts 201]

Opt-in (not CI). Python 3 standard library only. Run it on a quiet machine: other jobs on the cores inflate
every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

# 40 English words (default-en splits words and punctuation; no punctuation here) and 40 Han characters
# (default-zh, one token per character), both everyday review language written for this benchmark.
TEXTS = {
    "default-en": ("the hotel was close to the station and the staff were friendly but the room was small and "
                   "the wifi kept dropping so we spent the evening in the lobby where the coffee was good and "
                   "the chairs were comfortable"),
    "default-zh": "酒店离车站很近服务员也很热情但是房间有点小晚上隔壁很吵早餐种类不多味道还算可以吧",
}
# Shapley (200 permutations, about T² · 100 LSTM steps: hundreds of ms per text) is left out by default.
METHODS = ("trajectory", "gradient", "grad-input", "lrp", "prefix-prediction", "occlusion", "integrated-gradients")


def run(arguments: Sequence[str]) -> Tuple[float, float]:
    """(wall ms, CPU ms) of one run, which must exit 0."""
    start = time.perf_counter()
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(arguments)}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def fastest(runs: List[Tuple[float, float]]) -> Tuple[float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs)


def token_count(saliency: str, model: str, text: str) -> int:
    done = subprocess.run([saliency, "explain", "--model", model, "--method", "trajectory", "--format", "json", text],
                          check=True, capture_output=True, text=True)
    return len(json.loads(done.stdout)["tokens"])


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Per-text latency of each method on a 40-token text.")
    parser.add_argument("--saliency", required=True, help="the saliency binary (a release build)")
    parser.add_argument("--calls", type=int, default=15, help="one-text processes per method (median; default 15)")
    parser.add_argument("--texts", type=int, default=201, help="texts in the many-text run (default 201)")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated method ids")
    parser.add_argument("--measure", default="log-odds", help="--measure for occlusion and shapley (default log-odds)")
    args = parser.parse_args(argv)
    methods = args.methods.split(",")
    print("| model | T | method | call, wall ms | call, CPU ms | per text, wall ms | per text, CPU ms |")
    print("|---|---|---|---|---|---|---|")
    for model, text in TEXTS.items():
        t = token_count(args.saliency, model, text)
        with tempfile.TemporaryDirectory() as folder:
            one, many = Path(folder) / "one.txt", Path(folder) / "many.txt"
            one.write_text(text + "\n", encoding="utf-8")
            many.write_text((text + "\n") * args.texts, encoding="utf-8")
            for method in methods:
                print(f"default-method-latency: {model} {method}", file=sys.stderr, flush=True)
                extra = ["--measure", args.measure] if method in ("occlusion", "shapley") else []
                explain = [args.saliency, "explain", "--model", model, "--threads", "1", "--color", "never",
                           "--method", method, *extra]
                score = [args.saliency, "score", "--model", model, text]
                calls, bases = [], []
                for _ in range(args.calls):
                    calls.append(run(explain + [text]))
                    bases.append(run(score))
                (call_wall, call_cpu), (base_wall, base_cpu) = fastest(calls), fastest(bases)
                few = fastest([run(explain + ["--input", str(one), "--format", "jsonl"]) for _ in range(3)])
                lots = fastest([run(explain + ["--input", str(many), "--format", "jsonl"]) for _ in range(3)])
                per_wall, per_cpu = ((lots[i] - few[i]) / (args.texts - 1) for i in (0, 1))
                print(f"| {model} | {t} | {method}{' ' + args.measure if extra else ''} | {call_wall - base_wall:.2f} "
                      f"| {call_cpu - base_cpu:.2f} | {per_wall:.3f} | {per_cpu:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
