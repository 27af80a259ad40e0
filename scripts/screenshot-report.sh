#!/usr/bin/env bash
# Renders an HTML report to a PNG with headless Chromium, to look at the page as a reader would.
# Opt-in (not part of CI): installs Debian's `chromium` and `fonts-noto-cjk` with apt-get when missing
# (needs root or sudo).
#
#   scripts/screenshot-report.sh [REPORT.html [OUT.png [WIDTH [HEIGHT]]]]
#
# Defaults: reports/example.html → reports/example.png, 1280 × 2400 CSS pixels (the page is cut at HEIGHT).
# Set COLOR_SCHEME=dark to render the dark colour scheme. Messages go to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
input="${1:-$root/reports/example.html}"
output="${2:-$root/reports/example.png}"
width="${3:-1280}"
height="${4:-2400}"

if [ ! -f "$input" ]; then
  echo "screenshot-report: no report at $input; run scripts/make-example-report.sh first" >&2
  exit 1
fi

find_browser() {
  command -v chromium || command -v chromium-browser || command -v google-chrome || true
}

browser="$(find_browser)"
missing=()
[ -n "$browser" ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "screenshot-report: need ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "screenshot-report: installing ${missing[*]}" >&2
  $sudo apt-get update 1>&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}" 1>&2
  browser="$(find_browser)"
fi

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
       --force-device-scale-factor=1 --window-size="$width,$height" --screenshot="$output")
if [ "${COLOR_SCHEME:-light}" = "dark" ]; then
  flags+=(--force-dark-mode --blink-settings=preferredColorScheme=0)
fi
mkdir -p "$(dirname "$output")"
"$browser" "${flags[@]}" "file://$(cd "$(dirname "$input")" && pwd)/$(basename "$input")" 1>&2
echo "screenshot-report: wrote $output" >&2
