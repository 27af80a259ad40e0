#!/usr/bin/env python3
"""How well `saliency train` generalises on corpora it was not tuned on, beside a careful PyTorch user's LSTM
of the same size and the naive Bayes bigram baseline. Opt-in (not CI); run it through train-quality.sh.

  python scripts/bench/train_quality.py [--corpus NAME=DIR[+DIR…]]… [--systems a,b,…]
      [--candidate NAME=FLAGS]… [--train-rows N] [--binary B] [--threads 1] [--json OUT.json]

Each corpus is a directory with train.tsv, dev.tsv and test.tsv (`label<TAB>text`); NAME=DIR1+DIR2 concatenates
the splits of several directories. Default corpora: en/restaurants+laptops, zh/weibo and en/amazon from
data/domains (no recipe value of the default models was chosen on them alone). --train-rows N (default 10,000)
trains on the first N rows of a longer train.tsv (Amazon's 35,552 rows would take hours on 2 shared cores);
dev and test are always whole. Systems:

  saliency-old    `saliency train` with the defaults it had before this comparison, passed explicitly:
                  E 64, H 128, batch 64, lr 2e-3, dropout 0.2, word dropout 0, 8 epochs, patience 2
  saliency        `saliency train` with no hyper-parameter flag: whatever the built binary's defaults are
  saliency-tune   `saliency train --tune` (the documented grid on dev)
  pytorch         a careful PyTorch user's LSTM of the same size: nn.Embedding(V, 64, padding_idx=0) →
                  nn.LSTM(64, 128) over packed sequences → dropout 0.5 on h_n → nn.Linear(128, K); Adam lr 1e-3,
                  batch 64, shuffled every epoch, gradient norm clipped to 5, at most 20 epochs, early stopping on
                  dev accuracy with patience 3, the best epoch's weights restored for the test
  naive-bayes     scripts/naive_bayes_baseline.py (multinomial naive Bayes on unigrams + bigrams)

plus one `saliency train` run per --candidate NAME='--dropout 0.5 --learning-rate 0.001' (flags added to the
command line). Every `saliency` run also gets --seed 0 and --threads.

Tokenisation of the PyTorch LSTM: exactly the tool's. The script reads the token ids of every row from
`saliency explain --format jsonl` with the model the first saliency system trained on the same train.tsv
(the vocabulary depends only on the tokenizer, --min-count 2 and --max-vocabulary 20,000, which every system
shares), so both LSTMs see the same ids, the same `<unk>` and the same vocabulary of the same size. Rows with no
token are left out of every split, as `saliency train` leaves them out.

Prints a Markdown table (dev accuracy: what a choice of defaults may look at; test accuracy and macro-F1;
best epoch / epochs run; wall time) to stdout, progress to stderr. Wall times are of single-threaded runs on
a shared machine: compare them only roughly.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
sys.path.insert(0, str(REPO_ROOT / "scripts"))

import naive_bayes_baseline as nb  # noqa: E402

DEFAULT_CORPORA = [
    "restaurants+laptops=data/domains/en/restaurants+data/domains/en/laptops",
    "weibo=data/domains/zh/weibo",
    "amazon=data/domains/en/amazon",
]
SIZE_FLAGS = ["--embedding-size", "64", "--hidden-size", "128", "--batch-size", "64", "--min-count", "2",
              "--max-vocabulary", "20000"]
OLD_DEFAULT_FLAGS = ["--learning-rate", "0.002", "--dropout", "0.2", "--word-dropout", "0", "--epochs", "8",
                     "--patience", "2", "--clip-norm", "5"]
SPLITS = ("train", "dev", "test")

EPOCH_LINE = re.compile(r"^epoch (\d+)/\d+: loss \S+\s+dev accuracy (\S+)")  # not --tune's "trial i/n epoch …"
SUMMARY = re.compile(r"best epoch (\d+): dev accuracy (\S+) macro-F1 (\S+) .*; test accuracy (\S+) macro-F1 (\S+)")


class BenchError(Exception):
    pass


def say(message: str) -> None:
    print(f"[train-quality] {message}", file=sys.stderr, flush=True)


# ---- corpora --------------------------------------------------------------------------------------------------

def prepare_corpus(spec: str, work: Path, train_rows: int) -> Tuple[str, Path]:
    """NAME=DIR[+DIR…] → (NAME, a directory with train/dev/test.tsv); several DIRs are concatenated, and a
    train.tsv longer than train_rows is cut to its first train_rows rows."""
    name, _, dirs = spec.partition("=")
    if not name or not dirs:
        raise BenchError(f"--corpus {spec!r}: expected NAME=DIR or NAME=DIR1+DIR2")
    sources = [REPO_ROOT / d if not Path(d).is_absolute() else Path(d) for d in dirs.split("+")]
    for source in sources:
        for split in SPLITS:
            if not (source / f"{split}.tsv").exists():
                raise BenchError(f"{source / split}.tsv is missing (run scripts/fetch-data.sh)")
    splits = {split: [row for source in sources for row in nb.read_tsv(source / f"{split}.tsv")] for split in SPLITS}
    if len(sources) == 1 and len(splits["train"]) <= train_rows:
        return name, sources[0]
    if len(splits["train"]) > train_rows:
        say(f"{name}: training on the first {train_rows:,} of {len(splits['train']):,} rows (--train-rows)")
        splits["train"] = splits["train"][:train_rows]
    target = work / re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    target.mkdir(parents=True, exist_ok=True)
    for split, rows in splits.items():
        lines = [f"{label}\t{text}" for label, text in rows]
        (target / f"{split}.tsv").write_text(nb.HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return name, target


# ---- saliency train -------------------------------------------------------------------------------------------

def run_saliency(binary: Path, corpus: Path, flags: Sequence[str], out: Path, threads: int) -> Dict[str, object]:
    command = [str(binary), "train", str(corpus / "train.tsv"), "--dev", str(corpus / "dev.tsv"),
               "--test", str(corpus / "test.tsv"), "--out", str(out), "--seed", "0", "--threads", str(threads),
               *flags]
    say("$ " + shlex.join(command))
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    if result.returncode != 0:
        raise BenchError(f"saliency train failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    history = [float(m.group(2)) for m in map(EPOCH_LINE.match, result.stderr.splitlines()) if m]
    summary = SUMMARY.search(result.stdout)
    if not summary:
        raise BenchError(f"cannot read the figures of saliency train from: {result.stdout!r}")
    best_epoch, dev_acc, _, test_acc, test_f1 = summary.groups()
    tuned = re.search(r"tuned on dev: ([^;]+);", result.stdout)
    return {"dev_accuracy": float(dev_acc), "test_accuracy": float(test_acc), "test_macro_f1": float(test_f1),
            "best_epoch": int(best_epoch), "epochs_run": len(history) or None, "dev_history": history,
            "seconds": round(seconds, 1), "flags": list(flags), **({"tuned": tuned.group(1)} if tuned else {})}


def token_ids(binary: Path, model: Path, tsv: Path, threads: int) -> Tuple[List[List[int]], List[str]]:
    """The tool's token ids of every row of tsv, by `saliency explain --format jsonl`, with the gold labels."""
    rows = nb.read_tsv(tsv)
    command = [str(binary), "explain", "--input", str(tsv), "--format", "jsonl", "--method", "gradient",
               "--model", str(model), "--threads", str(threads)]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise BenchError(f"saliency explain on {tsv} failed: {result.stderr.strip()[-2000:]}")
    records = [json.loads(line) for line in result.stdout.splitlines() if line]
    if len(records) != len(rows):
        raise BenchError(f"{tsv}: {len(rows)} rows but {len(records)} explanations")
    return [[token["id"] for token in record["tokens"]] for record in records], [label for label, _ in rows]


