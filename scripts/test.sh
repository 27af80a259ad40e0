#!/usr/bin/env bash
# Sets up a fresh machine (OpenBLAS) and runs every test: the Swift suites (unit, reference parity, CLI
# end-to-end, golden files) and the data-script unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests 1>&2
python3 -m unittest discover -s scripts/tests 1>&2
swift test --skip-build
bash scripts/fuzz.sh --smoke 1>&2   # libFuzzer smoke run of every parser target (docs/fuzzing.md)
