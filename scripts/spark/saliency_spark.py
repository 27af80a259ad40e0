#!/usr/bin/env python3
"""Run `saliency analyze` (or `saliency evaluate`) over a corpus on Apache Spark.

    spark-submit [spark options] scripts/spark/saliency_spark.py analyze|evaluate CORPUS --out DIR [options]

The same arguments and the same DIR as `saliency analyze` / `saliency evaluate`; CORPUS may be any path Spark
reads (file://, hdfs://, s3a://, ...). Job options (not passed to the binary):

  --saliency-binary PATH   the binary to ship (default: `saliency` on the driver's PATH)
  --rows-out PATH          also write the per-row results (examples.jsonl lines) as JSON-lines text files there,
                           with Spark's output committer (any Hadoop path)
  --partitions N           at least N partitions (default: Spark's split of the input)
  --spark-format FORMAT    how Spark reads CORPUS: tsv, csv, jsonl (line by line, parsed by the binary) or any
                           DataFrame source (parquet, orc, json, ...); default from CORPUS's extension
  --input-sha256 HEX       the sha256 to record for a corpus the driver cannot read as a local file

How the work is split and merged (exact, and safe under task retries):
  * A text corpus (TSV, CSV, JSONL) that is one uncompressed file on a local file system (a plain path or
    file://; Spark's own rule for such paths is that every executor sees the file there) is cut by the driver
    into byte ranges that end at line feeds, in the same pass that hashes it, counting the lines (LF, CRLF or a
    lone CR, as the binary does) before each range. Partition k's task reads its range from the file itself and
    pipes the bytes to `saliency analyze --input - --part k/N --line-offset ...` (after the header line, for
    TSV/CSV), which parses them exactly as a whole-file run would and numbers lines as in the whole file. Nothing
    of the corpus passes through the JVM. In local mode the ranges are one per core (at most LOCAL_SPLIT_BYTES),
    since every part is staged beside DIR; elsewhere at most SPLIT_BYTES.
  * Any other text corpus (hdfs://, s3a://, a directory, a glob, a compressed file) is read with `textFile`; a
    first cheap job counts each partition's lines, so that every partition knows the line number of its first
    line, and partition k feeds its lines to the binary in the same way.
  * Other sources (Parquet, ORC, ...) are read as DataFrames; each row goes to the binary as one JSON line
    ({label, text}), line numbers being 1-based row numbers, as in a JSON-lines export of the same rows.
  * Without --model each row is read by its script's default model (a Han character: default-zh, else
    default-en), as `saliency analyze` does: every part has both defaults as candidates, whatever rows it holds.
  * The binary writes a part directory (state.json with exact integer and fixed-point accumulators, or
    evaluation-part.json with every text's measures; examples.jsonl, rejected.tsv), a pure function of its
    partition. When the task sees the driver's staging directory (beside DIR: local mode, or a file system the
    executors share), the part is written there in a directory of the attempt's own and renamed to part-K once
    complete; the first attempt to finish wins, and a killed or late attempt changes nothing. Otherwise (or with
    --rows-out) the task returns the part's bytes as its result, and the driver writes them. Either way exactly
    one attempt's part per partition is merged: `saliency merge --move-parts` puts the parts back in order (row
    indices shifted by the rows before each part, examples.jsonl and rejected.tsv appended part after part; the
    first part's examples.jsonl becomes DIR's, without a copy) and writes the DIR of one run over the whole corpus.
  * Executors need nothing installed: the binary, every shared library `ldd` lists outside glibc (the Swift
    runtime, libopenblas, libgfortran, libquadmath, libstdc++, libgcc_s) and the model file are shipped with
    SparkContext.addFile and run with LD_LIBRARY_PATH set to their directory.

Testing hooks (scripts/spark/test-spark.sh): SALIENCY_SPARK_FAIL_PARTITION=k makes the first attempt of
partition k kill its binary half-way (SIGKILL) and fail, so Spark retries the task; SALIENCY_SPARK_NO_STAGING=1
makes every task return its part through Spark, as on executors that do not see the driver's file system;
SALIENCY_SPARK_TEXT_FILE=1 reads a local text corpus with `textFile`, as any other path.
"""

import hashlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

