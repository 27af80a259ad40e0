#!/usr/bin/env bash
# Opt-in end-to-end test of scripts/spark/saliency_spark.py on a real Spark engine (not run by CI).
#
#   bash scripts/spark/test-spark.sh            # every case
#   CASES="local-tsv cluster-retry" bash scripts/spark/test-spark.sh
#
# Installs pyspark from PyPI into scripts/.cache/spark-venv (once), uses Debian's OpenJDK 17, and runs the job on
# local[2] and on a standalone cluster it starts on 127.0.0.1 (a master and two one-core workers), with one task
# killed on its first attempt (SALIENCY_SPARK_FAIL_PARTITION) so that Spark retries it; parts left in the staging
# directory beside DIR, and parts returned through Spark (--rows-out, SALIENCY_SPARK_NO_STAGING); local files cut
# into byte ranges by the driver, and the same file read by Spark's textFile (SALIENCY_SPARK_TEXT_FILE); TSV, TSV
# with bad rows and mixed line endings, JSONL, Parquet, and Chinese and English rows alternating without --model.
# Each case compares the job's DIR
# with `saliency analyze` / `saliency evaluate` on the same corpus, file by file and byte for byte (evaluate's
# sequences/s timings blanked), and prints PASS or FAIL.
# Needs data/zh-reviews/test.tsv and data/en-tweets/test.tsv (bash scripts/fetch-data.sh). Exit status: the number
# of failed cases.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
venv="$root/scripts/.cache/spark-venv"
if [ ! -x "$venv/bin/spark-submit" ]; then
  echo "installing pyspark into $venv" >&2
  python3 -m venv "$venv" 1>&2 && "$venv/bin/pip" install -q pyspark 1>&2 || { echo "FAIL: cannot install pyspark" >&2; exit 1; }
fi
export PYSPARK_PYTHON="$venv/bin/python"
export PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_HOME="$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOG_DIR="$root/scripts/.cache/spark-logs" SPARK_WORKER_DIR="$root/scripts/.cache/spark-work"
submit="$venv/bin/spark-submit"

bin="${SALIENCY_BIN:-}"
if [ -z "$bin" ]; then
  swift build -c release --product saliency 1>&2 || { echo "FAIL: build" >&2; exit 1; }
  bin="$root/.build/release/saliency"
