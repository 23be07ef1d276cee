// Two real Envoys behind the region's real HAProxy, as the local target lays out a
// region's gateways: HAProxy checks each Envoy's health listener (HTTP/1.0
// /healthz/ready), so POST /healthcheck/fail on one Envoy's admin drains it out of
// rotation and /healthcheck/ok brings it back.
// Loopback: Envoys on 127.0.60.7-8, HAProxy on 127.0.60.9, backend on 127.0.60.71.
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats, setHealthCheckFailing, startEnvoy, stat, type StartedEnvoy } from '../../src/gateway/data-plane/envoy/index.js';
import { startHaproxy } from '../../src/targets/local/haproxy.js';
import { fixtureSnapshot } from '../support/xds-fixtures.js';
import { envoyBinary, get, startBackend } from '../support/envoy-kit.js';
import { harness, type Harness } from '../support/harness.js';

const ENTRY = { address: '127.0.60.9', port: 18080 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('real Envoys behind HAProxy', () => {
  let h: Harness;
  const envoys: StartedEnvoy[] = [];
  const served = async () => Promise.all(envoys.map(async (e) => stat(await readStats(e.admin, 'downstream_rq_total'), 'http.outbound_0.0.0.0_8080.downstream_rq_total')));
  /** Requests through the entry, one connection each (HAProxy balances connections). */
  async function through(n: number): Promise<{ statuses: number[]; perEnvoy: number[] }> {
    const before = await served();
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await get(ENTRY.address, ENTRY.port, '/', new Agent({ keepAlive: false }))).status);
    const after = await served();
    return { statuses, perEnvoy: after.map((v, i) => v - before[i]!) };
  }

  beforeAll(async () => {
    h = harness('envoy-haproxy');
    const backend = await startBackend('127.0.60.71', 8080);
    h.cleanup.push('backend', () => backend.close());
    for (const [i, address] of ['127.0.60.7', '127.0.60.8'].entries()) {
      const name = `gw-south-${i + 1}`;
      const e = await startEnvoy(h, { binary: envoyBinary(), bootstrap: { name, cluster: 'gw-south', locality: { region: 'south' }, address, adminPort: 15000, healthPort: 15021 } });
      await e.apply(fixtureSnapshot({ dir: e.files.xdsDir, version: '1', listen: { address, port: 8080 }, clusters: { backend: [{ address: backend.address, port: backend.port }] } }));
      envoys.push(e);
    }
    await startHaproxy(h, {
      region: 'south',
      bind: ENTRY,
      gateways: envoys.map((e) => ({ name: e.name, address: e.admin.address, port: 8080, healthPort: 15021 })),
      checkInterMs: 200,
      fall: 1,
      rise: 1,
    });
    await sleep(500); // the first checks pass
  });
  afterAll(async () => h?.teardown());

  it('GIVEN both Envoys healthy WHEN requests enter THEN both serve', async () => {
    const r = await through(20);
    expect(r.statuses.every((s) => s === 200)).toBe(true);
    expect(r.perEnvoy.every((n) => n >= 5)).toBe(true);
  });

  it('GIVEN one Envoy drained by POST /healthcheck/fail WHEN requests enter THEN only the other serves, and both again after ok', async () => {
    await setHealthCheckFailing(envoys[0]!.admin, true);
    await sleep(600);
    const drained = await through(20);
    expect(drained.statuses.every((s) => s === 200)).toBe(true);
    expect(drained.perEnvoy).toEqual([0, 20]);
    await setHealthCheckFailing(envoys[0]!.admin, false);
    await sleep(600);
    const back = await through(20);
    expect(back.perEnvoy[0]).toBeGreaterThanOrEqual(5);
  });
});