EMBEDDED_MODELS = ("default-zh", "default-en")
TEXT_FORMATS = {"tsv": "tsv", "tab": "tsv", "csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl"}
CHUNK_BYTES = 4 << 20
# A partition's results travel to the driver whole (toLocalIterator), about 25 times its input: text corpora are
# split into pieces of at most this many bytes, DataFrame sources into at most this many rows per partition.
SPLIT_BYTES = 4 << 20
SPLIT_ROWS = 50_000
# In local mode every part is staged beside DIR (nothing travels back through Spark): a local file is cut into one
# range per core, each at most this long (a retried task redoes at most this much).
LOCAL_SPLIT_BYTES = 256 << 20
# Bytes of a local file's range piped to the binary per write.
RANGE_BLOCK_BYTES = 1 << 20
# Lines handed to the binary per write.
FEED_LINES = 4096
# A partition that sees the driver's staging directory (beside DIR) leaves its part there and returns this name.
STAGING_TOKEN_FILE = ".saliency-spark-staging"
STAGED = ".staged"
# Options of the binary that take a value (so that the job can find CORPUS and its own options among them).
GLIBC_LIBRARIES = ("linux-vdso", "ld-linux", "libc.so", "libm.so", "libpthread.so", "libdl.so", "librt.so")


class UsageError(Exception):
    pass


def fail(message, code=1):
    print(f"saliency_spark: {message}", file=sys.stderr)
    sys.exit(code)


# ---------------------------------------------------------------------------------------------------------------
# Arguments


def take_option(args, name, flag=False):
    """Removes `name VALUE` / `name=VALUE` (or a flag) from args; returns the value (True for a flag), or None."""
    value = None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == name:
            if flag:
                value = True
                del args[index]
                continue
            if index + 1 >= len(args):
                raise UsageError(f"{name} needs a value")
            value = args[index + 1]
            del args[index:index + 2]
            continue
        if not flag and arg.startswith(name + "="):
            value = arg[len(name) + 1:]
            del args[index]
            continue
        index += 1
    return value


def peek_option(args, name):
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg[len(name) + 1:]
    return None


def parse_arguments(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0)
    command = argv[0]
    if command not in ("analyze", "evaluate"):
        raise UsageError(f"the first argument is analyze or evaluate, not '{command}'")
    args = list(argv[1:])
    job = {
        "command": command,
        "binary": take_option(args, "--saliency-binary"),
        "rows_out": take_option(args, "--rows-out"),
        "partitions": take_option(args, "--partitions"),
        "spark_format": take_option(args, "--spark-format"),
        "input_sha256": take_option(args, "--input-sha256"),
        "out": take_option(args, "--out"),
        "model": take_option(args, "--model"),
        "threads": take_option(args, "--threads"),
    }
    for forbidden in ("--input", "--shard", "--part", "--line-offset", "--input-name", "--model-path-as",
                      "--input-format", "--text-offset", "--count-texts"):
        if peek_option(args, forbidden) is not None or forbidden in args:
            raise UsageError(f"{forbidden} is set by the job; give CORPUS as the path Spark reads")
    if peek_option(args, "--format") not in (None, "dir"):
        raise UsageError("the job writes DIR (--out); for per-row results give --rows-out PATH")
    take_option(args, "--format")
    if job["out"] is None:
        raise UsageError("give the directory to write with --out DIR")
    if job["partitions"] is not None:
        try:
            job["partitions"] = int(job["partitions"])
            if job["partitions"] < 1:
                raise ValueError
        except ValueError:
            raise UsageError("--partitions must be a positive integer")
    # CORPUS: the first argument that is not an option or an option's value.
    corpus_index = None
    index = 0
    flags = {"--skip-bad-rows", "--no-sanity", "--normalize", "--force"}
    while index < len(args):
        arg = args[index]
        if arg == "--":
            corpus_index = index + 1 if index + 1 < len(args) else None
            if corpus_index is not None:
                del args[index]
                corpus_index = index
            break
        if arg.startswith("--"):
            if "=" in arg or arg in flags or index + 1 >= len(args) or args[index + 1].startswith("--"):
                index += 1
            else:
                index += 2
            continue
        corpus_index = index
        break
    if corpus_index is None:
        raise UsageError("give the corpus: saliency_spark.py analyze|evaluate CORPUS --out DIR [options]")
    job["corpus"] = args.pop(corpus_index)
    job["passthrough"] = args
    for name in ("--encoding",):
        value = peek_option(args, name)
        if value is not None and value.lower().replace("-", "") not in ("utf8",):
            raise UsageError("the Spark job reads UTF-8 only (Spark decodes text as UTF-8); convert the corpus first")
    return job


