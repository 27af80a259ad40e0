#!/usr/bin/env bash
# The explorer in a real browser (opt-in, not part of CI): builds the release binary, analyses the committed
# sample samples/en-tweets/test.tsv, starts `saliency serve --analysis` on a free loopback port, and drives
# Debian's /usr/bin/chromium with Playwright (from PyPI, in scripts/.cache/browser-venv; no browser download)
# through scripts/browser_test.py: type a sentence, edit a word, switch the class, open the corpus view, click
# a confusion cell, open an example. It fails on any console error or failed request, and writes
# screenshots to docs/screenshots/*.png.
#
#   scripts/browser-test.sh            # SALIENCY=path/to/saliency skips the build
#
# Messages and build output go to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/scripts/.cache/browser-venv"
browser="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$browser" ]; then
  echo "browser-test: no Chromium at $browser; apt-get install chromium (or set CHROMIUM=path)" >&2
  exit 1
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import playwright" 2>/dev/null; then
  echo "browser-test: installing playwright into $venv" >&2
  python3 -m venv "$venv" 1>&2
  "$venv/bin/pip" install --quiet playwright 1>&2
fi
binary="${SALIENCY:-}"
if [ -z "$binary" ]; then
  (cd "$root" && swift build -c release --product saliency 1>&2)
  binary="$root/.build/release/saliency"
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" analyze "$root/samples/en-tweets/test.tsv" --out "$work/en-tweets" --method occlusion,grad-input \
  --min-count 3 --threads 1 1>&2
"$binary" serve --port 0 --workers 1 --analysis "$work/en-tweets" >"$work/url" 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 300); do
  [ -s "$work/url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
url="$(head -n 1 "$work/url")"
[ -n "$url" ] || { echo "browser-test: the server printed no URL" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "browser-test: $url" >&2
"$venv/bin/python" "$root/scripts/browser_test.py" --url "$url" --browser "$browser" --screenshots "$root/docs/screenshots"
