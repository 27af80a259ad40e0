#!/usr/bin/env bash
# Opt-in benchmark (not CI): saliency against PyTorch + Captum on identical weights and inputs (the standard
# workload of shared/perf-notes.md: V=20000, E=128, H=256, K=2, T=40), alternating the two tools, then a table
# of medians and ratios. Also the whole-process time and peak memory of one `saliency explain` against
# `python -c "import torch, captum"`. Run it on a quiet machine: nothing else should be using the CPU.
#   scripts/bench/run.sh [--rounds N] [--no-peer]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=2; peer=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --no-peer) peer=0; shift ;;
    *) echo "usage: $0 [--rounds N] [--no-peer]" >&2; exit 64 ;;
  esac
done
bash scripts/install-deps.sh
swift build -c release --static-swift-stdlib 1>&2
work=scripts/.cache/bench
mkdir -p "$work"
: > "$work/results.jsonl"
: > "$work/process.jsonl"
.build/release/SaliencyBench --write-workload "$work/workload" --only none >/dev/null
if [ "$peer" = 1 ]; then bash scripts/bench/setup-peer-venv.sh; fi

for round in $(seq 1 "$rounds"); do
  echo "== round $round/$rounds: saliency" >&2
  .build/release/SaliencyBench --repeats 5 >> "$work/results.jsonl"
  if [ "$peer" = 1 ]; then
    echo "== round $round/$rounds: PyTorch + Captum" >&2
    scripts/.cache/peer-venv/bin/python scripts/bench/peer.py --weights "$work/workload/model.safetensors" \
      --tokens "$work/workload/tokens.json" --repeats 5 >> "$work/results.jsonl"
  fi
done

echo "== whole process: saliency explain (default model, one sentence)" >&2
for _ in 1 2 3 4 5; do
  /usr/bin/time -f '{"tool":"saliency","workload":"process","wall_s":%e,"peak_kib":%M}' \
    .build/release/saliency explain --format json "The flight was delayed for hours and the staff were rude" \
    2>> "$work/process.jsonl" >/dev/null
done
grep '^{' "$work/process.jsonl" >> "$work/results.jsonl" || true
python3 scripts/bench/compare.py "$work/results.jsonl"