# ---------------------------------------------------------------------------------------------------------------
# The binary and what it needs


def resolve_binary(path):
    found = path or shutil.which("saliency")
    if not found:
        raise UsageError("no saliency binary: put one on PATH or give --saliency-binary PATH")
    found = os.path.abspath(found)
    if not (os.path.isfile(found) and os.access(found, os.X_OK)):
        raise UsageError(f"{found} is not an executable file")
    return found


def shared_libraries(binary):
    """The shared libraries the binary loads, except glibc's (executors have their own)."""
    try:
        output = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise UsageError(f"cannot list the libraries of {binary} with ldd: {error}")
    libraries = []
    for line in output.splitlines():
        parts = line.split("=>")
        if len(parts) != 2:
            continue
        name = parts[0].strip()
        target = parts[1].strip().split(" (")[0].strip()
        if target == "not found":
            raise UsageError(f"{binary} needs {name}, which is not found on the driver")
        if not target or any(name.startswith(prefix) for prefix in GLIBC_LIBRARIES):
            continue
        libraries.append((name, os.path.realpath(target)))
    return libraries


def ship_bundle(sc, binary, libraries, workdir):
    """Adds the binary and its libraries to SparkFiles, each under the name the binary asks for."""
    bundle = os.path.join(workdir, "bundle")
    os.makedirs(bundle)
    shipped = []
    for name, target in [("saliency", binary)] + libraries:
        try:  # a second name for the same file (no copy); a copy across file systems or where links are refused
            os.link(target, os.path.join(bundle, name))
        except OSError:
            shutil.copy2(target, os.path.join(bundle, name))
        shipped.append(name)
    for name in shipped:
        sc.addFile(os.path.join(bundle, name))
    return shipped


def input_size(sc, corpus):
    """The bytes under CORPUS (Hadoop FileSystem), or None when Spark's file system cannot tell (e.g. a glob)."""
    try:
        path = sc._jvm.org.apache.hadoop.fs.Path(corpus)
        return int(path.getFileSystem(sc._jsc.hadoopConfiguration()).getContentSummary(path).getLength())
    except Exception:  # noqa: BLE001 - only a hint for the partition count
        return None


def input_exists(sc, corpus):
    """Whether CORPUS names something (a glob matches something); True when the file system cannot tell."""
    try:
        path = sc._jvm.org.apache.hadoop.fs.Path(corpus)
        matches = path.getFileSystem(sc._jsc.hadoopConfiguration()).globStatus(path)
        return matches is not None and len(matches) > 0
    except Exception:  # noqa: BLE001 - let Spark's own reader report it
        return True


