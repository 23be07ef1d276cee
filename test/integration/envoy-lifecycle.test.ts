// Real Envoy leaves nothing behind: after stop() its process and ports are gone; and
// when the run that started it is killed with SIGKILL (no teardown at all), the
// sweep behind `region-lab down` finds it by its pid file and stops it.
// Needs a built dist/ (make build; make test does). Loopback: 127.0.60.5-6.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadinessTimeoutError } from '../../src/core/errors.js';
import { startEnvoy } from '../../src/gateway/data-plane/envoy/index.js';
import { sweepLeftovers } from '../../src/run/sweep.js';
import { canConnect } from '../../src/targets/local/haproxy.js';
import { envoyBinary } from '../support/envoy-kit.js';
import { harness } from '../support/harness.js';
import { baseline, leftovers } from '../support/leftovers.js';

// a zombie is dead: an orphan's exit is reaped by init, whenever init gets to it
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const ports = async (address: string) => ({ admin: await canConnect(address, 15000), health: await canConnect(address, 15021) });
/** Envoys left over; other engineers' short-lived processes on this machine are not this test's. */
const envoysLeft = async (before: Awaited<ReturnType<typeof baseline>>) => (await leftovers(before)).processes.filter((p) => /envoy/.test(p));
const root = mkdtempSync(join(tmpdir(), 'rl-it-envoy-sweep-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('real Envoy lifecycle', () => {
  it('GIVEN a started Envoy WHEN stopped THEN its process, pid file and ports are gone', async () => {
    const before = await baseline();
    const h = harness('envoy-stop');
    try {
      const envoy = await startEnvoy(h, { binary: envoyBinary(), bootstrap: { name: 'gw-stop-1', cluster: 'gw-stop', locality: { region: 'south' }, address: '127.0.60.5', adminPort: 15000, healthPort: 15021 } });
      expect(await ports('127.0.60.5')).toEqual({ admin: true, health: true });
      expect(existsSync(join(h.pidDir, 'gw-stop-1.pid'))).toBe(true);
      expect((await envoysLeft(before)).some((p) => p.startsWith(`${envoy.pid} `))).toBe(true);
      await envoy.stop();
      expect(alive(envoy.pid)).toBe(false);
      expect(existsSync(join(h.pidDir, 'gw-stop-1.pid'))).toBe(false);
      expect(await ports('127.0.60.5')).toEqual({ admin: undefined, health: undefined });
      expect(h.cleanup.size).toBe(0);
    } finally {
      await h.teardown();
    }
    expect(await envoysLeft(before)).toEqual([]);
  });

  it('GIVEN an admin port already taken WHEN a second Envoy starts on it THEN a typed error at once, naming its log, and nothing left', async () => {
    const before = await baseline();
    const h = harness('envoy-clash');
    const props = (name: string) => ({ binary: envoyBinary(), bootstrap: { name, cluster: 'gw-clash', locality: { region: 'south' }, address: '127.0.60.5', adminPort: 15000, healthPort: 15021 } });
    try {
      await startEnvoy(h, props('gw-clash-1'));
      const t0 = Date.now();
      const e = await startEnvoy(h, props('gw-clash-2')).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ReadinessTimeoutError);
      expect((e as Error).message).toMatch(/Envoy gw-clash-2 .*envoy exited/);
      expect((e as ReadinessTimeoutError).hint).toMatch(/gw-clash-2\.log/);
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      await h.teardown();
    }
    expect(await envoysLeft(before)).toEqual([]);
    expect(await ports('127.0.60.5')).toEqual({ admin: undefined, health: undefined });
  });

  it('GIVEN a run holding an Envoy WHEN the run is SIGKILLed THEN Envoy outlives it, and the sweep behind `down` stops it and frees its ports', async () => {
    if (!existsSync(resolve('dist/gateway/data-plane/envoy/index.js'))) throw new Error('dist/ is missing or stale: run `make build` first (make test does)');
    const before = await baseline();
    const stateDir = mkdtempSync(join(root, 'it-envoy-orphan-'));
    const child = spawn(process.execPath, ['test/integration/fixtures/envoy-orphan-parent.mjs', stateDir, envoyBinary(), '127.0.60.6'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => void (err += c.toString()));
    const envoyPid = await new Promise<number>((resolvePid, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /READY (\d+)/.exec(out);
        if (m) resolvePid(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`the parent exited (${code}) before Envoy was ready: ${err}`)));
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(envoyPid)).toBe(true);
    expect(await ports('127.0.60.6')).toEqual({ admin: true, health: true });
    expect((await envoysLeft(before)).some((p) => p.startsWith(`${envoyPid} `))).toBe(true);

    const swept = await sweepLeftovers({ root });
    expect(swept.killed).toEqual([expect.objectContaining({ name: 'gw-orphan-1', pid: envoyPid })]);
    expect(alive(envoyPid)).toBe(false);
    expect(await ports('127.0.60.6')).toEqual({ admin: undefined, health: undefined });
    expect(existsSync(stateDir)).toBe(false);
    expect(await envoysLeft(before)).toEqual([]);
  });
});
