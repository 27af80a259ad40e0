#!/usr/bin/env bash
# Regenerates reports/example.html: a few Chinese and English sample texts (with their gold labels)
# explained by the embedded default models with the default method and three others. Reproducible: no timestamp, fixed seed.
#
#   scripts/make-example-report.sh            # builds the release binary first (build output on stderr)
#   SALIENCY_BIN=path/to/saliency scripts/make-example-report.sh
#
# Then `scripts/screenshot-report.sh` renders reports/example.png from it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ -z "${SALIENCY_BIN:-}" ]; then
  bash scripts/install-deps.sh 1>&2
  swift build -c release 1>&2
  SALIENCY_BIN="$root/.build/release/saliency"
fi

mkdir -p reports
input="reports/example-input.tsv"
{
  printf 'label\ttext\n'
  # Chinese product reviews and English tweets (both models read words), alternating, picked by
  # line number from the committed samples; the long review last.
  line() { sed -n "$2p" "samples/$1/test.tsv"; }
  line zh-reviews 29; line en-tweets 49; line zh-reviews 63; line en-tweets 67; line zh-reviews 31
  line en-tweets 30; line zh-reviews 90; line en-tweets 3; line en-tweets 66; line zh-reviews 5
} > "$input"

# The default method first, in its own settings (occlusion in log-odds: `report` without --method), then three
# others for comparison, the seed's trajectory last.
"$SALIENCY_BIN" report "$input" -o reports/example.html \
  --method occlusion,grad-input,prefix-prediction,trajectory --measure log-odds --top-k 3 \
  --title "Saliency report: sample reviews and tweets"
echo "make-example-report: wrote reports/example.html from $input" >&2