def sha256_of_local(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while True:
            block = handle.read(1 << 20)
            if not block:
                return digest.hexdigest()
            digest.update(block)


def local_path(corpus):
    if corpus.startswith("file://"):
        return corpus[len("file://"):]
    if "://" in corpus:
        return None
    return corpus


# ---------------------------------------------------------------------------------------------------------------
# Executor side


def executor_environment():
    from pyspark import SparkFiles

    root = SparkFiles.getRootDirectory()
    binary = SparkFiles.get("saliency")
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = root + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    return binary, env


def part_command(settings, index, binary, out, extra):
    from pyspark import SparkFiles

    first_line = settings["first_lines"][index] if settings["first_lines"] else None
    fmt = settings["format"]
    prepend_header = settings["header"] is not None and first_line is not None and first_line > 1
    if fmt in ("tsv", "csv"):
        offset = first_line - 2 if prepend_header else 0
    elif first_line is not None:
        offset = first_line - 1
    else:
        offset = settings["row_offsets"][index]
    model = settings["model"]
    if settings["model_shipped"]:
        model = SparkFiles.get(settings["model_shipped"])
    command = [binary, settings["command"]]
    command += ["-"] if settings["command"] == "evaluate" else ["--input", "-"]
    command += ["--part", f"{index}/{settings['partition_count']}", "--input-format", fmt,
                "--line-offset", str(offset), "--input-name", settings["input_name"],
                "--threads", str(settings["threads"]), "--out", out]
    if model is not None:
        command += ["--model", model]
    if settings["input_sha256"] and settings["command"] == "analyze":
        command += ["--input-sha256", settings["input_sha256"]]
    if settings["model_shipped"] and settings["command"] == "analyze":
        command += ["--model-path-as", settings["model"]]
    passthrough = list(settings["passthrough"])
    if settings.get("lexicon_shipped"):
        passthrough += ["--lexicon", SparkFiles.get(settings["lexicon_shipped"])]
    return command + extra + passthrough, prepend_header


def run_binary(settings, index, rows, extra, sabotage_allowed, out=None):
    """Runs the binary on one partition's rows, writing its part directory to `out` (default: inside a new
    private directory); returns (that private directory, the part directory, stdout bytes). The caller removes
    the private directory."""
    from pyspark import TaskContext

    binary, env = executor_environment()
    workdir = tempfile.mkdtemp(prefix=f"saliency-part{index}-")
    out = out or os.path.join(workdir, "part")
    command, prepend_header = part_command(settings, index, binary, out, extra)
    context = TaskContext.get()
    sabotage = (sabotage_allowed and os.environ.get("SALIENCY_SPARK_FAIL_PARTITION") == str(index)
                and context is not None and context.attemptNumber() == 0)
    stdout_path = os.path.join(workdir, "stdout")
    stderr_path = os.path.join(workdir, "stderr")
    with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=stdout, stderr=stderr, env=env, cwd=workdir)
        fed = 0
        try:
            if prepend_header:
                process.stdin.write(settings["header"] + b"\n")
            for block in input_blocks(settings, rows, sabotage):
                process.stdin.write(block)
                fed += len(block)
                if sabotage:
                    process.send_signal(signal.SIGKILL)
                    process.wait()
                    raise RuntimeError(f"SALIENCY_SPARK_FAIL_PARTITION: killed the binary of partition {index} "
                                       f"(attempt 0) after {fed} bytes")
            process.stdin.close()
        except BrokenPipeError:
            pass
        finally:
            if sabotage and process.poll() is None:
                process.kill()
        code = process.wait()
    if sabotage:
        raise RuntimeError(f"SALIENCY_SPARK_FAIL_PARTITION: failing partition {index} (attempt 0) after {fed} bytes")
    if code != 0:
        with open(stderr_path, "rb") as handle:
            message = handle.read().decode("utf-8", "replace").strip()
        raise RuntimeError(f"saliency {settings['command']} (partition {index} of {settings['partition_count']}) "
                           f"exited with {code}: {message[-4000:]}")
    with open(stdout_path, "rb") as handle:
        return workdir, out, handle.read()


def input_blocks(settings, rows, sabotage):
    """The bytes the binary reads on its standard input, in blocks: the partition's byte range of a local file
    (rows: one (start, end) pair), or its lines joined, FEED_LINES at a time. A sabotaged attempt gets a small
    first block (64 KiB or 200 lines), after which it is killed."""
    local = settings["local_file"]
    if local is None:
        rows = iter(rows)
        while True:
            block = list(itertools.islice(rows, 200 if sabotage else FEED_LINES))
            if not block:
                return
            yield ("\n".join(block) + "\n").encode("utf-8", "surrogatepass")
    for start, end in rows:
        try:
            handle = open(local["path"], "rb")
        except OSError as error:
            raise RuntimeError(f"{local['path']}: {error.strerror} on this executor; a file:// corpus must be at "
                               "the same path on every executor (or give an hdfs://, s3a://, ... path)")
        with handle:
            size = os.fstat(handle.fileno()).st_size
            if size != local["size"]:
                raise RuntimeError(f"{local['path']} has {size} bytes on this executor, {local['size']} on the "
                                   "driver: the corpus changed during the job, or executors see another file")
            handle.seek(start)
            left = end - start
            while left > 0:
                block = handle.read(min(left, 64 << 10 if sabotage else RANGE_BLOCK_BYTES))
                if not block:
                    raise RuntimeError(f"{local['path']} ended before byte {end}: the corpus changed during the job")
                left -= len(block)
                yield block


def count_texts(settings, index, rows):
    """evaluate's first pass: how many texts partition `index` holds (yields one (index, count))."""
    workdir, _, stdout = run_binary(settings, index, rows, ["--count-texts"], sabotage_allowed=False)
    shutil.rmtree(workdir, ignore_errors=True)
    yield (index, int(stdout.decode().strip()))


