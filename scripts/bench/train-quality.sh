#!/usr/bin/env bash
# Opt-in comparison (not CI): `saliency train` with its old and current defaults against a careful PyTorch user's
# LSTM of the same size and the naive Bayes bigram baseline, on corpora the defaults were not chosen on
# (scripts/bench/train_quality.py documents the systems, corpora and tokenisation). Needs data/ from
# scripts/fetch-data.sh and the PyTorch venv (scripts/bench/setup-peer-venv.sh, run here if missing).
# Runs single-threaded under nice; about an hour and a half on 2 shared cores. Table on stdout, progress on stderr.
#   scripts/bench/train-quality.sh [train_quality.py options, e.g. --systems saliency,pytorch --json out.json]
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/install-deps.sh
swift build -c release --static-swift-stdlib 1>&2
python=$(bash scripts/bench/setup-peer-venv.sh)
exec nice -n 10 "$python" scripts/bench/train_quality.py --binary .build/release/saliency --threads 1 "$@"
