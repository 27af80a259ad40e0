#!/usr/bin/env bash
# Creates the virtual env for scripts/bench/peer.py at scripts/.cache/peer-venv (gitignored):
# torch 2.15.0 and captum 0.9.0 from PyPI, for CPU use.
#
# PyPI's Linux x86_64 torch wheel is the CUDA build: libtorch_cpu.so, libtorch_cuda.so and
# libtorch_python.so are linked against the CUDA runtime libraries, so `import torch` fails without
# them even on a machine with no GPU, and PyPI has no CPU-only torch 2.15.0. The default install
# (torch + captum + safetensors with all dependencies) is 5.5 GB on disk, 1 GB of it triton. This
# script installs torch with --no-deps, its pure-Python dependencies, and only the NVIDIA runtime
# wheels that the dynamic loader needs to load torch (no triton, cuda-bindings, cuda-toolkit
# meta-package, cusolver, nvtx or cccl): 4.2 GB, of which torch 1.2 GB and NVIDIA libraries 2.8 GB.
# No GPU code ever runs: torch.cuda.is_available() is False.
#
# Usage: scripts/bench/setup-peer-venv.sh [--with-sklearn] [--full] [--force]
#   --with-sklearn  also install scikit-learn (Captum's KernelShap needs it; peer.py kernel-shap)
#   --full          plain `pip install torch==2.15.0` with all of its declared dependencies instead
#   --force         reinstall even if the env already checks out
# Environment: PYTHON (default python3, must be >= 3.11).
# Idempotent: an env that already imports the pinned versions is left as it is.
# Progress goes to stderr; on success the venv's python path is printed on stdout.
set -euo pipefail

say() { printf '[setup-peer-venv] %s\n' "$*" >&2; }

with_sklearn=0
full=0
force=0
for arg in "$@"; do
    case "$arg" in
        --with-sklearn) with_sklearn=1 ;;
        --full) full=1 ;;
        --force) force=1 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 0 ;;
        *) say "unknown option: $arg"; exit 64 ;;
    esac
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/scripts/.cache/peer-venv"
py="$venv/bin/python"

TORCH_VERSION=2.15.0
CAPTUM_VERSION=0.9.0
# Exactly the versions torch 2.15.0's metadata pins (directly or through cuda-toolkit 13.2.2).
NVIDIA_RUNTIME=(
    nvidia-cuda-runtime==13.2.86   # libcudart.so.13   (libtorch_cpu, libtorch_python, global deps)
    nvidia-cuda-cupti==13.2.86     # libcupti.so.13    (libtorch_cpu: profiler)
    nvidia-cuda-nvrtc==13.2.86     # libnvrtc.so.13    (libtorch_cuda)
    nvidia-cublas==13.4.1.3        # libcublas(Lt).so.13
    nvidia-cufft==12.2.0.57        # libcufft.so.12
    nvidia-cufile==1.17.1.22       # libcufile.so.0    (libtorch_python, libtorch_cuda)
    nvidia-cusparse==12.7.10.12    # libcusparse.so.12
    nvidia-nvjitlink==13.5.37      # libnvJitLink.so.13 (cusparse, cufft)
    nvidia-cudnn-cu13==9.26.0.51   # libcudnn.so.9     (libtorch_python, libtorch_cuda)
    nvidia-cusparselt-cu13==0.8.1  # libcusparseLt.so.0
    nvidia-nccl-cu13==2.30.7       # libnccl.so.2
    nvidia-nvshmem-cu13==3.7.2     # libnvshmem_host.so.3 (libtorch_nvshmem)
)
# torch's own pure-Python requirements (from its metadata), and captum's.
TORCH_PURE_DEPS=(filelock "typing-extensions>=4.13.0" "setuptools>=77.0.3" "sympy>=1.13.3"
                 "networkx>=2.5.1" jinja2 "fsspec>=0.8.5")
CAPTUM_DEPS=(numpy packaging tqdm matplotlib)   # `import captum` imports matplotlib

