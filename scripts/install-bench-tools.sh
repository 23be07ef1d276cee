#!/usr/bin/env bash
# Installs what `make bench` compares the gateway model with: nginx from Debian's
# packages, when it is missing. Idempotent; needs root (or sudo) and apt-get.
set -euo pipefail

if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  echo "nginx: $(/usr/sbin/nginx -v 2>&1 || nginx -v 2>&1)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "nginx is missing and apt-get is not available: install nginx with your package manager" >&2
  exit 3
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else echo "installing nginx needs root (or sudo)" >&2; exit 3; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# nginx-light would do, but Debian 12 ships only nginx / nginx-core; no service is started here
$SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null
# Debian's postinst may start the packaged service on :80; the bench runs its own instances
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then $SUDO systemctl stop nginx || true; fi
echo "nginx: $(/usr/sbin/nginx -v 2>&1)"
