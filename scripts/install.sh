#!/usr/bin/env bash
# Installs what the local target needs, once: pinned versions, cached outside the
# repository (REGION_LAB_CACHE, default ~/.cache/region-lab), idempotent. A binary
# named by an environment variable, or already on PATH, is used instead of a build.
# Writes $CACHE/tools.json, which region-lab reads to find each tool. Envoy comes
# from scripts/install-envoy.sh (REGION_LAB_ENVOY overrides; REGION_LAB_DATA_PLANE=model
# skips it).
# Exit 2 names the missing toolchain.
set -euo pipefail

TOXIPROXY_VERSION=2.12.0
K6_VERSION=1.8.1          # k6 v2 is not served by the Go module proxy here; v1.8.1 is the last v1
NACOS_VERSION=2.5.0
HERE=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${REGION_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/region-lab}
mkdir -p "$CACHE/bin" "$CACHE/lib" "$CACHE/stamps"

say() { printf '==> %s\n' "$*" >&2; }
missing() { # what, how to install
  printf 'error: missing prerequisite: %s\nhint: %s\n' "$1" "$2" >&2
  exit 2
}
need() { command -v "$1" >/dev/null 2>&1 || missing "$1" "$2"; }

# --- Toxiproxy -------------------------------------------------------------
toxiproxy=${REGION_LAB_TOXIPROXY:-$(command -v toxiproxy-server || true)}
if [ -z "$toxiproxy" ]; then
  toxiproxy="$CACHE/bin/toxiproxy-server-$TOXIPROXY_VERSION"
  if [ ! -x "$toxiproxy" ]; then
    need go "install Go 1.23 or newer (https://go.dev/dl/), or set REGION_LAB_TOXIPROXY to a toxiproxy-server binary"
    say "building toxiproxy-server v$TOXIPROXY_VERSION with go install (first run only, ~30 s)"
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    CGO_ENABLED=0 GOBIN="$tmp" GOFLAGS=-trimpath go install \
      -ldflags "-s -w -X github.com/Shopify/toxiproxy/v2.Version=$TOXIPROXY_VERSION" \
      "github.com/Shopify/toxiproxy/v2/cmd/server@v$TOXIPROXY_VERSION"
    mv "$tmp/server" "$toxiproxy"
  fi
fi

# --- k6 --------------------------------------------------------------------
k6=${REGION_LAB_K6:-$(command -v k6 || true)}
if [ -z "$k6" ]; then
  k6="$CACHE/bin/k6-$K6_VERSION"
  if [ ! -x "$k6" ]; then
    need go "install Go 1.23 or newer (https://go.dev/dl/), or set REGION_LAB_K6 to a k6 binary"
    say "building k6 v$K6_VERSION with go install (first run only, 1-5 min on 2 cores)"
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    CGO_ENABLED=0 GOBIN="$tmp" GOFLAGS=-trimpath go install -ldflags "-s -w" "go.k6.io/k6@v$K6_VERSION"
    mv "$tmp/k6" "$k6"
  fi
fi

