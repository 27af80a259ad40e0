#!/usr/bin/env bash
# Opt-in benchmark (not CI) of `saliency serve` on loopback: latency at a fixed rate, the highest rate, memory over
# 100,000 requests and the page's load time and weight (serve_bench.py says what each run does). Installs wrk
# (Debian) if missing and builds the release binary. About 4 minutes; run it on a quiet machine.
#   scripts/bench/serve.sh [--seconds S] [--requests N] [--no-page]
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/install-deps.sh wrk
swift build -c release --static-swift-stdlib 1>&2
exec python3 scripts/bench/serve_bench.py --binary .build/release/saliency "$@"
