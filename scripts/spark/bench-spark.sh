#!/usr/bin/env bash
# Throughput of the Spark job against the bare binary, back to back on the same corpus and cores (opt-in).
#
#   bash scripts/spark/bench-spark.sh [--rows 100000] [--partitions "2 16"] [--method grad-input] [--repeats 1]
#
# Makes a synthetic corpus of --rows rows from data/zh-reviews/train.tsv (scripts/bench/synthetic_corpus.py,
# cached in scripts/.cache), then per repeat: `saliency analyze` with --threads 2, and the Spark job on local[2]
# (two tasks of one thread) once per partition count. Prints wall seconds, rows/s, the Spark run's share of the
# bare binary's rows/s, checks that each Spark DIR equals the bare run's (byte for byte), and estimates the cost
# of one partition from the two partition counts: (wall(P2) − wall(P1)) / (P2 − P1) × cores. First it times an
# empty PySpark job on the same master: the fixed cost no Spark job avoids.
# Nothing runs under nice: it is a measurement, so run it while nothing else of yours runs. Needs pyspark
# (scripts/spark/test-spark.sh installs it).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
rows=100000
partitions="2 16"
method=grad-input
repeats=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --partitions) partitions="$2"; shift 2 ;;
    --method) method="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
venv="$root/scripts/.cache/spark-venv"
[ -x "$venv/bin/spark-submit" ] || { echo "no pyspark in $venv: run scripts/spark/test-spark.sh first" >&2; exit 1; }
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python" SPARK_LOCAL_IP=127.0.0.1
bin="${SALIENCY_BIN:-$root/.build/release/saliency}"
[ -x "$bin" ] || { echo "no binary at $bin (swift build -c release)" >&2; exit 1; }

corpus="$root/scripts/.cache/synthetic-$rows.tsv"
if [ ! -f "$corpus" ]; then
  python3 scripts/bench/synthetic_corpus.py --rows "$rows" data/zh-reviews/train.tsv > "$corpus.tmp"
  mv "$corpus.tmp" "$corpus"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/saliency-spark-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
seconds() { date +%s.%N; }
echo "corpus: $rows rows, $(stat -L -c %s "$corpus") bytes; method $method; $(nproc) cores; $(date -u +%FT%TZ)"
# The floor any PySpark job pays on this machine: spark-submit, a session, one job of two tiny tasks, stop.
cat > "$work/empty_job.py" <<'EOF'
from pyspark.sql import SparkSession
spark = SparkSession.builder.appName("empty").getOrCreate()
spark.sparkContext.parallelize(range(2), 2).map(lambda x: x).collect()
spark.stop()
EOF
start=$(seconds)
"$venv/bin/spark-submit" --master "local[2]" --driver-memory 2g "$work/empty_job.py" > "$work/empty.log" 2>&1 ||
  { echo "the empty Spark job failed: $(tail -3 "$work/empty.log")"; exit 1; }
echo "an empty Spark job (start, one job of two tiny tasks, stop): $(echo "$(seconds) - $start" | bc) s"
for repeat in $(seq "$repeats"); do
  rm -rf "$work/bare"
  start=$(seconds)
  "$bin" analyze "$corpus" --model default-zh --method "$method" --threads 2 --out "$work/bare" > /dev/null
  bare=$(echo "$(seconds) - $start" | bc)
  echo "repeat $repeat: bare binary: ${bare} s, $(echo "$rows / $bare" | bc) rows/s"
  declare -A walls=()
  for p in $partitions; do
    rm -rf "$work/spark$p"
    start=$(seconds)
    SALIENCY_SPARK_TIMINGS=1 "$venv/bin/spark-submit" --master "local[2]" --driver-memory 2g scripts/spark/saliency_spark.py analyze "$corpus" \
      --model default-zh --method "$method" --partitions "$p" --saliency-binary "$bin" --out "$work/spark$p" \
      > "$work/spark$p.log" 2>&1 || { cp "$work/spark$p.log" "$root/scripts/.cache/bench-spark-failed.log"
        echo "spark run failed: $(grep -v '^\s*at ' "$work/spark$p.log" | tail -5)"
        echo "(log: scripts/.cache/bench-spark-failed.log)"; exit 1; }
    grep '^saliency_spark: ' "$work/spark$p.log" | sed 's/^/  /' || true
    wall=$(echo "$(seconds) - $start" | bc)
    walls[$p]=$wall
    same=$(diff -rq "$work/bare" "$work/spark$p" > /dev/null && echo "identical DIR" || echo "DIR DIFFERS")
    echo "repeat $repeat: spark local[2], $p partitions: ${wall} s, $(echo "$rows / $wall" | bc) rows/s," \
      "$(echo "scale=1; 100 * $bare / $wall" | bc)% of the bare binary; $same"
    rm -rf "$work/spark$p"
  done
  set -- $partitions
  if [ $# -ge 2 ]; then
    first=$1; last=${!#}
    echo "repeat $repeat: per partition: $(echo "scale=3; (${walls[$last]} - ${walls[$first]}) / ($last - $first) * 2" | bc) core-seconds" \
      "(from $first and $last partitions)"
  fi
  unset walls
done
