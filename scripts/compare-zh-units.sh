#!/usr/bin/env bash
# Characters or words for Chinese? Measures two Chinese models side by side on the same 300 test reviews and
# posts (50 of every domain's test split: rows 1, 1 + n/50, 1 + 2n/50, … of data/domains/zh/<domain>/test.tsv)
# and on samples/everyday/zh.tsv: `saliency evaluate` (faithfulness: comprehensiveness, sufficiency, accuracy
# after deleting 5 tokens; HowNet plausibility) for occlusion in log-odds (the default method), grad-input, LRP
# and integrated gradients, and scripts/default_method_check.py (is the default method's top token a sentiment
# word, and how often is it the text's last token). Writes reports/evaluation/zh-units/ (and the 300 rows to
# data/zh-units-test-300.tsv). Opt-in; about 10
# minutes on 2 shared cores. The figures behind the choice of a word-level default-zh (docs/chinese-words.md).
#
#   scripts/compare-zh-units.sh CHARACTER_MODEL WORD_MODEL
#   e.g. git show a2db41a:samples/models/default-zh.safetensors > /tmp/characters.safetensors
#        scripts/compare-zh-units.sh /tmp/characters.safetensors samples/models/default-zh.safetensors
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 2 ] || { echo "usage: scripts/compare-zh-units.sh CHARACTER_MODEL WORD_MODEL" >&2; exit 64; }
cd "$root"
characters="$1" words="$2"  # as given: absolute, or relative to the repository's root
for model in "$characters" "$words"; do
  [ -f "$model" ] || { echo "compare-zh-units: no model file at $model (paths are relative to $root)" >&2; exit 1; }
done
SALIENCY_BIN="${SALIENCY_BIN:-$(bash scripts/release-binary.sh)}"
[ -d data/domains/zh ] || { echo "compare-zh-units: data/domains/zh is missing: run scripts/fetch-data.sh" >&2; exit 1; }
[ -f data/lexicons/zh-hownet.tsv ] || {
  echo "compare-zh-units: data/lexicons/zh-hownet.tsv is missing: run scripts/fetch-lexicons.sh" >&2; exit 1; }

out=reports/evaluation/zh-units
mkdir -p "$out"
sample=data/zh-units-test-300.tsv  # derived from fetched data, so under data/ (not committed)
python3 - "$sample" <<'PY'
import sys
from pathlib import Path
rows = ["label\ttext"]
for domain in sorted(p for p in Path("data/domains/zh").iterdir() if (p / "test.tsv").exists()):
    lines = [l for l in (domain / "test.tsv").read_text(encoding="utf-8").split("\n")[1:] if l.strip()]
    rows += lines[::max(1, len(lines) // 50)][:50]
Path(sys.argv[1]).write_text("\n".join(rows) + "\n", encoding="utf-8")
PY
for unit in characters words; do
  model=${!unit}
  echo "compare-zh-units: evaluate, $unit" >&2
  rm -rf "${out:?}/$unit"  # a committed copy has no .saliency-output marker, so evaluate would not replace it
  nice -n 10 "$SALIENCY_BIN" evaluate "$sample" --model "$model" --out "$out/$unit" --no-sanity \
    --method occlusion,grad-input,lrp,integrated-gradients --measure log-odds \
    --lexicon data/lexicons/zh-hownet.tsv --threads 2 > "$out/$unit.txt"
  for corpus in samples/everyday/zh.tsv "$sample"; do
    nice -n 10 python3 scripts/default_method_check.py --saliency "$SALIENCY_BIN" --corpus "$corpus" --model "$model" \
      --lexicon data/lexicons/zh-hownet.tsv --match span --methods "default (no --method),grad-input,lrp"
    echo
  done > "$out/$unit-top-token.md"
done
echo "compare-zh-units: written to $out" >&2
