#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium at /usr/bin/chromium, driven
# by playwright-core (which downloads no browser). Only when it is missing and we are
# root with apt; otherwise says so and exits 0, and the browser tests skip with a
# message naming this script. REGION_LAB_CHROMIUM names another binary to use instead.
set -euo pipefail

say() { printf '==> %s\n' "$*" >&2; }

chromium=${REGION_LAB_CHROMIUM:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  say "skipping: $chromium is missing and installing it needs root and apt-get;"
  say "the browser tests (test/integration/report-*.test.ts) will be skipped."
  say "install it with: sudo apt-get install -y chromium"
  exit 0
fi
say "installing chromium with apt-get (first run only, ~1 min)"
export DEBIAN_FRONTEND=noninteractive
# an old package list may name versions the mirror no longer has: update once and retry
apt-get install -y --no-install-recommends chromium >/dev/null \
  || { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }
say "$("$chromium" --version 2>/dev/null || echo 'chromium installed')"
