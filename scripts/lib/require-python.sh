# Sourced by the fetch scripts: require_python NAME ARGS… checks for python3 ≥ 3.8 and, unless ARGS ask for
# --offline or --help, for `python3 -m pip`; on failure it names NAME, says what to install and exits 1.
require_python() {
  local name="$1"
  shift
  if ! command -v python3 >/dev/null 2>&1; then
    echo "$name: python3 not found (Debian: apt-get install python3 python3-pip)" >&2
    exit 1
  fi
  if ! python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)'; then
    echo "$name: python3 >= 3.8 required, found $(python3 -V 2>&1)" >&2
    exit 1
  fi
  local offline=0 arg
  for arg in "$@"; do
    case "$arg" in --offline|-h|--help) offline=1 ;; esac
  done
  if [ "$offline" -eq 0 ] && ! python3 -m pip --version >/dev/null 2>&1; then
    echo "$name: 'python3 -m pip' is not available (Debian: apt-get install python3-pip)" >&2
    exit 1
  fi
}
