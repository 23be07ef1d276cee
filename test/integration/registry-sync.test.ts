// Scenario: two regions' real Nacos servers (2.5.0 from Maven Central), a business
// instance registering through a real Toxiproxy link with the npm nacos client, and
// the NacosSync-style agent copying it across. Proves registration, sync tagging,
// loop avoidance, and that a killed instance leaves the registry only by expiry
// while a cleanly stopped one deregisters at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../src/core/ready.js';
import { listInstances } from '../../src/registry/nacos-http.js';
import { SOURCE_CLUSTER, SYNC_TAG } from '../../src/registry/sync-task.js';
import { startNacos } from '../../src/targets/local/nacos-server.js';
import { startNodeComponent } from '../../src/targets/local/node-component.js';
import { startToxiproxy, type StartedToxiproxy } from '../../src/targets/local/toxiproxy.js';
import { harness, processesMentioning, type Harness } from '../support/harness.js';
import type { StartedProcess } from '../../src/core/process.js';
import { join } from 'node:path';

// Addresses of their own, so this file never collides with a scenario run.
const S = { address: '127.0.11.10', port: 8848 };
const N = { address: '127.0.12.10', port: 8848 };
const nacosS = { address: `${S.address}:${S.port}` };
const nacosN = { address: `${N.address}:${N.port}` };

let h: Harness;
let toxi: StartedToxiproxy;
let instance: StartedProcess;

const startInstance = (name: string, port: number) =>
  startNodeComponent(h, {
    name,
    entry: 'business/main.js',
    config: {
      app: 'user-service',
      nacosService: 'user-service-south',
      region: 'south',
      cluster: 'biz-south',
      instance: name,
      listen: { host: '127.0.11.101', port },
      admin: { host: '127.0.11.101', port: port + 10000 },
      nacos: { address: toxi.listenOf('biz-south_to_nacos-south') },
      metadata: { region: 'south' },
    },
    readyWhat: `${name} registered`,
    ready: async () => ((await listInstances(nacosS, 'user-service-south', 'DEFAULT_GROUP')).some((i) => i.port === port) ? true : undefined),
  });

beforeAll(async () => {
  h = harness('registry');
  toxi = await startToxiproxy(h, { address: '127.0.0.1', port: 18574 }, [
    { name: 'biz-south_to_nacos-south', role: 'registration', from: 'biz-south', to: 'mw-south', upstream: nacosS.address, latencyMs: 6, jitterMs: 0 },
    { name: 'nacos-sync_to_nacos-south', role: 'sync', from: 'nacos-sync', to: 'mw-south', upstream: nacosS.address, latencyMs: 0, jitterMs: 0 },
    { name: 'nacos-sync_to_nacos-north', role: 'sync', from: 'nacos-sync', to: 'mw-north', upstream: nacosN.address, latencyMs: 0, jitterMs: 0 },
  ]);
  await Promise.all([startNacos(h, { region: 'it-south', ...S }), startNacos(h, { region: 'it-north', ...N })]);
  instance = await startInstance('user-service-south-1', 19101);
  await startNodeComponent(h, {
    name: 'nacos-sync',
    entry: 'registry/sync-main.js',
    config: {
      tasks: [
        { source: { clusterId: 'nacos-south', address: toxi.listenOf('nacos-sync_to_nacos-south') }, dest: { clusterId: 'nacos-north', address: toxi.listenOf('nacos-sync_to_nacos-north') }, group: 'DEFAULT_GROUP' },
        { source: { clusterId: 'nacos-north', address: toxi.listenOf('nacos-sync_to_nacos-north') }, dest: { clusterId: 'nacos-south', address: toxi.listenOf('nacos-sync_to_nacos-south') }, group: 'DEFAULT_GROUP' },
      ],
      pollMs: 500,
      eventsFile: join(h.logDir, 'nacos-sync.events.jsonl'),
    },
    readyWhat: 'the copy in nacos-north',
    ready: async () => ((await listInstances(nacosN, 'user-service-south', 'DEFAULT_GROUP')).length > 0 ? true : undefined),
  });
}, 240_000);

afterAll(async () => {
  const dir = h.stateDir;
  await h.teardown();
  expect(await processesMentioning(dir)).toEqual([]);
});

describe('registry and sync on real Nacos', () => {
  it('GIVEN a south instance registered with region metadata THEN nacos-north holds exactly one tagged copy and the copy is not copied back', async () => {
    const south = await listInstances(nacosS, 'user-service-south', 'DEFAULT_GROUP');
    expect(south).toHaveLength(1);
    expect(south[0]!.metadata.region).toBe('south');
    const north = await listInstances(nacosN, 'user-service-south', 'DEFAULT_GROUP');
    expect(north).toHaveLength(1);
    expect(north[0]!.metadata[SOURCE_CLUSTER]).toBe('nacos-south');
    expect(north[0]!.metadata[SYNC_TAG]).toMatch(/^nacos-south@@\d+$/);
    expect(north[0]!.metadata.region).toBe('south');
    // two more sync rounds: still one instance in the south (no copy of the copy)
    await new Promise((r) => setTimeout(r, 1200));
    expect(await listInstances(nacosS, 'user-service-south', 'DEFAULT_GROUP')).toHaveLength(1);
  });

  it('GIVEN the instance is stopped cleanly THEN it deregisters at once and the copy follows within a few sync rounds', async () => {
    await instance.stop();
    const t = Date.now();
    await waitFor(async () => ((await listInstances(nacosS, 'user-service-south', 'DEFAULT_GROUP')).length === 0 ? true : undefined), { what: 'deregistration', timeoutMs: 5000 });
    await waitFor(async () => ((await listInstances(nacosN, 'user-service-south', 'DEFAULT_GROUP')).length === 0 ? true : undefined), { what: 'copy removal', timeoutMs: 10_000 });
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  it('GIVEN an instance killed with SIGKILL THEN Nacos keeps it (unhealthy after ~15 s) and deletes it only after its beats stop for ~30 s', async () => {
    const victim = await startInstance('user-service-south-2', 19102);
    await waitFor(async () => ((await listInstances(nacosN, 'user-service-south', 'DEFAULT_GROUP')).length === 1 ? true : undefined), { what: 'copy', timeoutMs: 10_000 });
    victim.signal('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => setTimeout(r, 8000));
    const still = await listInstances(nacosS, 'user-service-south', 'DEFAULT_GROUP');
    expect(still).toHaveLength(1);
    await waitFor(async () => ((await listInstances(nacosS, 'user-service-south', 'DEFAULT_GROUP')).length === 0 ? true : undefined), { what: 'expiry', timeoutMs: 60_000, intervalMs: 500 });
    const goneAfter = Date.now() - killedAt;
    // Nacos 2.x HTTP-beat instances: deleted 30 s after the last beat, checked every 5 s
    expect(goneAfter).toBeGreaterThan(20_000);
    expect(goneAfter).toBeLessThan(45_000);
  }, 90_000);
});
