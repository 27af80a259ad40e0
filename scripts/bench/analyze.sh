#!/usr/bin/env bash
# Opt-in benchmark of `saliency analyze` (not CI). Results on stdout; build output and progress on stderr.
#
#   scripts/bench/analyze.sh                 # examples/s on data/zh-reviews/test.tsv (median of 3 runs)
#   scripts/bench/analyze.sh --rows 1000000  # also a synthetic corpus of N rows: wall time, peak memory, sizes
#   SALIENCY_BIN=path/to/saliency METHODS=trajectory scripts/bench/analyze.sh
#   scripts/bench/analyze.sh --peer          # then the PyTorch + Captum peer (analyze_peer.py) on the same ids
#
# The test split comes from scripts/fetch-data.sh. The model is the embedded default-zh; methods default to
# trajectory,grad-input. Peak memory is /usr/bin/time -v's maximum resident set size. Run it on a quiet
# machine: 2 cores shared with anything else give noisy figures.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
methods="${METHODS:-trajectory,grad-input}"
rows=""
peer=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="${2:?--rows needs a number}"; shift 2 ;;
    --peer) peer=1; shift ;;
    *) echo "analyze.sh: unknown argument $1 (use --rows N, --peer)" >&2; exit 2 ;;
  esac
done
# --peer: the PyTorch + Captum virtual env (scripts/bench/setup-peer-venv.sh); trajectory,grad-input only.
peer_python="${PEER_PYTHON:-$root/scripts/.cache/peer-venv/bin/python}"
if [ -n "$peer" ]; then
  if [ "$methods" != "trajectory,grad-input" ]; then
    echo "analyze.sh: --peer runs trajectory,grad-input only (METHODS=$methods)" >&2; exit 2
  fi
  if [ ! -x "$peer_python" ]; then
    echo "analyze.sh: no $peer_python; run scripts/bench/setup-peer-venv.sh or set PEER_PYTHON" >&2; exit 1
  fi
fi
test_split="$root/data/zh-reviews/test.tsv"
if [ ! -f "$test_split" ]; then
  echo "analyze.sh: no $test_split; run scripts/fetch-data.sh first" >&2
  exit 1
fi
if [ -z "${SALIENCY_BIN:-}" ]; then
  # The same build as scripts/saliency.sh (static Swift runtime: about 10 ms less start-up).
  (cd "$root" && swift build -c release --static-swift-stdlib --product saliency 1>&2)
  SALIENCY_BIN="$root/.build/release/saliency"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# examples/s as analyze prints it ("N texts: … R texts/s; …"), median of 3 runs.
rates=()
for run in 1 2 3; do
  line=$("$SALIENCY_BIN" analyze "$test_split" --model default-zh --method "$methods" --out "$work/zh")
  rates+=("$(sed -n 's/.*; \([0-9]*\) texts\/s;.*/\1/p' <<<"$line")")
  echo "run $run: $line" >&2
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p)
echo "zh test split ($(($(wc -l < "$test_split") - 1)) texts), default-zh, $methods: $median examples/s (runs: ${rates[*]})"

if [ -n "$peer" ]; then
  # Same token ids on both sides: the Swift tokenizer's, from explain; the weights are default-zh's file.
  weights="$root/samples/models/default-zh.safetensors"
  "$SALIENCY_BIN" explain --model "$weights" --input "$test_split" --format jsonl --method trajectory \
    > "$work/explain.jsonl"
  "$peer_python" "$root/scripts/bench/analyze_peer.py" --prepare "$work/explain.jsonl" "$test_split" \
    --ids "$work/ids.json" --labels "$work/gold.json"
  peer_line=$("$peer_python" "$root/scripts/bench/analyze_peer.py" --weights "$weights" --ids "$work/ids.json" \
    --labels "$work/gold.json" --out "$work/peer" --check "$work/zh/examples.jsonl")
  echo "$peer_line"
  peer_rate=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["value"])' "$peer_line")
  echo "pytorch+captum peer (one sentence per call, 2 threads): $peer_rate examples/s; saliency/peer = $(python3 -c "print(f'{$median / $peer_rate:.2f}')")x"
fi

if [ -n "$rows" ]; then
  python3 "$root/scripts/bench/synthetic_corpus.py" --rows "$rows" "$root/data/zh-reviews/train.tsv" > "$work/synthetic.tsv"
  /usr/bin/time -v "$SALIENCY_BIN" analyze "$work/synthetic.tsv" --model default-zh --method "$methods" \
    --out "$work/synthetic" > "$work/stdout" 2> "$work/time"
  peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
  echo "synthetic: $rows rows, $(stat -c %s "$work/synthetic.tsv") bytes; $(cat "$work/stdout")"
  echo "synthetic: wall $wall, peak RSS $((peak / 1024)) MiB"
  for file in "$work/synthetic"/*; do echo "  $(basename "$file"): $(stat -c %s "$file") bytes"; done
fi
