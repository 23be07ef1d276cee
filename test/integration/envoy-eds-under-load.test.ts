// Real Envoy 1.36.4 as the data plane: it starts on hand-written xDS files, its health
// listener drains on POST /healthcheck/fail, and an EDS change under a steady load
// moves traffic to the new endpoint with every request sent answered 200.
// Loopback: Envoy on 127.0.60.1, backends on 127.0.60.11-12.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClusters, readConfigVersions, readServerInfo, setHealthCheckFailing, startEnvoy, type StartedEnvoy } from '../../src/gateway/data-plane/envoy/index.js';
import { fixtureSnapshot } from '../support/xds-fixtures.js';
import { envoyBinary, get, startBackend, steadyLoad, type Backend } from '../support/envoy-kit.js';
import { harness, type Harness } from '../support/harness.js';

const ADDR = '127.0.60.1';
const PORT = 8080;
const CLUSTER = 'outbound|80||user-service-south.DEFAULT-GROUP.public.nacos';

describe('real Envoy from xDS files', () => {
  let h: Harness;
  let a: Backend;
  let b: Backend;
  let envoy: StartedEnvoy;
  const snap = (version: string, to: Backend) =>
    fixtureSnapshot({ dir: envoy.files.xdsDir, version, listen: { address: ADDR, port: PORT }, clusters: { [CLUSTER]: [{ address: to.address, port: to.port }] }, accessLog: envoy.files.accessLog });

  beforeAll(async () => {
    h = harness('envoy-eds');
    a = await startBackend('127.0.60.11', 8080);
    b = await startBackend('127.0.60.12', 8080);
    h.cleanup.push('backends', async () => void (await Promise.all([a.close(), b.close()])));
    envoy = await startEnvoy(h, {
      binary: envoyBinary(),
      bootstrap: { name: 'gw-south-1', cluster: 'gw-south', locality: { region: 'south' }, address: ADDR, adminPort: 15000, healthPort: 15021 },
    });
    await envoy.apply(snap('1', a));
  });
  afterAll(async () => h?.teardown());

  it('GIVEN the first snapshot WHEN Envoy is LIVE THEN it routes to the EDS endpoint and reports the versions written', async () => {
    const r = await get(ADDR, PORT);
    expect(r.status).toBe(200);
    expect(r.servedBy).toBe(a.id);
    expect(await readServerInfo(envoy.admin)).toMatchObject({ state: 'LIVE', nodeId: 'gw-south-1', configPath: envoy.files.bootstrap, version: expect.stringMatching(/\/1\.36\.4\//) });
    const v = await readConfigVersions(envoy.admin);
    expect(v.clusters[CLUSTER]).toBe('1');
    expect(v.loadAssignments[CLUSTER]).toBe('1');
    expect(v.routeConfigs['http.8080']).toBe('1');
    expect(v.listeners[`${ADDR}_${PORT}`]).toBe('1');
    const [c] = (await readClusters(envoy.admin)).filter((x) => x.name === CLUSTER);
    expect(c?.hosts.map((x) => [x.address, x.healthy])).toEqual([[a.id, true]]);
    const ready = h.events.find((e) => e.kind === 'ready' && e.component === 'gw-south-1');
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${envoy.pid}/status`, 'utf8'))?.[1];
    console.log(`Envoy ready (LIVE and first files confirmed) in ${ready && 'ms' in ready ? ready.ms : '?'} ms; RSS ${Math.round(Number(rss) / 1024)} MB`);
  });

  it('GIVEN a serving instance WHEN the admin fails its health check THEN /healthz/ready answers 503, and 200 again after ok', async () => {
    expect((await get(ADDR, 15021, '/healthz/ready')).status).toBe(200);
    await setHealthCheckFailing(envoy.admin, true);
    expect((await get(ADDR, 15021, '/healthz/ready')).status).toBe(503);
    expect((await get(ADDR, PORT)).status).toBe(200);
    await setHealthCheckFailing(envoy.admin, false);
    expect((await get(ADDR, 15021, '/healthz/ready')).status).toBe(200);
  });

  it('GIVEN a steady 300 requests/s WHEN EDS moves the cluster from a to b THEN traffic moves and every request sent is answered 200', async () => {
    const load = steadyLoad(ADDR, PORT, 300, 3000);
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = Date.now();
    const w = await envoy.apply(snap('2', b));
    const applyMs = Date.now() - t0;
    const { sent, answers } = await load;
    expect(w.written.map((f) => f.kind)).toEqual(['eds']);
    expect(answers).toHaveLength(sent);
    const byOutcome = new Map<string, number>();
    for (const x of answers) byOutcome.set(`${x.status} ${x.servedBy}`, (byOutcome.get(`${x.status} ${x.servedBy}`) ?? 0) + 1);
    console.log(`EDS swap under load: written and confirmed in ${applyMs} ms; ${sent} sent: ${JSON.stringify(Object.fromEntries(byOutcome))}`);
    expect(answers.filter((x) => x.status !== 200)).toEqual([]);
    expect(sent).toBeGreaterThan(800);
    // before the write only a answers; from shortly after the confirmation only b
    expect(answers.filter((x) => x.atMs < 900).every((x) => x.servedBy === a.id)).toBe(true);
    expect(answers.filter((x) => x.atMs > 1000 + applyMs + 50).every((x) => x.servedBy === b.id)).toBe(true);
    expect(byOutcome.get(`200 ${b.id}`)).toBeGreaterThan(400);
  });
});
