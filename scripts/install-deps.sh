#!/usr/bin/env bash
# Installs the system packages `saliency` needs to build (OpenBLAS) on Debian/Ubuntu, plus each COMMAND given
# (a Debian package of the same name, e.g. `wrk` for scripts/bench/serve.sh) that is not on PATH.
#   scripts/install-deps.sh [COMMAND…]
# Idempotent: does nothing when they are present. Needs root or sudo when something is missing.
# All output goes to stderr so wrapper scripts keep stdout clean.
set -euo pipefail
exec 1>&2

missing=()
pkg-config --exists openblas 2>/dev/null || missing+=(libopenblas-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
for command in "$@"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("$command")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "saliency: missing ${missing[*]}; install OpenBLAS (pkg-config name 'openblas') with your system's package manager." >&2
  exit 1
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "saliency: need root or sudo to install ${missing[*]} (apt-get)." >&2; exit 1
  fi
fi

echo "saliency: installing ${missing[*]} with apt-get…" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
pkg-config --exists openblas || { echo "saliency: OpenBLAS still not found by pkg-config after install." >&2; exit 1; }
