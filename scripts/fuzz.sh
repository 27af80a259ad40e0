#!/usr/bin/env bash
# Coverage-guided fuzzing of saliency's parsers (opt-in; docs/fuzzing.md).
#
#   bash scripts/fuzz.sh                      # every target for 120 s
#   bash scripts/fuzz.sh --seconds 600        # every target for 10 minutes
#   bash scripts/fuzz.sh --runs 1000000       # every target until 1,000,000 executions (or --seconds)
#   bash scripts/fuzz.sh --smoke              # every target for 10 s (the CI run in scripts/test.sh)
#   bash scripts/fuzz.sh --targets tokenizer,corpus-csv --seconds 60
#
# Builds the package in Fuzz/ with -sanitize=fuzzer,address (libFuzzer + AddressSanitizer, release mode),
# then runs the targets one after another, each in one process (-jobs is not used: one core stays free).
# Each target starts from its committed seeds (Fuzz/Corpus/<target>/) and grows a working corpus under
# Fuzz/.build/corpus/<target>/ that later runs reuse. Limits per input (at most 4 KB): 10 s, 2048 MB resident,
# and no single allocation above 1 MB.
#
# Prints a table (target, executions, executions/s, coverage, crashes) on stdout; build output and the
# fuzzers' own logs go to stderr and Fuzz/.build/logs/<target>.log. A crash, timeout or out-of-memory
# input is saved as Fuzz/.build/findings/<target>/{crash,timeout,oom,slow-unit}-<sha1>, its path is
# printed, and the script exits 1. Reproduce with: Fuzz/.build/release/fuzz-<target> <file>
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/Fuzz"
all_targets="safetensors metadata corpus-tsv corpus-csv corpus-jsonl corpus-lines tokenizer"

seconds=120
runs=-1
targets="$all_targets"
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --smoke) seconds=10; shift ;;
    --targets) targets="$(echo "${2:?--targets needs a list}" | tr ',' ' ')"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "fuzz.sh: unknown argument '$1'" >&2; usage; exit 64 ;;
  esac
done
for target in $targets; do
  case " $all_targets " in
    *" $target "*) ;;
    *) echo "fuzz.sh: unknown target '$target'; the targets are: $all_targets" >&2; exit 64 ;;
  esac
done

bash "$root/scripts/install-deps.sh"
toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")"
if ! find "$toolchain/lib" -name 'libclang_rt.fuzzer*.a' 2>/dev/null | grep -q .; then
  echo "fuzz.sh: the Swift toolchain at $toolchain has no libFuzzer runtime (libclang_rt.fuzzer*.a);" \
    "install the swift.org toolchain for Linux, which ships it." >&2
  exit 1
fi

# SwiftPM's --sanitize=fuzzer keeps libFuzzer's main; the -Xswiftc flag comes after SwiftPM's own
# -sanitize flags, and swiftc takes the last one, so every Swift module gets coverage *and* AddressSanitizer.
# (Passing --sanitize=fuzzer --sanitize=address instead gives two flags, and the second drops coverage.)
build=(swift build -c release --package-path "$fuzz" --scratch-path "$fuzz/.build"
  --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address)
echo "fuzz.sh: building the fuzz targets (release, libFuzzer + AddressSanitizer)…" >&2
"${build[@]}" 1>&2
bin="$("${build[@]}" --show-bin-path)"

export SWIFT_BACKTRACE=enable=no   # libFuzzer and ASan print the stack; Swift's backtracer would wait
mkdir -p "$fuzz/.build/logs"
rows=()
status=0
for target in $targets; do
  corpus="$fuzz/.build/corpus/$target"
  findings="$fuzz/.build/findings/$target"
  log="$fuzz/.build/logs/$target.log"
  mkdir -p "$corpus" "$findings"
  # Inputs are at most 4 KB (-max_len), so one allocation above 1 MB is a finding: a file lying about its sizes.
  args=(-max_total_time="$seconds" -runs="$runs" -max_len=4096 -rss_limit_mb=2048 -malloc_limit_mb=1 -timeout=10
    -print_final_stats=1
    -artifact_prefix="$findings/")
  [ -f "$fuzz/Dictionaries/$target.dict" ] && args+=(-dict="$fuzz/Dictionaries/$target.dict")
  echo "fuzz.sh: $target for up to ${seconds} s…" >&2
  marker="$fuzz/.build/logs/$target.start"
  touch "$marker"
  set +e
  "$bin/fuzz-$target" "${args[@]}" "$corpus" "$fuzz/Corpus/$target" >"$log" 2>&1
  code=$?
  set -e
  executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  coverage="$(grep -E '^#[0-9]+' "$log" | grep -o 'cov: [0-9]* ft: [0-9]*' | tail -1 | sed 's/cov: \([0-9]*\) ft: \([0-9]*\)/\1\/\2/')"
  crashes="$(find "$findings" -type f -newer "$marker" | wc -l)"
  if [ "$code" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
  if [ "$crashes" -gt 0 ]; then
    status=1
    echo "fuzz.sh: $target FOUND A PROBLEM (exit $code); log: $log" >&2
    grep -E 'FUZZ FINDING|ERROR: (libFuzzer|AddressSanitizer)|SUMMARY' "$log" | head -5 >&2 || true
    find "$findings" -type f -newer "$marker" | sed 's/^/fuzz.sh:   input: /' >&2
  fi
  rows+=("$(printf '%-14s %12s %10s %12s %8s' "$target" "${executions:-?}" "${rate:-?}" "${coverage:-?}" "$crashes")")
done

printf '%-14s %12s %10s %12s %8s\n' target executions exec/s cov/ft crashes
printf '%s\n' "${rows[@]}"
exit "$status"