# ---- the PyTorch user's LSTM ----------------------------------------------------------------------------------

def run_pytorch(ids: Dict[str, Tuple[List[List[int]], List[str]]], vocabulary_size: int, threads: int,
                seed: int = 0, max_epochs: int = 20, patience: int = 3) -> Dict[str, object]:
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    labels = sorted(set(ids["train"][1]))
    index = {label: i for i, label in enumerate(labels)}

    def tensors(split: str):
        sequences, gold = ids[split]
        kept = [(s, index[g]) for s, g in zip(sequences, gold) if s]  # rows with no token are left out
        return [torch.tensor(s, dtype=torch.long) for s, _ in kept], torch.tensor([g for _, g in kept])

    class LSTMClassifier(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embedding = nn.Embedding(vocabulary_size, 64, padding_idx=0)
            self.lstm = nn.LSTM(64, 128, batch_first=True)
            self.dropout = nn.Dropout(0.5)
            self.fc = nn.Linear(128, len(labels))

        def forward(self, batch: List["torch.Tensor"]) -> "torch.Tensor":
            lengths = torch.tensor([len(s) for s in batch])
            packed = pack_padded_sequence(self.embedding(pad_sequence(batch, batch_first=True)), lengths,
                                          batch_first=True, enforce_sorted=False)
            _, (h_n, _) = self.lstm(packed)
            return self.fc(self.dropout(h_n[-1]))

    def predict(model: nn.Module, sequences: List["torch.Tensor"]) -> List[int]:
        model.eval()
        with torch.no_grad():
            return [p for i in range(0, len(sequences), 256)
                    for p in model(sequences[i:i + 256]).argmax(dim=1).tolist()]

    def figures(model: nn.Module, split: str) -> Dict[str, float]:
        sequences, gold = tensors(split)
        predicted = predict(model, sequences)
        return nb.metrics([labels[g] for g in gold.tolist()], [labels[p] for p in predicted])

    start = time.monotonic()
    train_x, train_y = tensors("train")
    model = LSTMClassifier()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = nn.CrossEntropyLoss()
    shuffler = torch.Generator().manual_seed(seed)
    best_accuracy, best_epoch, best_state, history = -1.0, 0, None, []
    for epoch in range(1, max_epochs + 1):
        model.train()
        for batch in torch.randperm(len(train_x), generator=shuffler).split(64):
            optimizer.zero_grad()
            loss = loss_function(model([train_x[i] for i in batch.tolist()]), train_y[batch])
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
        accuracy = figures(model, "dev")["accuracy"]
        history.append(round(accuracy, 4))
        say(f"pytorch epoch {epoch}: dev accuracy {accuracy:.4f}")
        if accuracy > best_accuracy:
            best_accuracy, best_epoch = accuracy, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        elif epoch - best_epoch >= patience:
            break
    model.load_state_dict(best_state)
    test = figures(model, "test")
    return {"dev_accuracy": best_accuracy, "test_accuracy": test["accuracy"], "test_macro_f1": test["macro_f1"],
            "best_epoch": best_epoch, "epochs_run": len(history), "dev_history": history,
            "seconds": round(time.monotonic() - start, 1)}


# ---- naive Bayes ----------------------------------------------------------------------------------------------

def run_naive_bayes(corpus: Path) -> Dict[str, object]:
    start = time.monotonic()
    dev = nb.run(corpus, "dev", 1.0, "auto")
    test = nb.run(corpus, "test", 1.0, "auto")
    return {"dev_accuracy": dev["accuracy"], "test_accuracy": test["accuracy"], "test_macro_f1": test["macro_f1"],
            "best_epoch": None, "epochs_run": None, "seconds": round(time.monotonic() - start, 1)}


# ---- table ----------------------------------------------------------------------------------------------------

def markdown(results: Dict[str, Dict[str, Dict[str, object]]]) -> str:
    lines = ["| corpus | system | dev accuracy | test accuracy | test macro-F1 | best epoch / run | wall s |",
             "|---|---|---|---|---|---|---|"]
    for corpus, systems in results.items():
        for system, r in systems.items():
            epochs = "–" if r["best_epoch"] is None else f"{r['best_epoch']} / {r['epochs_run'] or 'per trial'}"
            lines.append(f"| {corpus} | {system} | {r['dev_accuracy']:.3f} | {r['test_accuracy']:.3f} | "
                         f"{r['test_macro_f1']:.3f} | {epochs} | {r['seconds']:.0f} |")
    return "\n".join(lines) + "\n"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="saliency train against a PyTorch LSTM and naive Bayes.")
    parser.add_argument("--corpus", action="append", help="NAME=DIR or NAME=DIR1+DIR2 (repeatable)")
    parser.add_argument("--systems", default="saliency-old,saliency,pytorch,naive-bayes",
                        help="comma-separated: saliency-old, saliency, saliency-tune, pytorch, naive-bayes")
    parser.add_argument("--candidate", action="append", default=[],
                        help="NAME='saliency train flags' (repeatable): another saliency run")
    parser.add_argument("--train-rows", type=int, default=10_000, help="train on at most the first N rows")
    parser.add_argument("--binary", type=Path, default=REPO_ROOT / ".build" / "release" / "saliency")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write every figure (and per-epoch dev accuracy) here")
    args = parser.parse_args(argv)
    systems = [s for s in args.systems.split(",") if s]
    known = {"saliency-old", "saliency", "saliency-tune", "pytorch", "naive-bayes"}
    if unknown := [s for s in systems if s not in known]:
        parser.error(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(sorted(known))}")
    candidates: List[Tuple[str, List[str]]] = []
    for spec in args.candidate:
        name, _, flags = spec.partition("=")
        if not name or not flags:
            parser.error(f"--candidate {spec!r}: expected NAME='--flag value …'")
        candidates.append((name, shlex.split(flags)))
    saliency_runs = [(s, {"saliency-old": SIZE_FLAGS + OLD_DEFAULT_FLAGS, "saliency": SIZE_FLAGS,
                          "saliency-tune": SIZE_FLAGS + ["--tune"]}[s])
                     for s in systems if s.startswith("saliency")]
    saliency_runs += [(name, SIZE_FLAGS + flags) for name, flags in candidates]
    if "pytorch" in systems and not saliency_runs:
        parser.error("the pytorch system takes its token ids from a saliency model: add a saliency system")
    if not args.binary.exists():
        parser.error(f"{args.binary} does not exist: build it (swift build -c release)")

    results: Dict[str, Dict[str, Dict[str, object]]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="train-quality-") as scratch:
            work = Path(scratch)
            for spec in args.corpus or DEFAULT_CORPORA:
                name, corpus = prepare_corpus(spec, work, args.train_rows)
                say(f"== {name} ({corpus})")
                results[name] = {}
                first_model: Optional[Path] = None
                for system, flags in saliency_runs:
                    model = work / f"{len(results)}-{system}.safetensors"
                    results[name][system] = run_saliency(args.binary, corpus, flags, model, args.threads)
                    say(f"{system}: {json.dumps(results[name][system])}")
                    first_model = first_model or model
                if "pytorch" in systems:
                    ids = {split: token_ids(args.binary, first_model, corpus / f"{split}.tsv", args.threads)
                           for split in SPLITS}
                    info = subprocess.run([str(args.binary), "info", "--model", str(first_model), "--format", "json"],
                                          stdout=subprocess.PIPE, text=True, check=True)
                    vocabulary_size = json.loads(info.stdout)["vocabulary_size"]
                    results[name]["pytorch"] = run_pytorch(ids, vocabulary_size, args.threads)
                    say(f"pytorch: {json.dumps(results[name]['pytorch'])}")
                if "naive-bayes" in systems:
                    results[name]["naive-bayes"] = run_naive_bayes(corpus)
    except (BenchError, nb.DataError, OSError, subprocess.CalledProcessError) as error:
        print(f"train_quality: {error}", file=sys.stderr)
        return 1
    if args.json:
        record = {"machine": f"{platform.machine()} {os.cpu_count()} cores", "threads": args.threads,
                  "results": results}
        args.json.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
