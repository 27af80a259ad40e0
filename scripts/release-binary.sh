#!/usr/bin/env bash
# Prints the path of the release `saliency` binary, building it first (set-up and build output on stderr).
# Scripts that measure the product take it as: SALIENCY_BIN="${SALIENCY_BIN:-$(bash scripts/release-binary.sh)}"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/install-deps.sh 1>&2
swift build -c release --product saliency 1>&2
echo "$root/.build/release/saliency"
