// Pins the installer's promise for a machine without a toolchain: it stops at once
// with exit code 2 and names what to install, and it writes nothing half-done.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cache = mkdtempSync(join(tmpdir(), 'rl-install-test-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('scripts/install.sh', () => {
  it('GIVEN no go on PATH and no prebuilt Toxiproxy WHEN it runs THEN it exits 2 naming go and how to get it', () => {
    // /usr/bin and /bin hold bash and coreutils but not Go (in /usr/local/go/bin)
    const r = spawnSync('bash', ['scripts/install.sh'], { env: { PATH: '/usr/bin:/bin', HOME: cache, REGION_LAB_CACHE: cache }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing prerequisite: go/);
    expect(r.stderr).toMatch(/install Go 1\.23 or newer.*REGION_LAB_TOXIPROXY/);
    expect(existsSync(join(cache, 'tools.json'))).toBe(false);
  });
});