# PyPI only: don't let a local wheel folder (PIP_FIND_LINKS or a pip.conf find-links) stand in.
# pip ignores an empty setting, so point find-links at an empty directory instead.
no_links="$(mktemp -d)"
trap 'rmdir "$no_links" 2>/dev/null || true' EXIT
export PIP_FIND_LINKS="$no_links"
export PIP_DISABLE_PIP_VERSION_CHECK=1

check_env() {
    [ -x "$py" ] || return 1
    local want_sklearn="$with_sklearn"
    "$py" - "$TORCH_VERSION" "$CAPTUM_VERSION" "$want_sklearn" <<'EOF'
import sys
torch_version, captum_version, want_sklearn = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
import torch, captum, numpy
import captum.attr  # noqa: F401
assert torch.__version__.split("+")[0] == torch_version, torch.__version__
assert captum.__version__ == captum_version, captum.__version__
if want_sklearn:
    import sklearn  # noqa: F401
# A tiny LSTM forward and backward on the CPU.
torch.manual_seed(0)
lstm = torch.nn.LSTM(4, 3, batch_first=True)
out, _ = lstm(torch.randn(2, 5, 4))
out.sum().backward()
assert lstm.weight_ih_l0.grad is not None
print(f"torch {torch.__version__} (cuda available: {torch.cuda.is_available()}), "
      f"captum {captum.__version__}, numpy {numpy.__version__}")
EOF
}

if [ "$force" = 0 ] && summary="$(check_env 2>/dev/null)"; then
    say "$summary"
    say "already set up: $venv ($(du -sh "$venv" | cut -f1))"
    echo "$py"
    exit 0
fi

python_bin="${PYTHON:-python3}"
if ! "$python_bin" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    say "$python_bin is older than 3.11; torch $TORCH_VERSION needs Python >= 3.11 (set PYTHON=...)"
    exit 1
fi

if [ "$force" = 1 ] && [ -d "$venv" ]; then
    say "removing $venv"
    rm -rf "$venv"
fi
if [ ! -x "$py" ]; then
    say "creating $venv with $("$python_bin" --version 2>&1)"
    mkdir -p "$(dirname "$venv")"
    "$python_bin" -m venv "$venv"
fi

pip() { "$py" -m pip "$@" 1>&2; }

say "upgrading pip"
pip install --quiet --upgrade pip

if [ "$full" = 1 ]; then
    say "installing torch==$TORCH_VERSION with all its declared dependencies (large)"
    pip install "torch==$TORCH_VERSION"
else
    say "installing torch==$TORCH_VERSION (--no-deps; the wheel alone is ~540 MB)"
    pip install --no-deps "torch==$TORCH_VERSION"
    say "installing the NVIDIA runtime libraries torch's shared objects are linked against (--no-deps)"
    pip install --no-deps "${NVIDIA_RUNTIME[@]}"
    say "installing torch's pure-Python dependencies"
    pip install "${TORCH_PURE_DEPS[@]}"
    say "(pip's complaints that torch requires triton, cuda-bindings and cuda-toolkit are expected:" \
        "they are left out on purpose)"
fi

say "installing captum==$CAPTUM_VERSION (--no-deps) and its light dependencies"
pip install --no-deps "captum==$CAPTUM_VERSION"
pip install "${CAPTUM_DEPS[@]}"
say "installing safetensors (optional; peer.py has a stdlib reader too)"
pip install safetensors || say "safetensors not available; peer.py will use its own reader"
if [ "$with_sklearn" = 1 ]; then
    say "installing scikit-learn (for Captum's KernelShap)"
    pip install scikit-learn
fi

say "checking the env"
if ! summary="$(check_env)"; then
    say "the env does not import torch $TORCH_VERSION and captum $CAPTUM_VERSION; see the errors above"
    exit 1
fi
say "$summary"
"$py" -m pip freeze > "$venv/peer-freeze.txt" 2>/dev/null || true
say "done: $venv ($(du -sh "$venv" | cut -f1)); package list in $venv/peer-freeze.txt"
echo "$py"
