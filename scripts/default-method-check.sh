#!/usr/bin/env bash
# Does each method's top token land on a sentiment word of the predicted class, or on the text's last token?
# The figures behind the default --method (README, "Which method by default"), for both embedded default models:
#   English: samples/everyday/en.tsv and the first 250 test rows of every English training domain, VADER
#   Chinese: samples/everyday/zh.tsv and the first 250 test rows of every Chinese training domain, HowNet
#   (data/domains/, from scripts/fetch-data.sh; the defaults never trained on these test rows)
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
# The first 250 test rows of each domain of a language, in one labelled TSV.
domain_mix() {
  local lang="$1" out="$2" first=1
  for split in data/domains/"$lang"/*/test.tsv; do
    if [ "$first" = 1 ]; then head -n 1 "$split" > "$out"; first=0; fi
    sed -n '2,251p' "$split" >> "$out"
  done
}
mix="$(mktemp -d)"
trap 'rm -rf "$mix"' EXIT
domain_mix en "$mix/en-domains.tsv"
domain_mix zh "$mix/zh-domains.tsv"
check --corpus samples/everyday/en.tsv --model default-en --lexicon data/lexicons/en-vader.tsv --match token
check --corpus "$mix/en-domains.tsv" --model default-en --lexicon data/lexicons/en-vader.tsv --match token
check --corpus samples/everyday/zh.tsv --model default-zh --lexicon data/lexicons/zh-hownet.tsv --match span
check --corpus "$mix/zh-domains.tsv" --model default-zh --lexicon data/lexicons/zh-hownet.tsv --match span
