#!/usr/bin/env bash
# Sets up a fresh machine (OpenBLAS), builds the release binary once, and runs `saliency` with the given
# arguments. Build output goes to stderr so stdout carries only the tool's results.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/install-deps.sh"
(cd "$root" && swift build -c release --static-swift-stdlib 1>&2)
exec "$root/.build/release/saliency" "$@"
