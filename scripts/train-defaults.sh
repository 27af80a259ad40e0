#!/usr/bin/env bash
# Trains the two embedded default models on their broad mixtures with fixed seeds, measures them per domain
# beside a naive Bayes bigram baseline trained on the same mixture, records what they were trained on in their
# metadata (saliency.training_data, shown by `saliency info`), and writes samples/models/default-{en,zh}.safetensors
# (rebuild afterwards to embed them). Needs data/ from scripts/fetch-data.sh. All progress goes to stderr.
#   scripts/train-defaults.sh [en|zh]... [--leave-one-out | --leave-one-out-only] [--keep-models]
# --keep-models does not train the defaults again: it measures and re-cards the committed ones (metadata only).
# --leave-one-out-only runs the leave-one-domain-out groups alone: the defaults and their per-domain figures stay
# as they are.
# --leave-one-out also trains the same recipe once per group of domains on data/mix/<lang>-without-<group> (the
# mixture without the group's domains) and tests it on the group's domains. The groups make up the leave-one-out
# tables of scripts/build_corpora.py (listed in data/mix/<lang>-leave-out.json): "kinds" leaves out a kind of text
# (Chinese: each domain) and writes reports/training/<lang>-leave-one-out.json, which the model card shows;
# "sources" (English) leaves out each source alone and writes <lang>-leave-one-source-out.json. A group both
# tables have is trained once.
# LOO_TABLES="sources" runs only those tables, LOO_GROUPS="tweets imdb" only those groups; LOO_EPOCHS=N caps the
# runs at N epochs (a quicker, understated table).
# LOO_SEEDS="1 2 3" trains each group once per seed (default: seed 1, the defaults' own). A row keeps each seed's
# figures under "seeds" and reports their mean under "model"; a run adds its seeds to the row's others, so
# LOO_SEEDS="2 3" extends a seed-1 table (rows trained with another epoch limit or encoder are replaced whole).
# Per-domain figures go to reports/training/<lang>-domains.json; each leave-one-out row records the epoch limit it
# was trained with (max_epochs), and a run of some groups (LOO_GROUPS) replaces only their rows.
# LOO_OUT=<file> writes the leave-one-out rows of the one table run there instead, and the model card reads them
# from there (an experiment that must not replace the table).
# Training uses TRAIN_THREADS threads (default 2; the models are deterministic for a seed and thread count).
# Time on 2 shared cores: training English about 7 minutes, Chinese about 2.5; a leave-one-out run 2-8 minutes
# (the longest: an English source, whose mixture keeps nearly every row).
#
# Chinese is word-level (--tokenizer word-jieba). ZH_TOKENIZER_FLAGS="--tokenizer character-han" trains the
# character-level recipe it replaced (E = 128, at most 8,000 characters) for comparison.
# ENCODER_FLAGS="--bidirectional" (or "--cell gru", "--layers 2 --layer-dropout 0.2", …) changes both recipes'
# encoder (default: one unidirectional LSTM layer); leave-one-out rows trained with it record it (encoder_flags).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --static-swift-stdlib 1>&2
bin=.build/release/saliency
mkdir -p samples/models reports/training

leave_one_out=0
loo_only=0
keep_models=0
langs=()
for arg in "$@"; do
  case "$arg" in
    --leave-one-out) leave_one_out=1 ;;
    --leave-one-out-only) leave_one_out=1; loo_only=1 ;;
    --keep-models) keep_models=1 ;;
    en|zh) langs+=("$arg") ;;
    *) echo "train-defaults: unknown argument '$arg' (en, zh, --leave-one-out, --leave-one-out-only, --keep-models)" >&2; exit 64 ;;
  esac
