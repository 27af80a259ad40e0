"""Prints the benchmark table of scripts/bench/run.sh: medians per tool and workload, and saliency / peer ratios."""
import json
import statistics
import sys
from collections import defaultdict

# saliency workload -> peer workload
PAIRS = {
    "train": "train", "score": "score",
    "trajectory/1": "trajectory", "trajectory/32": "trajectory-32",
    "gradient/1": "gradient", "grad-input/1": "grad-input",
    "integrated-gradients/1": "integrated-gradients", "occlusion/1": "occlusion", "shapley/1": "shapley",
}


def figure(value):
    """Thousands separators for large rates, two decimals for slow ones."""
    return f"{value:,.0f}" if value >= 10 else f"{value:.2f}"


def main(path):
    values = defaultdict(list)
    process = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        if record.get("workload") == "process":
            process.append(record)
            continue
        if record.get("foreign_cpu", 0) > 0.05:
            continue  # disturbed peer measurement
        if isinstance(record.get("value"), (int, float)):
            workload = record["workload"] + (f"/{record['metric']}" if record.get("metric") else "")
            values[(record["tool"], workload)].append(record["value"])
    median = {key: statistics.median(v) for key, v in values.items()}
    names = sorted({w for (tool, w) in median if tool == "saliency"}, key=lambda w: (w.split("/")[0] != "train", w.split("/")[0] != "score", w))
    print("| workload | unit | saliency | PyTorch + Captum | ratio |")
    print("|---|---|---|---|---|")
    for name in names:
        ours = median[("saliency", name)]
        peer_name = PAIRS.get(name)
        theirs = median.get(("pytorch", peer_name)) or median.get(("captum", peer_name))
        unit = "tokens/s" if name == "train" else "sequences/s"
        ratio = f"{ours / theirs:.2f}×" if theirs else "—"
        peer_text = figure(theirs) if theirs else "—"
        print(f"| {name} | {unit} | {figure(ours)} | {peer_text} | {ratio} |")
    # Methods without a peer: GFLOP/s of the arithmetic they do, against the sgemm rate PyTorch measured in the
    # same run (torch.mm 1024³, both cores), the best this machine's matrix products reach.
    gflops = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        if line.startswith("{") and '"gflops"' in line:
            record = json.loads(line)
            gflops[record["workload"]].append(record["gflops"])
    if gflops:
        sgemm = median.get(("pytorch", "sgemm"))
        print("\n| workload without a peer | GFLOP/s | share of the sgemm rate |")
        print("|---|---|---|")
        for name in sorted(gflops):
            value = statistics.median(gflops[name])
            share = f"{value / sgemm:.0%} of {sgemm:.0f}" if sgemm else "—"
            print(f"| {name} | {value:.1f} | {share} |")
    if process:
        walls = statistics.median(r["wall_s"] for r in process)
        peak = statistics.median(r["peak_kib"] for r in process) / 1024
        print(f"\none `saliency explain` process: {walls * 1000:.0f} ms wall, {peak:.0f} MiB peak (median of {len(process)})")
        import_wall = median.get(("pytorch", "import/wall"))
        import_peak = median.get(("pytorch", "import/peak-rss"))
        if import_wall:
            print(f"`python -c \"import torch, captum\"`: {import_wall:.2f} s wall, {import_peak or 0:.0f} MiB peak "
                  f"→ saliency is {import_wall / walls:.0f}× faster to run a whole explanation than PyTorch is to import")


if __name__ == "__main__":
    main(sys.argv[1])
