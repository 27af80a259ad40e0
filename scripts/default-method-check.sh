#!/usr/bin/env bash
# Does each method's top token land on a sentiment word of the predicted class, or on the text's last token?
# The figures behind the default --method (README, "Which method by default"), for both embedded default models:
#   English: the en-tweets test split and samples/everyday/en.tsv, VADER (a token is a lexicon word)
#   Chinese: the zh-reviews test split and samples/everyday/zh.tsv, HowNet (a character inside a lexicon word)
# Opt-in (not CI); about 10 minutes on 2 cores. Tables on stdout, progress and build output on stderr.
#
#   scripts/default-method-check.sh                     # builds the release binary first
#   SALIENCY_BIN=path/to/saliency scripts/default-method-check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
SALIENCY_BIN="${SALIENCY_BIN:-$(bash scripts/release-binary.sh)}"
bash scripts/fetch-data.sh 1>&2
bash scripts/fetch-lexicons.sh 1>&2

check() { python3 scripts/default_method_check.py --saliency "$SALIENCY_BIN" "$@"; echo; }
check --corpus samples/everyday/en.tsv --model default-en --lexicon data/lexicons/en-vader.tsv --match token
check --corpus data/en-tweets/test.tsv --model default-en --lexicon data/lexicons/en-vader.tsv --match token
check --corpus samples/everyday/zh.tsv --model default-zh --lexicon data/lexicons/zh-hownet.tsv --match span
check --corpus data/zh-reviews/test.tsv --model default-zh --lexicon data/lexicons/zh-hownet.tsv --match span
