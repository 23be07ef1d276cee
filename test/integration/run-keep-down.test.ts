// `run --keep` then `region-lab down`, as a user works by hand: check writes the catalog
// set's suite (--dry-run), its steady scenario runs for 15 s (--set) and the topology
// stays up (the entry still answers, from the right region), and `down` ends it: no
// process, state dir or listener of it is left. Check's own addresses (127.0.90–91.x).
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { baseline, leftovers, listeners } from '../support/leftovers.js';

const out = mkdtempSync(join(tmpdir(), 'rl-it-keep-'));
afterAll(async () => {
  await runCli(['down']); // whatever happened above, nothing of this test stays up
  rmSync(out, { recursive: true, force: true });
});

describe('run --keep, then down', () => {
  it('GIVEN a generated scenario WHEN run with --keep THEN the topology serves after the run, and down stops all of it', async () => {
    const before = await baseline();
    const gen = await runCli(['check', 'test/fixtures/check/catalog-locality-dr', '--dry-run', '--out', out]);
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stdout).toMatch(/^dry run: nothing started/m);
    const scenario = join(out, 'scenarios', 'catalog-locality-dr-hz-pricing-steady.yaml');

    const run = await runCli(['run', scenario, '--keep', '--set', 'load.duration=15s', '--set', 'expectations[0].window.to=15s', '--set', 'expectations[1].window.to=15s']);
    expect([0, 1], run.stderr.slice(-3000)).toContain(run.code);
    expect(run.stdout).toMatch(/^kept catalog-locality-dr up \(\d+ processes; logs keep going to /m);
    expect(run.stdout).toMatch(/^ {2}hz: entry http:\/\/127\.0\.90\.1:18090 /m);
    expect(run.stdout).toMatch(/^stop it with: region-lab down$/m);
    expect(run.stderr).not.toMatch(/==> tearing down/);

    // the CLI has exited; the topology it left still routes, with locality (pod label region=hz)
    // (node:http: fetch will not send a Host header of its own)
    const res = await new Promise<{ status: number; region: unknown }>((resolve, reject) =>
      get({ host: '127.0.90.1', port: 18090, path: '/pricing', headers: { host: 'catalog.example.net' }, timeout: 5000 }, (r) => {
        r.resume();
        resolve({ status: r.statusCode ?? 0, region: r.headers['x-served-region'] });
      }).on('error', reject),
    );
    expect(res.status).toBe(200);
    expect(res.region).toBe('hz');
    expect(listeners().has('127.0.90.1:18090')).toBe(true);
    expect((await leftovers(before)).stateDirs).toHaveLength(1);

    const down = await runCli(['down']);
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(/^stopped gw-hz-1 \(pid \d+, run [\w-]+\)$/m);
    expect(down.stdout).toMatch(/^swept 1 run directory and 0 nftables tables$/m);
    const left = await leftovers(before);
    expect(left.processes).toEqual([]);
    expect(left.stateDirs).toEqual([]);
    expect(listeners().has('127.0.90.1:18090')).toBe(false);
  }, 600_000);
});