fi
corpus="$root/data/zh-reviews/test.tsv"
[ -f "$corpus" ] || { echo "FAIL: $corpus is missing (bash scripts/fetch-data.sh)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/saliency-spark-test.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# Corpora: the Chinese test split; the same with malformed rows, unknown labels, blank lines and CRLF and CR
# line endings mixed in; a JSON-lines copy; a Parquet copy (made by Spark below); Chinese and English rows
# alternating (from the English test split), each read by its own script's default model when no --model is given.
bad="$work/bad.tsv"
mixed="$work/mixed.tsv"
english="$root/data/en-tweets/test.tsv"
[ -f "$english" ] || { echo "FAIL: $english is missing (bash scripts/fetch-data.sh)" >&2; exit 1; }
"$venv/bin/python" - "$corpus" "$bad" "$work/rows.jsonl" "$english" "$mixed" <<'EOF'
import json, sys
source, bad, jsonl, english, mixed = sys.argv[1:6]
lines = open(source, encoding="utf-8").read().splitlines()
with open(mixed, "w", encoding="utf-8") as out:
    out.write(lines[0] + "\n")
    others = open(english, encoding="utf-8").read().splitlines()[1:]
    for zh, en in zip(lines[1:800], others[:800]):
        out.write(zh + "\n" + en + "\n")
with open(bad, "w", encoding="utf-8") as out:
    out.write(lines[0] + "\n")
    for number, line in enumerate(lines[1:], 1):
        # every line ending the binary reads (LF, CRLF, a lone CR): partitions are cut after line feeds only
        out.write(line + ("\r\n" if number % 89 == 0 else "\r" if number % 173 == 0 else "\n"))
        if number % 97 == 0: out.write("neutral\tthis label is not the model's\n")
        if number % 131 == 0: out.write("a row without a tab\n")
        if number % 151 == 0: out.write("\n")
with open(jsonl, "w", encoding="utf-8") as out:
    for line in lines[1:]:
        label, text = line.split("\t", 1)
        out.write(json.dumps({"label": label, "text": text}, ensure_ascii=False) + "\n")
EOF

failures=0
cases="${CASES:-local-tsv local-bad-rows local-text-file local-jsonl local-parquet local-retry cluster-retry local-evaluate cluster-evaluate-retry local-mixed local-mixed-evaluate}"
common=(--model default-zh --method trajectory,grad-input)

# compare NAME EXPECTED_DIR ACTUAL_DIR [FROM TO]: byte-for-byte equality of every file (FROM replaced by TO in
# ACTUAL first, for a corpus whose Spark copy has another name).
compare() {
  local name="$1" expected="$2" actual="$3"
  if "$venv/bin/python" - "$expected" "$actual" "${4:-}" "${5:-}" <<'EOF'
import os, sys
expected, actual, old, new = sys.argv[1:5]
names = sorted(os.listdir(expected))
if sorted(os.listdir(actual)) != names:
    print(f"  files differ: {sorted(os.listdir(actual))} vs {names}"); sys.exit(1)
bad = []
for name in names:
    a = open(os.path.join(expected, name), "rb").read()
    b = open(os.path.join(actual, name), "rb").read()
    if old:  # as written, and as JSONEncoder escapes it in state.json
        b = b.replace(old.encode(), new.encode())
        b = b.replace(old.replace("/", "\\/").encode(), new.replace("/", "\\/").encode())
    if a != b:
        bad.append(name)
if bad:
    print("  differ: " + ", ".join(bad)); sys.exit(1)
print(f"  {len(names)} files identical: {', '.join(names)}")
EOF
  then echo "PASS $name"; else echo "FAIL $name"; failures=$((failures + 1)); fi
}

# compare_evaluation NAME EXPECTED_DIR ACTUAL_DIR: curves.csv, rejected.tsv byte for byte; results.json and
# index.html byte for byte once the sequences/s figures (wall-clock timings, which differ between any two runs,
# on one machine too) are blanked.
compare_evaluation() {
  local name="$1" expected="$2" actual="$3"
  if "$venv/bin/python" - "$expected" "$actual" <<'EOF'
import json, os, re, sys
expected, actual = sys.argv[1:3]
names = sorted(os.listdir(expected))
if sorted(os.listdir(actual)) != names:
    print(f"  files differ: {sorted(os.listdir(actual))} vs {names}"); sys.exit(1)
def normal(name, data):
    if name == "results.json":
        results = json.loads(data)
        for method in results["methods"]:
            method["sequences_per_second"] = None
        return json.dumps(results, sort_keys=True).encode()
    if name == "index.html":
        return re.sub(rb'(<tr><th><span class="key m\d+"></span>[^\n]*?)<td class="num">[^<]*</td></tr>',
                      rb'\1<td class="num">RATE</td></tr>', data)
    return data
bad = [name for name in names
       if normal(name, open(os.path.join(expected, name), "rb").read()) != normal(name, open(os.path.join(actual, name), "rb").read())]
if bad:
    print("  differ: " + ", ".join(bad)); sys.exit(1)
print(f"  {len(names)} files identical (sequences/s blanked in results.json and index.html): {', '.join(names)}")
EOF
  then echo "PASS $name"; else echo "FAIL $name"; failures=$((failures + 1)); fi
}

reference() {  # reference OUT CORPUS [options]: the single-machine run
  local out="$1"; shift
  nice "$bin" analyze "$@" --out "$out" > "$out.log" 2>&1 || { echo "  saliency analyze failed: $(tail -3 "$out.log")"; return 1; }
}

reference_evaluation() {  # reference_evaluation OUT CORPUS [options]
  local out="$1"; shift
  nice "$bin" evaluate "$@" --out "$out" > "$out.log" 2>&1 || { echo "  saliency evaluate failed: $(tail -3 "$out.log")"; return 1; }
}

master=""
start_cluster() {  # a master and two one-core workers on 127.0.0.1, once
  [ -n "$master" ] && return 0
  local port=$((17077 + RANDOM % 1000))
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
    --webui-port 0 > "$work/master.log" 2>&1 &
  pids+=($!)
  for worker in 1 2; do
    "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
      --webui-port 0 --work-dir "$work/worker$worker" "spark://127.0.0.1:$port" > "$work/worker$worker.log" 2>&1 &
    pids+=($!)
  done
  for _ in $(seq 60); do
    [ "$(grep -c 'Registering worker' "$work/master.log")" -ge 2 ] && break
    sleep 1
  done
  echo "  master spark://127.0.0.1:$port with $(grep -c 'Registering worker' "$work/master.log") worker(s)"
  master="spark://127.0.0.1:$port"
}

evaluation=(--model default-zh --method trajectory,grad-input,occlusion --bootstrap 200 --random-seeds 4 --skip-bad-rows)

spark() {  # spark LOG MASTER [submit options] -- job arguments
  local log="$1" master="$2"; shift 2
  local submit_options=()
  while [ "$1" != "--" ]; do submit_options+=("$1"); shift; done
  shift
  nice "$submit" --master "$master" "${submit_options[@]}" scripts/spark/saliency_spark.py "$@" \
    --saliency-binary "$bin" > "$log" 2>&1 || { echo "  spark job failed: $(grep -v '^\s*at ' "$log" | tail -5)"; return 1; }
}

for case in $cases; do
  echo "== $case"
  case "$case" in
    local-tsv)
      reference "$work/ref-tsv" "$corpus" "${common[@]}" &&
      spark "$work/$case.log" "local[2]" -- analyze "$corpus" --out "$work/$case" "${common[@]}" --partitions 4 \
        --rows-out "file://$work/$case-rows" &&
      { cat "$work/$case-rows"/part-* | cmp -s - "$work/ref-tsv/examples.jsonl" && echo "  --rows-out holds examples.jsonl's lines" ||
        { echo "  --rows-out differs from examples.jsonl"; false; }; } &&
      compare "$case" "$work/ref-tsv" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    local-bad-rows)
      reference "$work/ref-bad" "$bad" "${common[@]}" --skip-bad-rows &&
      spark "$work/$case.log" "local[2]" -- analyze "$bad" --out "$work/$case" "${common[@]}" --skip-bad-rows --partitions 5 &&
      grep -q "5 partition(s) of $bad (byte ranges the tasks read from the file)" "$work/$case.log" &&
      compare "$case" "$work/ref-bad" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    local-text-file)
      # The same local file read as any other path: Spark's textFile and a counting pass.
      { [ -d "$work/ref-bad" ] || reference "$work/ref-bad" "$bad" "${common[@]}" --skip-bad-rows; } &&
      SALIENCY_SPARK_TEXT_FILE=1 spark "$work/$case.log" "local[2]" -- analyze "$bad" --out "$work/$case" \
        "${common[@]}" --skip-bad-rows --partitions 5 &&
      grep -q "(read by Spark)" "$work/$case.log" &&
      compare "$case" "$work/ref-bad" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    local-jsonl)
      reference "$work/ref-jsonl" "$work/rows.jsonl" "${common[@]}" &&
      spark "$work/$case.log" "local[2]" -- analyze "$work/rows.jsonl" --out "$work/$case" "${common[@]}" --partitions 3 &&
      compare "$case" "$work/ref-jsonl" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    local-parquet)
      # The Parquet copy holds the JSON lines' rows in order; its DIR equals the JSON-lines run's once the input's
      # name and sha256 (which name and hash different files) are set alike.
      "$venv/bin/python" - "$work/rows.jsonl" "$work/rows.parquet" <<'EOF' > "$work/parquet.log" 2>&1
import sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[1]").getOrCreate()
spark.read.json(sys.argv[1]).select("label", "text").coalesce(1).write.parquet(sys.argv[2])
spark.stop()
EOF
      sha="$(sha256sum "$work/rows.jsonl" | cut -d' ' -f1)"
      { [ -d "$work/ref-jsonl" ] || reference "$work/ref-jsonl" "$work/rows.jsonl" "${common[@]}"; } &&
      spark "$work/$case.log" "local[2]" -- analyze "$work/rows.parquet" --out "$work/$case" "${common[@]}" \
        --partitions 3 --input-sha256 "$sha" &&
      compare "$case" "$work/ref-jsonl" "$work/$case" "$work/rows.parquet" "$work/rows.jsonl" ||
        { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    local-retry)
      # local[2,2]: two cores, a task may fail once (plain local[2] never retries).
      { [ -d "$work/ref-tsv" ] || reference "$work/ref-tsv" "$corpus" "${common[@]}"; } &&
      # The parts travel through Spark (as on executors that do not see the driver's file system).
      SALIENCY_SPARK_NO_STAGING=1 SALIENCY_SPARK_FAIL_PARTITION=2 spark "$work/$case.log" "local[2,2]" -- analyze \
        "$corpus" --out "$work/$case" "${common[@]}" --partitions 4 &&
      { grep -q "SALIENCY_SPARK_FAIL_PARTITION: killed" "$work/$case.log" && echo "  partition 2 was killed and retried" ||
        { echo "  no task was killed"; false; }; } &&
      grep -q "0 staged beside DIR, 4 returned through Spark" "$work/$case.log" &&
      compare "$case" "$work/ref-tsv" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    cluster-retry)
      start_cluster
      { [ -d "$work/ref-bad" ] || reference "$work/ref-bad" "$bad" "${common[@]}" --skip-bad-rows; } &&
      spark "$work/$case.log" "$master" --conf spark.executorEnv.SALIENCY_SPARK_FAIL_PARTITION=1 \
        --conf spark.executorEnv.PYSPARK_PYTHON="$venv/bin/python" -- \
        analyze "$bad" --out "$work/$case" "${common[@]}" --skip-bad-rows --partitions 4 &&
      { grep -q "SALIENCY_SPARK_FAIL_PARTITION: killed" "$work/$case.log" && echo "  partition 1 was killed and retried" ||
        { echo "  no task was killed"; false; }; } &&
      grep -q "4 staged beside DIR, 0 returned through Spark" "$work/$case.log" &&
      compare "$case" "$work/ref-bad" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    local-evaluate)
      # --limit 400 ends inside a partition; the later partitions hold no evaluated text.
      reference_evaluation "$work/ref-eval" "$bad" "${evaluation[@]}" --limit 400 &&
      spark "$work/$case.log" "local[2]" -- evaluate "$bad" --out "$work/$case" "${evaluation[@]}" --limit 400 --partitions 4 &&
      compare_evaluation "$case" "$work/ref-eval" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    cluster-evaluate-retry)
      start_cluster
      { [ -d "$work/ref-eval" ] || reference_evaluation "$work/ref-eval" "$bad" "${evaluation[@]}" --limit 400; } &&
      spark "$work/$case.log" "$master" --conf spark.executorEnv.SALIENCY_SPARK_FAIL_PARTITION=0 \
        --conf spark.executorEnv.PYSPARK_PYTHON="$venv/bin/python" -- \
        evaluate "$bad" --out "$work/$case" "${evaluation[@]}" --limit 400 --partitions 3 &&
      { grep -q "SALIENCY_SPARK_FAIL_PARTITION: killed" "$work/$case.log" && echo "  partition 0 was killed and retried" ||
        { echo "  no task was killed"; false; }; } &&
      compare_evaluation "$case" "$work/ref-eval" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    local-mixed)
      # No --model: every row is read by its script's default; a task is killed and retried.
      reference "$work/ref-mixed" "$mixed" --method trajectory,grad-input &&
      SALIENCY_SPARK_FAIL_PARTITION=1 spark "$work/$case.log" "local[2,2]" -- analyze "$mixed" --out "$work/$case" \
        --method trajectory,grad-input --partitions 5 &&
      { grep -q "SALIENCY_SPARK_FAIL_PARTITION: killed" "$work/$case.log" && echo "  partition 1 was killed and retried" ||
        { echo "  no task was killed"; false; }; } &&
      grep -q '"model_choice": "by-script"' "$work/$case/summary.json" &&
      compare "$case" "$work/ref-mixed" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    local-mixed-evaluate)
      reference_evaluation "$work/ref-mixed-eval" "$mixed" "${evaluation[@]:2}" --limit 500 &&
      spark "$work/$case.log" "local[2]" -- evaluate "$mixed" --out "$work/$case" "${evaluation[@]:2}" --limit 500 --partitions 4 &&
      grep -q '"model": "default-en + default-zh"' "$work/$case/results.json" &&
      compare_evaluation "$case" "$work/ref-mixed-eval" "$work/$case" || { echo "FAIL $case"; failures=$((failures + 1)); } ;;
    *) echo "FAIL unknown case $case"; failures=$((failures + 1)) ;;
  esac
done
echo "$failures case(s) failed"
exit "$failures"
