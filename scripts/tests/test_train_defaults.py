"""scripts/train-defaults.sh --leave-one-out-only on a stand-in tree: which groups it trains, and where rows go.

The tree has the real train-defaults.sh, loo_groups.py and loo_rows.py; swift, install-deps.sh, the saliency
binary and domain_eval.py are stand-ins that log their calls and write fixed figures, so no model is trained.

Run: python3 -m unittest discover -s scripts/tests
"""

import json
import os
import shutil
import stat
import subprocess
import tempfile
import unittest
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent

LISTING = {"kinds": ["social", "restaurants"], "sources": ["restaurants", "tweets"]}
LEFT_OUT = {"social": ["tweets", "sentiment140"], "restaurants": ["restaurants"], "tweets": ["tweets"]}

FAKE_BINARY = """#!/usr/bin/env bash
# train MIX --dev DEV --out OUT … --seed N: log the mixture and the last --seed, write OUT
[ "$1" = train ] || exit 2
mix=$2 out= seed=
while [ $# -gt 0 ]; do case "$1" in --out) out=$2; shift ;; --seed) seed=$2; shift ;; esac; shift; done
echo "train $(basename "$(dirname "$mix")") seed $seed" >> "$CALLS"
echo model > "$out"
"""

FAKE_DOMAIN_EVAL = """#!/usr/bin/env python3
import json, sys
args = sys.argv[1:]
only = args[args.index("--only") + 1].split(",")
row = {"rows": 10, "model": {"accuracy": 0.8, "macro_f1": 0.8, "balanced_accuracy": 0.8},
       "naive_bayes": {"accuracy": 0.7, "macro_f1": 0.7, "balanced_accuracy": 0.7}}
open(args[args.index("--json") + 1], "w").write(json.dumps({d: row for d in only}))
"""


def executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


class LeaveOneOutRunTest(unittest.TestCase):
    def setUp(self):
        self.root = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.root)
        scripts = self.root / "scripts"
        scripts.mkdir()
        for name in ("train-defaults.sh", "loo_groups.py", "loo_rows.py", "fetch_corpora.py"):
            shutil.copy(SCRIPTS / name, scripts / name)
        executable(scripts / "install-deps.sh", "#!/usr/bin/env bash\n")
        executable(scripts / "domain_eval.py", FAKE_DOMAIN_EVAL)
        binary = self.root / ".build" / "release" / "saliency"
        binary.parent.mkdir(parents=True)
        executable(binary, FAKE_BINARY)
        bin_dir = self.root / "bin"
        bin_dir.mkdir()
        executable(bin_dir / "swift", "#!/usr/bin/env bash\n")
        mix = self.root / "data" / "mix"
        mix.mkdir(parents=True)
        (mix / "en-leave-out.json").write_text(json.dumps(LISTING), encoding="utf-8")
        for group, domains in LEFT_OUT.items():
            folder = mix / f"en-without-{group}"
            folder.mkdir()
            (folder / "left_out.json").write_text(json.dumps(domains), encoding="utf-8")
            (folder / "train.tsv").write_text(f"label\ttext\npositive\twithout {group}\n", encoding="utf-8")
        self.calls = self.root / "calls.log"
        self.calls.write_text("", encoding="utf-8")

    def run_script(self, **env):
        environment = dict(os.environ, PATH=f"{self.root / 'bin'}:{os.environ['PATH']}", CALLS=str(self.calls), **env)
        for name in ("LOO_TABLES", "LOO_GROUPS", "LOO_OUT", "LOO_SEEDS", "LOO_EPOCHS", "ENCODER_FLAGS"):
            if name not in env:
                environment.pop(name, None)
        return subprocess.run(["bash", str(self.root / "scripts" / "train-defaults.sh"), "en", "--leave-one-out-only"],
                              env=environment, capture_output=True, text=True)

    def rows(self, name):
        return json.loads((self.root / "reports" / "training" / name).read_text(encoding="utf-8"))

    def test_each_table_gets_its_file_and_a_shared_group_is_trained_once(self):
        result = self.run_script(LOO_SEEDS="1 2")
        self.assertEqual(result.returncode, 0, result.stderr)
        trained = self.calls.read_text(encoding="utf-8").splitlines()
        self.assertEqual(sorted(trained), sorted(f"train en-without-{g} seed {s}"
                                                 for g in ("social", "restaurants", "tweets") for s in (1, 2)))
        kinds, sources = self.rows("en-leave-one-out.json"), self.rows("en-leave-one-source-out.json")
        self.assertEqual(sorted(kinds), ["restaurants", "sentiment140", "tweets"])
        self.assertEqual(sorted(sources), ["restaurants", "tweets"])
        self.assertEqual(list(sources["restaurants"]["seeds"]), ["1", "2"])
        self.assertNotEqual(kinds["tweets"]["train_sha256"], sources["tweets"]["train_sha256"])

    def test_tables_and_groups_choose_what_is_trained(self):
        result = self.run_script(LOO_TABLES="sources", LOO_GROUPS="tweets")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.calls.read_text(encoding="utf-8").splitlines(), ["train en-without-tweets seed 1"])
        self.assertFalse((self.root / "reports" / "training" / "en-leave-one-out.json").exists())
        self.assertEqual(list(self.rows("en-leave-one-source-out.json")), ["tweets"])

    def test_wrong_choices_stop_before_training(self):
        for env, message in [({"LOO_GROUPS": "tweet"}, "no group tweet"),
                             ({"LOO_TABLES": "kinds", "LOO_GROUPS": "tweets"}, "no table among kinds"),
                             ({"LOO_TABLES": "groups"}, "no table groups"),
                             ({"LOO_OUT": str(self.root / "x.json")}, "LOO_OUT names one file")]:
            with self.subTest(env=env):
                result = self.run_script(**env)
                self.assertEqual(result.returncode, 64, result.stderr)
                self.assertIn(message, result.stderr)
                self.assertEqual(self.calls.read_text(encoding="utf-8"), "")

    def test_loo_out_takes_the_rows_of_the_one_table_run(self):
        out = self.root / "experiment.json"
        result = self.run_script(LOO_TABLES="kinds", LOO_OUT=str(out))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(json.loads(out.read_text(encoding="utf-8"))),
                         ["restaurants", "sentiment140", "tweets"])
        self.assertEqual(list((self.root / "reports" / "training").glob("*.json")), [])


if __name__ == "__main__":
    unittest.main()