def sees_staging(settings):
    """Whether this task sees the driver's staging directory (local mode, or a file system the driver and the
    executors share): it holds a file with this job's token."""
    staging = settings.get("staging")
    if staging is None or os.environ.get("SALIENCY_SPARK_NO_STAGING") == "1":
        return False
    try:
        with open(os.path.join(staging, STAGING_TOKEN_FILE), encoding="utf-8") as handle:
            return handle.read() == settings["staging_token"]
    except OSError:
        return False


def staged_part(staging, index):
    return os.path.join(staging, f"part-{index:05d}")


def run_part(settings, index, rows):
    """Feeds one partition's rows to `saliency analyze|evaluate --part` and hands its part directory over.

    A task that sees the driver's staging directory has the binary write there, into a directory of its own
    attempt, renamed to part-K once complete: the first attempt to finish wins, any later one (the same bytes:
    a part is a pure function of its partition) is dropped, and a killed attempt leaves only its own directory,
    which the driver ignores. The task yields (STAGED, k, b""). Any other task yields the part's files as
    (file name, k, bytes) records: whole files, or chunks of whole lines of at most CHUNK_BYTES."""
    extra = []
    if settings["command"] == "evaluate":
        extra = ["--text-offset", str(settings["text_offsets"][index])]
    if sees_staging(settings):
        attempt = tempfile.mkdtemp(prefix=f"attempt-{index:05d}-", dir=settings["staging"])
        try:
            workdir, out, _ = run_binary(settings, index, rows, extra, sabotage_allowed=True,
                                         out=os.path.join(attempt, "part"))
            shutil.rmtree(workdir, ignore_errors=True)
            try:
                os.rename(out, staged_part(settings["staging"], index))
            except OSError:
                if not os.path.isdir(staged_part(settings["staging"], index)):
                    raise
        finally:
            shutil.rmtree(attempt, ignore_errors=True)
        yield (STAGED, index, b"")
        return
    workdir, out, _ = run_binary(settings, index, rows, extra, sabotage_allowed=True)
    try:
        for name in sorted(os.listdir(out)):
            if name.startswith("."):
                continue
            with open(os.path.join(out, name), "rb") as handle:
                pending = b""
                while True:
                    block = handle.read(CHUNK_BYTES)
                    if not block:
                        break
                    block = pending + block
                    cut = block.rfind(b"\n") + 1
                    if cut == 0:
                        pending = block
                        continue
                    pending = block[cut:]
                    yield (name, index, block[:cut])
                if pending:
                    yield (name, index, pending)
                yield (name, index, b"")  # the file exists even when empty
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def dataframe_rows(index, rows, columns):
    """A DataFrame row as the JSON line the binary reads ({label, text}, nulls left out)."""
    text_column, label_column = columns
    for row in rows:
        record = {}
        for name in (label_column, text_column):
            value = row[name]
            if value is not None:
                record[name] = value
        yield json.dumps(record, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------------------------
# Driver


def detect_format(corpus, override):
    if override:
        return override.lower()
    name = corpus.rstrip("/").rsplit("/", 1)[-1].lower()
    for suffix in (".gz", ".bz2"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension in TEXT_FORMATS:
        return TEXT_FORMATS[extension]
    if extension in ("parquet", "orc", "json", "avro"):
        return extension
    raise UsageError(f"cannot tell the format of {corpus} from its name; give --spark-format "
                     "(tsv, csv, jsonl, parquet, orc, json, ...)")


def local_text_file(sc, corpus):
    """The path of CORPUS when it is one uncompressed file on a local file system, which the tasks read
    themselves (see the module's docstring); None for any other corpus."""
    path = local_path(corpus)
    if path is None or os.environ.get("SALIENCY_SPARK_TEXT_FILE") == "1" or not os.path.isfile(path):
        return None
    if path.lower().endswith((".gz", ".bz2", ".deflate", ".lz4", ".snappy", ".zst")):
        return None
    try:  # a plain path is local only when Spark's default file system is
        hadoop_path = sc._jvm.org.apache.hadoop.fs.Path(corpus)
        if hadoop_path.getFileSystem(sc._jsc.hadoopConfiguration()).getUri().getScheme() != "file":
            return None
    except Exception:  # noqa: BLE001 - Spark cannot tell: read it the general way
        return None
    return os.path.abspath(path)


def plan_byte_ranges(path, partitions, header_wanted):
    """One pass over a local text file: its sha256, and `partitions` byte ranges that each end just after a line
    feed (or at the end of the file), with the number of the first line of each. Lines end at LF, CRLF or a lone
    CR, as the binary counts them; a cut is only ever made after an LF, so a CRLF is never split. Returns
    (sha256, size, [(start, end)], [first line], header line bytes without its ending or byte-order mark, or
    None when not wanted)."""
    size = os.path.getsize(path)
    targets = [size * k // partitions for k in range(1, partitions)]
    digest = hashlib.sha256()
    cuts, first_lines = [0], [1]
    lines = 0            # line ends seen before `position`
    last_was_cr = False  # the byte before `position` is a CR (a CRLF's LF does not end another line)
    position = 0
    header = None
    with open(path, "rb") as handle:
        while True:
            block = handle.read(RANGE_BLOCK_BYTES)
            if not block:
                break
            digest.update(block)
            start = 0
            while targets and targets[0] < position + len(block):
                # the first LF at or after byte target − 1: the cut falls just after it, at or after the target
                found = block.find(b"\n", max(start, targets[0] - 1 - position))
                if found < 0:
                    break
                lines += count_line_ends(block[start:found + 1], last_was_cr)
                last_was_cr = False
                start = found + 1
                cuts.append(position + start)
                first_lines.append(lines + 1)
                while targets and targets[0] <= cuts[-1]:
                    targets.pop(0)
            lines += count_line_ends(block[start:], last_was_cr)
            if len(block) > start:
                last_was_cr = block.endswith(b"\r")
            position += len(block)
    if header_wanted:
        with open(path, "rb") as handle:
            first = handle.readline()
        header = (first[3:] if first.startswith(b"\xef\xbb\xbf") else first).split(b"\r", 1)[0].rstrip(b"\n")
    if cuts[-1] == size and len(cuts) > 1:
        cuts.pop()
        first_lines.pop()
    ranges = list(zip(cuts, cuts[1:] + [size]))
    return digest.hexdigest(), size, ranges, first_lines, header


def count_line_ends(block, after_cr):
    """Line ends in `block` (LF, CRLF, lone CR), where `after_cr` says the byte before it was a CR."""
    ends = block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
    if after_cr and block.startswith(b"\n"):
        ends -= 1
    return ends


def read_records(spark, job, fmt, text_column, label_column, input_sha256):
    """The corpus as an RDD for the binary, and where each partition starts: (records, input format, header,
    first line per partition or None, row offset per partition or None, local file or None, input sha256)."""
    sc = spark.sparkContext
    corpus = job["corpus"]
    if not input_exists(sc, corpus):
        raise RuntimeError(f"{corpus}: no such file or directory")
    if fmt in ("tsv", "csv", "jsonl"):
        path = local_text_file(sc, corpus)
        if path is not None:
            staged_only = sc.master.startswith("local") and not job["rows_out"] \
                and os.environ.get("SALIENCY_SPARK_NO_STAGING") != "1"
            size = os.path.getsize(path)
            wanted = max(job["partitions"] or 0, sc.defaultParallelism,
                         -(-size // (LOCAL_SPLIT_BYTES if staged_only else SPLIT_BYTES)))
            sha256, size, ranges, first_lines, header = plan_byte_ranges(path, wanted, fmt in ("tsv", "csv"))
            records = sc.parallelize(ranges, len(ranges))
            return (records, fmt, header, first_lines, None, {"path": path, "size": size},
                    input_sha256 or sha256)
        wanted = job["partitions"] or sc.defaultMinPartitions
        size = input_size(sc, corpus)
        if size:
            wanted = max(wanted, -(-size // SPLIT_BYTES))
        lines = sc.textFile(corpus, minPartitions=wanted)
        counts = lines.mapPartitions(lambda rows: [sum(1 for _ in rows)]).collect()
        first_lines = []
        total = 0
        for count in counts:
            first_lines.append(total + 1)
            total += count
        header = (lines.take(1) or [""])[0].encode("utf-8", "surrogatepass") if fmt in ("tsv", "csv") else None
        return lines, fmt, header, first_lines, None, None, input_sha256
    frame = spark.read.format(fmt).load(corpus)
    missing = [name for name in (text_column, label_column) if name not in frame.columns]
    if missing:
        raise UsageError(f"{corpus} has no column {', '.join(missing)} (columns: {', '.join(frame.columns)}); "
                         "name them with --text-column / --label-column")
    columns = (text_column, label_column)
    records = frame.select(label_column, text_column).rdd.mapPartitionsWithIndex(
        lambda k, rows: dataframe_rows(k, rows, columns))
    counts = records.mapPartitions(lambda rows: [sum(1 for _ in rows)]).collect()
    total = sum(counts)
    wanted = max(job["partitions"] or 0, -(-total // SPLIT_ROWS))
    if records.getNumPartitions() < wanted or max(counts, default=0) > SPLIT_ROWS:
        # Spread the rows over more partitions without changing their order: number them, send row i to
        # partition ⌊i·N/total⌋, sort each partition by number.
        wanted = max(wanted, records.getNumPartitions())
        indexed = records.zipWithIndex().map(lambda pair: (pair[1], pair[0]))
        records = indexed.partitionBy(wanted, lambda i: min(wanted - 1, i * wanted // max(total, 1))) \
            .mapPartitions(lambda rows: (row for _, row in sorted(rows, key=lambda pair: pair[0])))
        counts = records.mapPartitions(lambda rows: [sum(1 for _ in rows)]).collect()
    offsets = []
    total = 0
    for count in counts:
        offsets.append(total)
        total += count
    return records, "jsonl", None, None, offsets, None, input_sha256


def phase(name, started=[time.monotonic()]):
    """With SALIENCY_SPARK_TIMINGS=1, prints the seconds since the previous phase on stderr."""
    now = time.monotonic()
    if os.environ.get("SALIENCY_SPARK_TIMINGS"):
        print(f"saliency_spark: {name}: {now - started[0]:.2f} s", file=sys.stderr)
    started[0] = now


def run_job(spark, job):
    from pyspark import StorageLevel

    sc = spark.sparkContext
    command = job["command"]
    binary = resolve_binary(job["binary"])
    corpus = job["corpus"]
    passthrough = job["passthrough"]
    text_column = peek_option(passthrough, "--text-column") or "text"
    label_column = peek_option(passthrough, "--label-column") or "label"
    fmt = detect_format(corpus, job["spark_format"])
    if command == "evaluate" and job["rows_out"]:
        raise UsageError("--rows-out goes with analyze (evaluate has no per-row results)")
    out = os.path.abspath(job["out"])
    if not os.path.isdir(os.path.dirname(out)):
        raise UsageError(f"{os.path.dirname(out)}: no such directory (--out DIR is written there)")
    workdir = tempfile.mkdtemp(prefix="saliency-spark-")
    # Beside DIR, so that on a file system the executors share the parts are written once, where DIR goes.
    staging = tempfile.mkdtemp(prefix=f".{os.path.basename(out)}.spark-parts-", dir=os.path.dirname(out))
    token = uuid.uuid4().hex
    with open(os.path.join(staging, STAGING_TOKEN_FILE), "w", encoding="utf-8") as handle:
        handle.write(token)
    try:
        ship_bundle(sc, binary, shared_libraries(binary), workdir)
        phase("shipped the binary and its libraries")
        model = job["model"]
        model_shipped = None
        if model is not None and model not in EMBEDDED_MODELS:
            if not os.path.isfile(model):
                raise UsageError(f"{model}: no such model file")
            model_shipped = os.path.basename(model)
            sc.addFile(os.path.abspath(model))
        lexicon_shipped = None
        lexicon = take_option(passthrough, "--lexicon") if command == "evaluate" else None
        if lexicon is not None:
            if not os.path.isfile(lexicon):
                raise UsageError(f"{lexicon}: no such lexicon file")
            lexicon_shipped = os.path.basename(lexicon)
            sc.addFile(os.path.abspath(lexicon))

        records, input_format, header, first_lines, row_offsets, local_file, input_sha256 = read_records(
            spark, job, fmt, text_column, label_column, job["input_sha256"])
        phase("planned the partitions" if local_file else "read and counted the partitions")
        path = local_path(corpus)
        if input_sha256 is None and path is not None and os.path.isfile(path):
            input_sha256 = sha256_of_local(path)
            phase("hashed the input")
        count = records.getNumPartitions()
        settings = {
            "command": command,
            "partition_count": count,
            "first_lines": first_lines,
            "row_offsets": row_offsets,
            "format": input_format,
            "header": header,
            "local_file": local_file,
            "input_name": corpus,
            "input_sha256": input_sha256,
            "model": model,
            "model_shipped": model_shipped,
            "lexicon_shipped": lexicon_shipped,
            "threads": job["threads"] or sc.getConf().get("spark.task.cpus", "1"),
            "passthrough": passthrough,
            # --rows-out reads the per-row results from the task results, so every part returns them.
            "staging": None if job["rows_out"] else staging,
            "staging_token": token,
        }
        if command == "evaluate":
            # First pass: the texts of each partition, so each part knows the index of its first text (the
            # seed of its random orders) and where --limit stops.
            texts = dict(records.mapPartitionsWithIndex(lambda k, rows: count_texts(settings, k, rows)).collect())
            offsets = []
            total = 0
            for index in range(count):
                offsets.append(total)
                total += texts[index]
            settings["text_offsets"] = offsets
        parts = records.mapPartitionsWithIndex(lambda k, rows: run_part(settings, k, rows))
        parts.persist(StorageLevel.DISK_ONLY)  # the results stay off the heap until the driver fetches them
        parts.count()  # every partition in parallel; the results are kept for the passes below
        phase("ran the binary on every partition")
        if job["rows_out"]:
            parts.filter(lambda record: record[0] == "examples.jsonl" and record[2]) \
                 .flatMap(lambda record: record[2].decode("utf-8").splitlines()) \
                 .saveAsTextFile(job["rows_out"])
        fetched = os.path.join(workdir, "parts")
        # One job tells which partitions left their part beside DIR; the others are fetched one at a time.
        staged = set(parts.filter(lambda record: record[0] == STAGED).map(lambda record: record[1]).collect())
        handles, returned = {}, set()

        def write_fetched(index, name, data):
            if "/" in name or name.startswith("."):
                raise RuntimeError(f"partition {index} returned a file named {name!r}")
            key = (index, name)
            if key not in handles:
                os.makedirs(os.path.join(fetched, f"part-{index:05d}"), exist_ok=True)
                handles[key] = open(os.path.join(fetched, f"part-{index:05d}", name), "wb")
            handles[key].write(data)

        try:
            for index in range(count):
                if index in staged:
                    continue
                for name, _, data in sc.runJob(parts, lambda records: records, [index]):
                    write_fetched(index, name, data)
                for key in [key for key in handles if key[0] == index]:
                    handles.pop(key).close()
                    returned.add(index)
        finally:
            for handle in handles.values():
                handle.close()
        parts.unpersist()
        phase("wrote the parts on the driver")
        # Each partition's one successful attempt either left its part in the staging directory or returned it.
        directories = [os.path.join(fetched, f"part-{k:05d}") if k in returned else staged_part(staging, k)
                       for k in range(count)]
        missing = [k for k in range(count) if k not in returned and not (k in staged and os.path.isdir(directories[k]))]
        if missing:
            raise RuntimeError(f"{len(missing)} partition(s) returned nothing (first: {missing[0]})")
        # The parts are the job's own: an analysis's examples.jsonl move into DIR rather than being copied.
        move = ["--move-parts"] if command == "analyze" else []
        merge = subprocess.run([binary, "merge", *move, *directories, "--out", job["out"]], capture_output=True, text=True)
        if merge.returncode != 0:
            raise RuntimeError(merge.stderr.strip() or f"saliency merge exited with {merge.returncode}")
        phase("merged")
        sys.stderr.write(merge.stderr)
        sys.stdout.write(merge.stdout)
        how = "byte ranges the tasks read from the file" if local_file else "read by Spark"
        print(f"{count} partition(s) of {corpus} ({how}): {count - len(returned)} staged beside DIR, "
              f"{len(returned)} returned through Spark; written to {job['out']}", file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def short_message(error):
    """The line that says what went wrong: a task's RuntimeError inside a Py4J trace, else the last line."""
    lines = [line.strip() for line in str(error).splitlines()
             if line.strip() and not line.strip().startswith(("at ", "..."))]
    for line in lines:
        if line.startswith("RuntimeError: "):
            return line[len("RuntimeError: "):]
    return lines[-1] if lines else type(error).__name__


def main(argv):
    try:
        job = parse_arguments(argv)
    except UsageError as error:
        fail(str(error), 64)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName(f"saliency {job['command']}").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    phase("started Spark")
    try:
        run_job(spark, job)
    except UsageError as error:
        fail(str(error), 64)
    except Exception as error:  # noqa: BLE001 - one clear line, not a Py4J trace
        fail(short_message(error))
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