done
[ ${#langs[@]} -gt 0 ] || langs=(en zh)

# Recipes. English: E = 64, H = 128 as before, with the tweets' regularisation (dropout 0.5 on h_n, word dropout
# 0.2), which the first mixture runs needed too. The English vocabulary is the 20,000 most frequent words.
# Chinese, in jieba words: the 20,000 most frequent (seen at least 4 times in the mixture; they cover 96% of its
# word tokens) with E = 64, so the embedding, 20,000 x 64, stays the size of English's; dropout 0.4, word dropout
# 0.1, and a moving average of the weights (decay 0.999), which had the better dev accuracy on the mixture (0.898
# against 0.895 without). In characters (ZH_TOKENIZER_FLAGS="--tokenizer character-han"): every character seen
# twice, up to 8,000, with E = 128 (the first broad character run, E = 64, overfitted after epoch 9 and trailed
# naive Bayes on Weibo).
epochs=12  # both recipes' epoch limit (early stopping, patience 3, usually ends them sooner)
en_flags=(--mask-handles --embedding-size 64 --hidden-size 128 --min-count 2 --max-vocabulary 20000
          --learning-rate 0.001 --dropout 0.5 --word-dropout 0.2 --epochs "$epochs" --patience 3)
read -r -a zh_tokenizer <<< "${ZH_TOKENIZER_FLAGS:---tokenizer word-jieba}"
if [ "${zh_tokenizer[*]}" = "--tokenizer character-han" ]; then
  zh_sizes=(--embedding-size 128 --max-vocabulary 8000)
else
  zh_sizes=(--embedding-size 64 --max-vocabulary 20000)
fi
zh_flags=("${zh_tokenizer[@]}" "${zh_sizes[@]}" --hidden-size 128 --min-count 2
          --learning-rate 0.0015 --dropout 0.4 --word-dropout 0.1 --epochs "$epochs" --patience 3
          --weight-average 0.999)
read -r -a encoder_flags <<< "${ENCODER_FLAGS:-}"
en_flags+=("${encoder_flags[@]}")
zh_flags+=("${encoder_flags[@]}")

train() { # LANG MIX OUT [EXTRA FLAGS…] (the defaults' seed, 1, unless the extra flags give --seed)
  local -n flags="$1_flags"
  [ -f "$2/train.tsv" ] || { echo "$2/train.tsv is missing: run scripts/fetch-data.sh first" >&2; exit 1; }
  "$bin" train "$2/train.tsv" --dev "$2/dev.tsv" --out "$3" --seed 1 --threads "${TRAIN_THREADS:-2}" "${flags[@]}" "${@:4}" >&2
}
LOO_FLAGS=()
if [ -n "${LOO_EPOCHS:-}" ]; then LOO_FLAGS=(--epochs "$LOO_EPOCHS"); fi

for lang in "${langs[@]}"; do
  out=samples/models/default-$lang.safetensors
  if [ "$loo_only" -eq 0 ]; then
    if [ "$keep_models" -eq 1 ]; then
      cp "$out" "$out.new"
    else
      echo "== training default-$lang on data/mix/$lang" >&2
      train "$lang" "data/mix/$lang" "$out.new"
    fi
    echo "== default-$lang per domain, beside naive Bayes trained on the same mixture" >&2
    python3 scripts/domain_eval.py --model "$out.new" --mix "data/mix/$lang" --domains "data/domains/$lang" \
      --binary "$bin" --json "reports/training/$lang-domains.json" >&2
  fi
  loo=${LOO_OUT:-reports/training/$lang-leave-one-out.json}
  if [ "$leave_one_out" -eq 1 ]; then
    # One line per table: "<table> <group>…" (exit 64 with what there is if LOO_TABLES or LOO_GROUPS is wrong).
    listing=$(python3 scripts/loo_groups.py "data/mix/$lang-leave-out.json" \
      --tables "${LOO_TABLES:-}" --groups "${LOO_GROUPS:-}") || exit $?
    mapfile -t chosen <<< "$listing"
    if [ -n "${LOO_OUT:-}" ] && [ ${#chosen[@]} -gt 1 ]; then
      echo "train-defaults: LOO_OUT names one file, but groups of ${#chosen[@]} tables were chosen: set LOO_TABLES" >&2
      exit 64
    fi
    declare -A figures=()  # "<group>:<seed>" -> domain_eval.py's figures of that run
    for line in "${chosen[@]}"; do
      read -r table groups <<< "$line"
      parts=()
      for group in $groups; do
        dir=data/mix/$lang-without-$group
        only=$(python3 -c 'import json, sys; print(",".join(json.load(open(sys.argv[1]))))' "$dir/left_out.json")
        for seed in ${LOO_SEEDS:-1}; do
          if [ -z "${figures[$group:$seed]:-}" ]; then
            echo "== leave-one-out ($table): $lang without $group (tested on $only), seed $seed" >&2
            model=$(mktemp --suffix=.safetensors)
            train "$lang" "$dir" "$model" "${LOO_FLAGS[@]}" --seed "$seed"
            python3 scripts/domain_eval.py --model "$model" --mix "$dir" --domains "data/domains/$lang" \
              --only "$only" --binary "$bin" --json "$model.json" >&2
            figures[$group:$seed]=$model.json
            rm -f "$model"
          fi
          parts+=("$seed:${figures[$group:$seed]}:$dir")
        done
      done
      case "$table" in
        kinds) rows=$loo ;;
        sources) rows=${LOO_OUT:-reports/training/$lang-leave-one-source-out.json} ;;
        *) echo "train-defaults: no file for the leave-one-out table '$table'" >&2; exit 1 ;;
      esac
      # Rows trained the same way keep their other seeds; a run of some groups keeps the other groups' rows.
      keep=$([ -f "$rows" ] && echo "$rows" || true)
      others=$([ -n "${LOO_GROUPS:-}" ] && echo --keep-other-domains || true)
      python3 scripts/loo_rows.py --out "$rows" --keep "$keep" $others --max-epochs "${LOO_EPOCHS:-$epochs}" \
        --encoder "${encoder_flags[*]}" "${parts[@]}"
    done
    rm -f "${figures[@]}"
  fi
  if [ "$loo_only" -eq 1 ]; then continue; fi
  card_args=()
  [ -f "$loo" ] && card_args=(--leave-one-out "$loo")
  python3 scripts/model_card.py --model "$out.new" --lang "$lang" --mix "data/mix/$lang" \
    --figures "reports/training/$lang-domains.json" --describe scripts/domain_descriptions.json "${card_args[@]}"
  mv "$out.new" "$out"
  "$bin" info --model "$out" >&2
done
