// Test helper (not a test): fake kind, kubectl, helm and docker binaries written to a
// temp dir, each appending "<tool> <args>" to calls.log, keeping the clusters kind
// "has" in a state file, and failing on purpose at call FAKE_FAIL_AT or when
// FAKE_DOCKER_DOWN is set. Only this dir is on PATH, so a missing fake is a missing tool.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToolRunner, type ToolRunner } from '../../src/targets/kind/exec.js';
import type { HttpCaller } from '../../src/targets/kind/execute.js';

const SCRIPT = `#!/bin/sh
# a fake of kind, kubectl, helm or docker (by the name it is called with)
tool=\${0##*/}
n=$(( $(/bin/cat "$FAKE_DIR/count" 2>/dev/null || echo 0) + 1 ))
echo $n > "$FAKE_DIR/count"
echo "$tool $*" >> "$FAKE_DIR/calls.log"
if [ "$tool" = kubectl ] && [ "$4" = "-f" ] && [ "$5" = "-" ]; then /bin/cat >> "$FAKE_DIR/stdin.log"; fi
if [ -n "$FAKE_FAIL_AT" ] && [ "$n" = "$FAKE_FAIL_AT" ]; then echo "fake $tool failed on purpose at call $n" >&2; exit 1; fi
name=""; prev=""
for a in "$@"; do [ "$prev" = "--name" ] && name=$a; prev=$a; done
case "$tool $1 $2" in
  "kind get clusters") /bin/cat "$FAKE_DIR/clusters" 2>/dev/null; exit 0;;
  "kind create cluster") echo "$name" >> "$FAKE_DIR/clusters"; exit 0;;
  "kind delete cluster")
    if [ -f "$FAKE_DIR/clusters" ]; then
      : > "$FAKE_DIR/clusters.new"
      while read -r c; do [ "$c" = "$name" ] || echo "$c" >> "$FAKE_DIR/clusters.new"; done < "$FAKE_DIR/clusters"
      /bin/mv "$FAKE_DIR/clusters.new" "$FAKE_DIR/clusters"
    fi
    exit 0;;
  "docker info"*)
    if [ -n "$FAKE_DOCKER_DOWN" ]; then echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1; fi
    echo 27.3.1; exit 0;;
  "docker inspect"*)
    case "$*" in *mw-south*) echo 172.18.0.2;; *mw-north*) echo 172.18.0.3;; *biz-south*) echo 172.18.0.4;; *) echo 172.18.0.5;; esac; exit 0;;
esac
exit 0
`;

export interface Fakes {
  readonly dir: string;
  readonly run: ToolRunner;
  readonly http: HttpCaller;
  calls(): string[];
  clusters(): string[];
  /** Fail the Nth call (binaries and HTTP counted together). */
  failAt(n: number | undefined): void;
  dockerDown(down: boolean): void;
  remove(tool: string): void;
  dispose(): void;
}

export function writeFakes(): Fakes {
  const dir = mkdtempSync(join(tmpdir(), 'region-lab-fakes-'));
  for (const t of ['kind', 'kubectl', 'helm', 'docker']) {
    writeFileSync(join(dir, t), SCRIPT);
    chmodSync(join(dir, t), 0o755);
  }
  const env: NodeJS.ProcessEnv = { PATH: dir, FAKE_DIR: dir };
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean) : []);
  const http: HttpCaller = async (req) => {
    const n = Number(read('count')[0] ?? 0) + 1;
    writeFileSync(join(dir, 'count'), `${n}\n`);
    writeFileSync(join(dir, 'calls.log'), `http ${req.method} ${req.url}\n`, { flag: 'a' });
    return env.FAKE_FAIL_AT === String(n) ? 500 : 200;
  };
  return {
    dir,
    run: createToolRunner({ env }),
    http,
    calls: () => read('calls.log'),
    clusters: () => read('clusters'),
    failAt: (n) => (n === undefined ? delete env.FAKE_FAIL_AT : (env.FAKE_FAIL_AT = String(n))),
    dockerDown: (down) => (down ? (env.FAKE_DOCKER_DOWN = '1') : delete env.FAKE_DOCKER_DOWN),
    remove: (tool) => rmSync(join(dir, tool)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
