#!/usr/bin/env bash
# Measures `saliency report` on 10,000 texts (the 100 Chinese test samples repeated 100 times): wall time
# and file size, next to `explain --format jsonl` on the same texts (same explanations, no HTML), so the
# difference is roughly the cost of the HTML page. Results on stdout; build output on stderr.
#
#   scripts/bench/html-report.sh [METHODS] [COUNT]      (default: trajectory 10000)
#   SALIENCY_BIN=path/to/saliency scripts/bench/html-report.sh trajectory,grad-input,occlusion,prefix-prediction
#   KEEP_REPORT=/tmp/report.html scripts/bench/html-report.sh   # keep the page, e.g. to time a browser on it
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
methods="${1:-trajectory}"
count="${2:-10000}"
if [ -z "${SALIENCY_BIN:-}" ]; then
  (cd "$root" && swift build -c release 1>&2)
  SALIENCY_BIN="$root/.build/release/saliency"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
{
  printf 'label\ttext\n'
  for _ in $(seq 1 $(( (count + 99) / 100 ))); do tail -n +2 "$root/samples/zh-reviews/test.tsv"; done | head -n "$count"
} > "$work/texts.tsv"

seconds() { local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'; }
jsonl=$(seconds "$SALIENCY_BIN" explain --input "$work/texts.tsv" --method "$methods" --format jsonl -o "$work/out.jsonl")
html=$(seconds "$SALIENCY_BIN" report "$work/texts.tsv" --method "$methods" -o "$work/report.html")
echo "texts: $count  methods: $methods"
echo "explain --format jsonl: ${jsonl}s  $(stat -c %s "$work/out.jsonl") bytes"
echo "report (HTML):          ${html}s  $(stat -c %s "$work/report.html") bytes"
if [ -n "${KEEP_REPORT:-}" ]; then cp "$work/report.html" "$KEEP_REPORT"; fi
