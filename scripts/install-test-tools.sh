#!/usr/bin/env bash
# Installs what the tests need beyond scripts/install.sh, from Debian, only when missing
# and we are root with apt (otherwise says so and exits 0, and the tests that need them
# fail or skip naming this script):
# - openssl: the TLS tests make a throw-away CA and certificates with it;
# - chromium at /usr/bin/chromium, driven by playwright-core (which downloads no browser)
#   for the report's browser tests; REGION_LAB_CHROMIUM names another binary instead.
set -euo pipefail

say() { printf '==> %s\n' "$*" >&2; }

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  # an old package list may name versions the mirror no longer has: update once and retry
  apt-get install -y --no-install-recommends "$@" >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "$@" >/dev/null; }
}

if ! command -v openssl >/dev/null 2>&1; then
  if can_apt; then
    say "installing openssl with apt-get (the TLS tests' certificates)"
    apt_install openssl
  else
    say "openssl is missing and installing it needs root and apt-get: sudo apt-get install -y openssl"
  fi
fi

chromium=${REGION_LAB_CHROMIUM:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
  exit 0
fi
if ! can_apt; then
  say "skipping: $chromium is missing and installing it needs root and apt-get;"
  say "the browser tests (test/integration/report-*.test.ts) will be skipped."
  say "install it with: sudo apt-get install -y chromium"
  exit 0
fi
say "installing chromium with apt-get (first run only, ~1 min)"
apt_install chromium
say "$("$chromium" --version 2>/dev/null || echo 'chromium installed')"
