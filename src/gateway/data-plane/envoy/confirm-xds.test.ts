// Pins the rejection check's decisions where real Envoy cannot be steered into them
// on cue: applied as soon as version_text shows the version, rejected only when the
// log shows a rejection since the write (older ones do not count), and a bounded
// wait otherwise. A stand-in admin answers /stats; it records how often it was asked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadinessTimeoutError, XdsRejectedError } from '../../../core/errors.js';
import { confirmXdsApplied } from './confirm-xds.js';

const dir = mkdtempSync(join(tmpdir(), 'rl-confirm-xds-'));
const log = join(dir, 'envoy.log');
let server: Server;
let port = 0;
let versionText = '1';
let asked = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    asked++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ stats: [{ name: 'cluster_manager.cds.version_text', value: versionText }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.60.250', () => r()));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const target = () => ({ gateway: 'gw-test-1', admin: { address: '127.0.60.250', port }, logFile: log });
const cds = (version: string) => ({ written: [{ kind: 'cds' as const, path: '/x/cds.json', version, names: ['c'] }], startedAtMs: Date.parse('2026-12-03T08:00:00.000Z') });
const line = (iso: string, msg: string) => `[${iso}][1][warning][config] [source/x.cc:64] ${msg}\n`;

describe('confirmXdsApplied', () => {
  it('GIVEN Envoy shows the written version WHEN checked THEN it returns at once', async () => {
    versionText = '2';
    writeFileSync(log, '');
    asked = 0;
    await confirmXdsApplied(target(), cds('2'));
    expect(asked).toBe(1);
  });

  it('GIVEN an older version and a rejection logged after the write WHEN checked THEN XdsRejectedError with that reason', async () => {
    versionText = '2';
    writeFileSync(log, line('2026-12-03T07:59:59.000+00:00', 'Filesystem config update rejected: old news') + line('2026-12-03T08:00:00.010+00:00', 'Filesystem config update rejected: duplicate cluster c found'));
    const e = await confirmXdsApplied(target(), cds('3'), { settleMs: 20 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(XdsRejectedError);
    expect((e as XdsRejectedError).reasons).toEqual(['duplicate cluster c found']);
    expect((e as XdsRejectedError).message).toMatch(/cds c version 3 \(\/x\/cds\.json\)/);
  });

  it('GIVEN an older version and only an older rejection WHEN the time is up THEN a readiness timeout naming the file, not a rejection', async () => {
    versionText = '2';
    writeFileSync(log, line('2026-12-03T07:59:59.000+00:00', 'Filesystem config update rejected: old news'));
    const e = await confirmXdsApplied(target(), cds('4'), { timeoutMs: 150 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReadinessTimeoutError);
    expect((e as Error).message).toMatch(/Envoy gw-test-1 applying cds c version 4 was not ready/);
  });

  it('GIVEN nothing written WHEN checked THEN Envoy is not asked', async () => {
    asked = 0;
    await confirmXdsApplied(target(), { written: [], startedAtMs: 0 });
    expect(asked).toBe(0);
  });
});
