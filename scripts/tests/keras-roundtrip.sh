#!/usr/bin/env bash
# Opt-in test of scripts/convert-keras.py: builds small Keras models with random weights (LSTM, GRU,
# Bidirectional, stacked), saves them as Keras 3 `.keras` and as `.h5` (genuine Keras 2 files through tf_keras
# when TensorFlow installs), converts each, and checks Keras's own `predict` against
#   (a) the converted weights run by float64 PyTorch modules (nn.LSTM / nn.GRU), and
#   (b) `saliency score --model M.safetensors --token-ids … --format json` of the binary,
# all to 1e-5. An architecture the binary refuses is reported as SKIP with the binary's message.
#
# Usage: scripts/tests/keras-roundtrip.sh [--binary PATH] [--setup-only] [--keep DIR]
#   --binary PATH  the saliency binary (default .build/release/saliency, else .build/debug/saliency)
#   --setup-only   create the venv and stop
#   --keep DIR     write the Keras models and converted files to DIR (default: a temporary directory)
# The venv scripts/.cache/keras-venv (gitignored) holds keras 3 (torch backend, using the torch of
# scripts/.cache/peer-venv, made by scripts/bench/setup-peer-venv.sh), h5py, safetensors, and
# tensorflow-cpu + tf_keras for the Keras 2 files. Exit 0 when every check passed (SKIPs allowed), 1 otherwise.
set -euo pipefail

say() { printf '[keras-roundtrip] %s\n' "$*" >&2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/scripts/.cache/keras-venv"
py="$venv/bin/python"

KERAS_VERSION=3.15.1
TENSORFLOW_VERSION=2.21.0   # tensorflow-cpu and tf-keras, for genuine Keras 2 h5 files

binary=""
setup_only=0
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
        --setup-only) setup_only=1; shift ;;
        --keep) keep="${2:?--keep needs a directory}"; shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 0 ;;
        *) say "unknown option: $1 (see --help)"; exit 64 ;;
    esac
done

export PIP_DISABLE_PIP_VERSION_CHECK=1
if [ ! -x "$py" ] || ! "$py" -c "import keras, h5py, safetensors, torch" 2>/dev/null; then
    say "setting up $venv"
    peer_py="$(bash "$repo/scripts/bench/setup-peer-venv.sh")"
    python_bin="${PYTHON:-python3}"
    [ -x "$py" ] || "$python_bin" -m venv "$venv"
    # torch comes from the peer venv (4 GB; not installed twice): its site-packages go on this venv's path.
    peer_site="$("$peer_py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    own_site="$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    echo "$peer_site" > "$own_site/peer-venv-torch.pth"
    "$py" -m pip install --quiet "keras==$KERAS_VERSION" h5py safetensors numpy 1>&2
    if ! "$py" -m pip install --quiet "tensorflow-cpu==$TENSORFLOW_VERSION" "tf-keras==$TENSORFLOW_VERSION" 1>&2; then
        say "tensorflow-cpu/tf_keras did not install: the Keras 2 h5 cases will be skipped"
    fi
fi
if [ "$setup_only" = 1 ]; then
    "$py" -c "import keras, torch; print('keras', keras.__version__, 'torch', torch.__version__)" >&2
    exit 0
fi

if [ -z "$binary" ]; then
    for candidate in "$repo/.build/release/saliency" "$repo/.build/debug/saliency"; do
        if [ -x "$candidate" ]; then binary="$candidate"; break; fi
    done
fi
[ -n "$binary" ] && [ -x "$binary" ] || { say "no saliency binary: build one (swift build -c release) or pass --binary PATH"; exit 1; }

args=(--binary "$binary" --converter "$repo/scripts/convert-keras.py")
[ -n "$keep" ] && args+=(--keep "$keep")
TF_CPP_MIN_LOG_LEVEL=3 KERAS_BACKEND=torch exec "$py" "$here/keras_roundtrip.py" "${args[@]}"
