#!/usr/bin/env bash
# Opt-in: compares the Swift Chinese segmenter (Corpus.ChineseSegmenter) with Python jieba 0.42.1 from PyPI.
# Sets up a venv with the pinned jieba sdist (sha256-checked) in scripts/.cache/jieba-venv, builds SegmentTool
# in release mode, fetches the corpora if data/zh-reviews is missing, and prints to stdout the share of texts
# that both segment identically (goal: >= 99.5%), the first differing texts, speed and load time.
#
#   scripts/compare-jieba.sh                    # data/zh-reviews/*.tsv and every other TSV under data/ in a
#                                               # directory named zh or zh-* (e.g. data/domains/zh/*/)
#   scripts/compare-jieba.sh FILE.tsv …         # these TSV files (header with a `text` column) instead
#   REPEATS=5 EXAMPLES=20 scripts/compare-jieba.sh
#
# Needs python3 (3.8+) with pip and venv, and Swift. Everything but the comparison goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

sdist_sha256=055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2
cache=scripts/.cache
sdist="$cache/pypi/jieba-0.42.1.tar.gz"
venv="$cache/jieba-venv"

if [ ! -f "$sdist" ]; then
  python3 -m pip download --no-deps --disable-pip-version-check --no-input --no-binary :all: \
    -d "$cache/pypi" jieba==0.42.1 1>&2
fi
if [ "$(sha256sum "$sdist" | cut -d' ' -f1)" != "$sdist_sha256" ]; then
  echo "compare-jieba: $sdist does not have sha256 $sdist_sha256; delete it and rerun" >&2
  exit 1
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import jieba' 2>/dev/null; then
  python3 -m venv "$venv" 1>&2
  "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --no-deps "$sdist" 1>&2
fi

swift build -c release --product SegmentTool 1>&2
tool="$(swift build -c release --show-bin-path)/SegmentTool"

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  [ -f data/zh-reviews/test.tsv ] || bash scripts/fetch-data.sh --corpus zh-reviews 1>&2
  while IFS= read -r f; do files+=("$f"); done < <(
    find data -name '*.tsv' \( -path '*/zh/*' -o -path '*/zh-*' \) | LC_ALL=C sort)
fi

exec "$venv/bin/python" scripts/compare_jieba.py "$tool" "${files[@]}" \
  --repeats "${REPEATS:-3}" --examples "${EXAMPLES:-10}"
