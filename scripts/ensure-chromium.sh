#!/usr/bin/env bash
# Prints the path of a Chromium for Playwright: $CHROMIUM_PATH, Debian's chromium, or
# Playwright's own browser. Installs Debian's chromium when none is found and we can (root
# with apt-get); otherwise stops with a one-line instruction. Logs go to stderr.
set -euo pipefail

found() { printf '%s\n' "$1"; exit 0; }

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && found "$CHROMIUM_PATH"
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  [ -x "$candidate" ] && found "$candidate"
done
bundled="$(node -e "try{const p=require('playwright-core').chromium.executablePath();if(require('fs').existsSync(p))console.log(p)}catch{}" 2>/dev/null || true)"
[ -n "$bundled" ] && found "$bundled"

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found: installing Debian's chromium with apt-get..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  [ -x /usr/bin/chromium ] && found /usr/bin/chromium
fi
echo "No Chromium found: install one (Debian: 'sudo apt-get install chromium') or set CHROMIUM_PATH." >&2
exit 1
