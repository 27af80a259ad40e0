#!/usr/bin/env bash
# Trains the two embedded default models from the fetched corpora with fixed seeds (E = 64, H = 128; the
# tweets, which overfit within three epochs, get word dropout and more dropout), and reports their test
# figures beside the naive Bayes baseline on the same split. Writes samples/models/default-{zh,en}.safetensors
# (rebuild afterwards to embed them). Needs data/ from scripts/fetch-data.sh. All progress goes to stderr.
#   scripts/train-defaults.sh [zh|en]...
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --static-swift-stdlib 1>&2
bin=.build/release/saliency
mkdir -p samples/models
corpora=("$@")
[ ${#corpora[@]} -gt 0 ] || corpora=(zh en)

for corpus in "${corpora[@]}"; do
  case "$corpus" in
    zh) dir=data/zh-reviews; extra=(--learning-rate 0.0015 --dropout 0.3 --epochs 12 --patience 3) ;;
    en) dir=data/en-tweets; extra=(--mask-handles --learning-rate 0.001 --dropout 0.5 --word-dropout 0.2 --epochs 14 --patience 4) ;;
    *) echo "unknown corpus '$corpus' (zh or en)" >&2; exit 64 ;;
  esac
  [ -f "$dir/train.tsv" ] || { echo "$dir/train.tsv is missing: run scripts/fetch-data.sh first" >&2; exit 1; }
  out=samples/models/default-$corpus.safetensors
  echo "== training default-$corpus on $dir" >&2
  "$bin" train "$dir/train.tsv" --dev "$dir/dev.tsv" --test "$dir/test.tsv" --out "$out.new" \
    --embedding-size 64 --hidden-size 128 --min-count 2 --max-vocabulary 20000 \
    --seed 1 --threads 2 "${extra[@]}" >&2
  mv "$out.new" "$out"
  echo "== default-$corpus: test figures" >&2
  "$bin" info --model "$out" --format json
  echo "== naive Bayes baseline on the same split" >&2
  python3 scripts/naive_bayes_baseline.py "$dir"
done