# --- HAProxy (Debian's package) ----------------------------------------------
haproxy=${REGION_LAB_HAPROXY:-$(command -v haproxy || true)}
if [ -z "$haproxy" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing haproxy from Debian's packages (first run only)"
    stamp="$CACHE/stamps/apt-updated"
    [ -f "$stamp" ] && [ -n "$(find "$stamp" -mmin -1440 2>/dev/null)" ] || { apt-get update -qq >&2 && touch "$stamp"; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
    haproxy=$(command -v haproxy)
  else
    missing haproxy "install HAProxy 2.4 or newer (apt-get install haproxy, brew install haproxy), or set REGION_LAB_HAPROXY"
  fi
fi

# --- Envoy, the gateway's data plane (absent: the model is the data plane) ------
envoy_line=$(bash "$HERE/scripts/install-envoy.sh")
envoy_json=""
if [ -n "$envoy_line" ]; then
  envoy_json=$(printf ',\n  "envoy": { "path": "%s", "version": "%s" }' "${envoy_line%%$'\t'*}" "${envoy_line#*$'\t'}")
fi

# --- nftables (Debian's package; optional) -------------------------------------
# Black-hole faults drop packets in the kernel (a real black hole: connects hang).
# Without nft, or without root to add rules, runs fall back to Toxiproxy's
# approximation and say so; nothing else needs it, so this step never fails.
nft=${REGION_LAB_NFT:-$(PATH="$PATH:/usr/sbin:/sbin" command -v nft || true)}
if [ -z "$nft" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing nftables from Debian's packages (first run only; kernel-level black holes)"
    stamp="$CACHE/stamps/apt-updated"
    [ -f "$stamp" ] && [ -n "$(find "$stamp" -mmin -1440 2>/dev/null)" ] || { apt-get update -qq >&2 && touch "$stamp"; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nftables >/dev/null || say "nftables could not be installed: black holes will use the Toxiproxy approximation"
  else
    say "nft not found and not root: black-hole faults will use the Toxiproxy approximation (connections accepted then silent); apt-get install nftables and run as root for kernel drops"
  fi
fi

# --- The loopback bind shim (see tools/nacos/loopback-bind.c) ----------------------
shim="$CACHE/lib/libloopback-bind-1.so"
if [ ! -f "$shim" ]; then
  need cc "install a C compiler (apt-get install gcc): region-lab builds a 40-line shim that keeps Nacos on loopback"
  say "building the loopback bind shim for Nacos"
  cc -shared -fPIC -O2 -o "$shim.tmp" "$HERE/tools/nacos/loopback-bind.c" -ldl
  mv "$shim.tmp" "$shim"
fi

# --- Nacos server 2.5.0 from Maven Central ----------------------------------
NACOS_RECIPE=2  # bump when the assembly steps below change, so an old cache is not reused
nacos="$CACHE/nacos-$NACOS_VERSION-$( (echo "$NACOS_RECIPE"; cat "$HERE/tools/nacos/pom.xml" "$HERE"/tools/nacos/src/main/java/com/alibaba/nacos/*.java) | sha256sum | cut -c1-12)"
if [ ! -f "$nacos/classpath.txt" ]; then
  need java "install a Java 17 runtime (apt-get install openjdk-17-jdk-headless)"
  need mvn "install Maven 3.8 or newer (apt-get install maven)"
  say "assembling Nacos $NACOS_VERSION from Maven Central (first run only, ~1-3 min)"
  build=$(mktemp -d); trap 'rm -rf "$build"' EXIT
  cp -r "$HERE/tools/nacos/pom.xml" "$HERE/tools/nacos/src" "$build/"
  (cd "$build" && mvn -B -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime -DskipTests >&2)
  rm -rf "$nacos.tmp"; mkdir -p "$nacos.tmp/lib"
  cp -r "$build/target/classes" "$nacos.tmp/classes"
  # keep Maven's resolution order: Nacos needs caucho hessian ahead of sofa's fork
  cp_out="$nacos/classes"
  while IFS= read -r jar || [ -n "$jar" ]; do  # the file has no final newline
    cp "$jar" "$nacos.tmp/lib/"
    cp_out="$cp_out:$nacos/lib/$(basename "$jar")"
  done < <(tr ':' '\n' < "$build/target/classpath.txt")
  printf '%s\n' "$cp_out" > "$nacos.tmp/classpath.txt"
  rm -rf "$nacos"; mv "$nacos.tmp" "$nacos"
fi
java=${REGION_LAB_JAVA:-$(command -v java || true)}
[ -n "$java" ] || missing java "install a Java 17 runtime (apt-get install openjdk-17-jdk-headless)"

version() { "$@" 2>&1 | head -n 1 | tr -d '"\\' ; }
cat > "$CACHE/tools.json.tmp" <<JSON
{
  "toxiproxy": { "path": "$toxiproxy", "version": "$(version "$toxiproxy" -version)" },
  "k6": { "path": "$k6", "version": "$(version "$k6" version)" },
  "haproxy": { "path": "$haproxy", "version": "$(version "$haproxy" -v)" },
  "java": { "path": "$java", "version": "$(version "$java" -version)" },
  "nacos": { "home": "$nacos", "version": "$NACOS_VERSION", "mainClass": "com.alibaba.nacos.RegionLabNacos" },
  "bindShim": { "path": "$shim" }$envoy_json
}
JSON
mv "$CACHE/tools.json.tmp" "$CACHE/tools.json"
say "tools ready ($CACHE/tools.json)"
