#!/usr/bin/env python3
"""PyTorch + Captum peer of `saliency analyze --method trajectory,grad-input` (issue 6).

One call per sentence, as a user without saliency would write it: a no-grad forward that keeps every
hidden state (probabilities, predicted class and trajectory scores from the same pass), then Captum's
`LayerGradientXActivation(model, model.embedding, multiply_by_inputs=True)` for the predicted class, summed
over E. Per corpus it accumulates what `saliency analyze` reports: accuracy, confusion matrix, ECE
(10 bins), per-class word statistics for both methods (token id -> sum of signed score, sum of |score|,
count, positives, filed under the predicted class as analyze does), and writes one JSON line per example.

Inputs are token ids produced by the Swift tool itself, so both sides see identical inputs:

    # once: ids.json and gold.json from the Swift tokenizer and the corpus
    saliency explain --model samples/models/default-zh.safetensors --input data/zh-reviews/test.tsv \\
        --format jsonl --method trajectory > explain.jsonl
    python analyze_peer.py --prepare explain.jsonl data/zh-reviews/test.tsv --ids ids.json --labels gold.json
    # the benchmark: one JSON line on stdout, progress on stderr
    python analyze_peer.py --weights samples/models/default-zh.safetensors --ids ids.json --labels gold.json \\
        --out /tmp/analyze-zh-peer [--check /tmp/analyze-zh/examples.jsonl]

examples/s = corpus size / wall time of one whole pass (accumulation and writing included; torch import and
weight loading excluded), median of --repeats passes, each after waiting for the machine to go quiet
(peer.py's CpuMonitor); foreign_cpu is the share of the CPUs other processes used during each pass.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer  # noqa: E402  (stdlib-only at import time: model definition, weights, CpuMonitor)


def log(message: str) -> None:
    print(f"[analyze-peer] {message}", file=sys.stderr, flush=True)


def metadata(path: str) -> dict:
    with open(path, "rb") as handle:
        n = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(n).decode("utf-8"))
    return header.get("__metadata__", {})


# ----------------------------------------------------------------------------------------------
# --prepare: ids.json and gold.json from `saliency explain --format jsonl` and the corpus


def prepare(explain_path: str, corpus_path: str, ids_path: str, labels_path: str) -> int:
    ids, texts = [], []
    with open(explain_path, "r", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                ids.append([int(t["id"]) for t in record["tokens"]])
                texts.append(record["text"])
    with open(corpus_path, "r", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if len(rows) != len(ids):
        print(f"analyze_peer.py: {corpus_path} has {len(rows)} rows but {explain_path} {len(ids)} texts",
              file=sys.stderr)
        return 1
    mismatched = sum(1 for row, text in zip(rows, texts) if row["text"] != text)
    if mismatched:
        log(f"warning: {mismatched} corpus texts differ from the explained texts (quoting?)")
    with open(ids_path, "w", encoding="utf-8") as handle:
        json.dump(ids, handle, separators=(",", ":"))
    with open(labels_path, "w", encoding="utf-8") as handle:
        json.dump([row["label"] for row in rows], handle, ensure_ascii=False)
    log(f"{len(ids)} texts, {sum(map(len, ids))} tokens -> {ids_path}, {labels_path}")
    return 0


# ----------------------------------------------------------------------------------------------
# The corpus pass


def analyse(model, explainer, sequences, gold, labels, out_dir):
    """One pass over the corpus, one sentence per call. Returns the summary (accumulators)."""
    import torch

    K = len(labels)
    confusion = [[0] * K for _ in range(K)]
    bins = [[0, 0.0, 0] for _ in range(10)]  # count, sum of confidence, correct
    words = {"trajectory": {}, "grad-input": {}}  # (class, token) -> [signed, abs, count, positive]

    def file_scores(table, klass, tokens, scores):
        for token, score in zip(tokens, scores):
            cell = table.get((klass, token))
            if cell is None:
                cell = table[(klass, token)] = [0.0, 0.0, 0, 0]
            cell[0] += score
            cell[1] += abs(score)
            cell[2] += 1
            if score > 0:
                cell[3] += 1

    path = os.path.join(out_dir, "examples.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for index, (tokens, g) in enumerate(zip(sequences, gold)):
            ids = torch.tensor([tokens], dtype=torch.long)
            # forward with all hidden states: probabilities, predicted class, trajectory
            traj, probs = peer.trajectory_scores(model, ids)
            probs = probs[0].tolist()
            predicted = max(range(K), key=probs.__getitem__)
            traj = traj[0].tolist()
            # grad-input via Captum for the predicted class (its own forward + backward)
            grad_input = explainer.attribute(ids, target=predicted)[0].sum(dim=-1).tolist()

            confusion[g][predicted] += 1
            confidence = probs[predicted]
            b = bins[min(9, int(confidence * 10))]
            b[0] += 1
            b[1] += confidence
            b[2] += int(predicted == g)
            file_scores(words["trajectory"], predicted, tokens, traj)
            file_scores(words["grad-input"], predicted, tokens, grad_input)
            out.write(json.dumps({
                "line": index + 2,
                "gold": labels[g],
                "predicted": labels[predicted],
                "probabilities": dict(zip(labels, probs)),
                "tokens": tokens,
                "explanations": [
                    {"method": "trajectory", "target": labels[predicted], "scores": traj},
                    {"method": "grad-input", "target": labels[predicted], "scores": grad_input},
                ],
            }, ensure_ascii=False))
            out.write("\n")

    n = len(sequences)
    correct = sum(confusion[k][k] for k in range(K))
    ece = sum(abs(c / max(count, 1) - conf / max(count, 1)) * count for count, conf, c in bins) / n
    return {"count": n, "accuracy": correct / n, "ece": ece, "confusion": confusion, "words": words}


def write_summary(summary, labels, out_dir, min_count=5):
    with open(os.path.join(out_dir, "words.csv"), "w", encoding="utf-8") as handle:
        handle.write("class,token_id,mean_signed,mean_abs,count,share_positive,method\n")
        for method, table in summary["words"].items():
            rows = [(k, t, cell) for (k, t), cell in table.items() if cell[2] >= min_count]
            rows.sort(key=lambda r: (r[0], -r[2][0] / r[2][2], r[1]))
            for k, t, (signed, magnitude, count, positive) in rows:
                handle.write(f"{labels[k]},{t},{signed / count!r},{magnitude / count!r},{count},"
                             f"{positive / count!r},{method}\n")
    with open(os.path.join(out_dir, "summary.json"), "w", encoding="utf-8") as handle:
        json.dump({k: v for k, v in summary.items() if k != "words"}
                  | {"word_cells": {m: len(t) for m, t in summary["words"].items()}}, handle, indent=2)


def check(out_dir, swift_examples):
    """Largest differences from the Swift tool's examples.jsonl (same rows in the same order)."""
    worst = {"probability": 0.0, "trajectory": 0.0, "grad-input": 0.0}
    disagree = rows = 0
    with open(os.path.join(out_dir, "examples.jsonl"), encoding="utf-8") as mine, \
            open(swift_examples, encoding="utf-8") as theirs:
        for a, b in zip(mine, theirs):
            a, b = json.loads(a), json.loads(b)
            rows += 1
            if [t["id"] for t in b["tokens"]] != a["tokens"]:
                raise ValueError(f"row {rows}: token ids differ from {swift_examples}")
            disagree += a["predicted"] != b["predicted"]
            worst["probability"] = max(worst["probability"], max(
                abs(a["probabilities"][k] - b["probabilities"][k]) for k in a["probabilities"]))
            theirs_by_method = {e["method"]: e["scores"] for e in b["explanations"]}
            for e in a["explanations"]:
                other = theirs_by_method.get(e["method"])
                if other is not None:
                    worst[e["method"]] = max(worst[e["method"]],
                                             max(abs(x - y) for x, y in zip(e["scores"], other)))
    return {"rows": rows, "predicted_disagree": disagree,
            "max_abs_diff": {k: float(f"{v:.3g}") for k, v in worst.items()}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", nargs=2, metavar=("EXPLAIN.jsonl", "CORPUS.tsv"),
                        help="write --ids and --labels from saliency explain output and the corpus, then exit")
    parser.add_argument("--weights", metavar="FILE.safetensors", help="model (PyTorch names, saliency.labels)")
    parser.add_argument("--ids", required=True, metavar="FILE", help="JSON array of token-id arrays")
    parser.add_argument("--labels", required=True, metavar="FILE", help="JSON array of gold label names")
    parser.add_argument("--out", default="analyze-peer", metavar="DIR",
                        help="writes examples.jsonl, words.csv, summary.json here (default analyze-peer)")
    parser.add_argument("--check", metavar="EXAMPLES.jsonl",
                        help="compare the outputs with saliency analyze's examples.jsonl")
    parser.add_argument("--repeats", type=int, default=3, help="corpus passes (median reported; default 3)")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--warmup", type=int, default=8, help="untimed sentences before the passes (default 8)")
    parser.add_argument("--wait-quiet", type=float, default=60.0, metavar="SECONDS",
                        help="before each pass wait up to this long for other processes to go quiet (default 60)")
    parser.add_argument("--busy-threshold", type=float, default=0.05, metavar="FRACTION",
                        help="foreign CPU share above which a pass counts as disturbed (default 0.05)")
    parser.add_argument("--retries", type=int, default=2, help="redo a disturbed pass up to this many times")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.prepare:
        return prepare(args.prepare[0], args.prepare[1], args.ids, args.labels)
    if not args.weights:
        parser.error("--weights is required (except with --prepare)")

    torch, _, _ = peer.torch_parts()
    import captum
    from captum.attr import LayerGradientXActivation

    torch.set_num_threads(args.threads)
    try:
        labels = json.loads(metadata(args.weights)["saliency.labels"])
        model = peer.build_model(argparse.Namespace(weights=args.weights))
        V = model.embedding.weight.shape[0]
        sequences = peer.read_tokens(args.ids, V)
        with open(args.labels, encoding="utf-8") as handle:
            gold_names = json.load(handle)
        unknown = sorted(set(gold_names) - set(labels))
        if unknown or len(gold_names) != len(sequences):
            raise ValueError(f"{args.labels}: {len(gold_names)} labels for {len(sequences)} texts; "
                             f"unknown labels {unknown}; model labels {labels}")
        gold = [labels.index(name) for name in gold_names]
    except (KeyError, ValueError, OSError) as error:
        print(f"analyze_peer.py: {error}", file=sys.stderr)
        return 1
    os.makedirs(args.out, exist_ok=True)
    explainer = LayerGradientXActivation(model, model.embedding, multiply_by_inputs=True)
    tokens = sum(map(len, sequences))
    log(f"cpu: {peer.cpu_description()}")
    log(f"torch {torch.__version__}, captum {captum.__version__}, threads {torch.get_num_threads()}, "
        f"{len(sequences)} texts, {tokens} tokens")

    for seq in sequences[: args.warmup]:  # one-time costs (Captum hooks, allocator)
        ids = torch.tensor([seq], dtype=torch.long)
        peer.trajectory_scores(model, ids)
        explainer.attribute(ids, target=0)

    monitor = peer.CpuMonitor()
    rates, foreign_shares, attempts = [], [], 0
    summary = None
    for run in range(args.repeats):
        for attempt in range(args.retries + 1):
            attempts += 1
            monitor.wait_quiet(args.wait_quiet, args.busy_threshold)
            monitor.start()
            t0 = time.perf_counter()
            summary = analyse(model, explainer, sequences, gold, labels, args.out)
            wall = time.perf_counter() - t0
            foreign = monitor.stop()
            busy = foreign is not None and foreign >= args.busy_threshold
            log(f"pass {run + 1}: {wall:.2f} s, {len(sequences) / wall:.1f} examples/s, "
                f"foreign cpu {foreign if foreign is None else round(foreign, 3)}"
                + (" (disturbed; again)" if busy and attempt < args.retries else ""))
            if not busy or attempt == args.retries:
                break
        rates.append(len(sequences) / wall)
        foreign_shares.append(foreign)
    write_summary(summary, labels, args.out)

    record = {
        "tool": "pytorch+captum",
        "workload": "analyze-corpus",
        "methods": "trajectory,grad-input",
        "unit": "examples/s",
        "value": round(statistics.median(rates), 1),
        "median_of": len(rates),
        "min": round(min(rates), 1),
        "max": round(max(rates), 1),
        "examples": len(sequences),
        "tokens": tokens,
        "per_call": 1,
        "threads": args.threads,
        "torch": torch.__version__,
        "captum": captum.__version__,
        "cpu": peer.cpu_description(),
        "accuracy": round(summary["accuracy"], 4),
        "ece": round(summary["ece"], 4),
        "confusion": summary["confusion"],
        "foreign_cpu": [None if f is None else round(f, 3) for f in foreign_shares],
        "attempts": attempts,
    }
    if args.check:
        record["check"] = check(args.out, args.check)
    print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
