// GIVEN the real Toxiproxy with two links on 127.0.110.x (1 ms as the topology's entry
// link, 7 ± 2 ms as a same-region data link) in front of a Node HTTP server
// WHEN requests cross them, then the links' latency toxics go to 0 ms (as a run's
// calibration sets them) and back
// THEN the server holds the toxics latencyToxics gives (1 ms as 1 + 0, not 1 + 1 as
// halving each way did), each link adds its figure plus the wake-up slack of a sleeping
// toxic (docs/scenarios.md: 0.8–1.9 ms a request on this 2-core machine), about nothing at
// 0 ms, and its figure again once restored.
import { createServer, request, Agent, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latencyToxics } from '../../src/chaos/latency-toxics.js';
import type { LinkPlan } from '../../src/topology/links.js';
import { proxyName, startToxiproxy, type StartedToxiproxy } from '../../src/targets/local/toxiproxy.js';
import { harness, processesMentioning, type Harness } from '../support/harness.js';

const SERVER = { host: '127.0.110.30', port: 19130 };
const links: LinkPlan[] = [
  { name: 'client_to_mw-south', role: 'entry', from: 'client', to: 'mw-south', listen: '127.0.110.31:19131', upstream: `${SERVER.host}:${SERVER.port}`, latencyMs: 1, jitterMs: 0 },
  { name: 'mw-south_to_biz-south', role: 'data', from: 'mw-south', to: 'biz-south', listen: '127.0.110.32:19132', upstream: `${SERVER.host}:${SERVER.port}`, latencyMs: 7, jitterMs: 2 },
];

/** Median round trip of n sequential requests on one kept-alive connection, ms. */
async function median(address: string, n = 60): Promise<number> {
  const [host, port] = address.split(':') as [string, string];
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      await new Promise<void>((done, fail) => request({ host, port: Number(port), path: '/', agent }, (res) => res.resume().on('end', done)).on('error', fail).end());
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  } finally {
    agent.destroy();
  }
  return times.sort((a, b) => a - b)[n >> 1]!;
}

describe('link latency on the real Toxiproxy, zeroed and restored as a calibration does', () => {
  let h: Harness;
  let server: Server;
  let toxi: StartedToxiproxy;
  const setAll = (zero: boolean) =>
    Promise.all(links.flatMap((l) => latencyToxics(zero ? 0 : l.latencyMs, zero ? 0 : l.jitterMs).map((t) => toxi.updateToxic(l.name, t.name, t.attributes))));
  let direct: number;

  beforeAll(async () => {
    h = harness('link-latency');
    server = createServer((_q, r) => r.end('ok'));
    await new Promise<void>((r) => server.listen(SERVER.port, SERVER.host, r));
    toxi = await startToxiproxy(h, { address: '127.0.110.33', port: 19133 }, links);
    direct = await median(`${SERVER.host}:${SERVER.port}`);
  }, 30_000);

  afterAll(async () => {
    await h.teardown();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    expect(await processesMentioning(h.stateDir)).toEqual([]);
  });

  /** What the Toxiproxy server holds on a link: toxic name → [latency, jitter]. */
  async function held(link: string): Promise<Record<string, [number, number]>> {
    // the server's proxy carries the run id (toxiproxy.ts proxyName)
    const res = await fetch(`http://127.0.110.33:19133/proxies/${encodeURIComponent(proxyName(link, h.runId))}/toxics`);
    const list = (await res.json()) as { name: string; attributes: { latency: number; jitter: number } }[];
    return Object.fromEntries(list.map((t) => [t.name, [t.attributes.latency, t.attributes.jitter]]));
  }
  let data: number;

  it('GIVEN the topology\'s latencies THEN the server holds them split as latencyToxics says', async () => {
    expect(await held(links[0]!.name)).toEqual({ 'base-latency-upstream': [1, 0], 'base-latency-downstream': [0, 0] });
    expect(await held(links[1]!.name)).toEqual({ 'base-latency-upstream': [5, 1], 'base-latency-downstream': [3, 1] });
  });

  it('GIVEN the topology\'s latencies THEN each link adds its figure plus a sleeping toxic\'s wake-up slack', async () => {
    const entry = (await median(toxi.listenOf(links[0]!.name))) - direct;
    data = (await median(toxi.listenOf(links[1]!.name))) - direct;
    expect(entry).toBeGreaterThanOrEqual(0.9);
    expect(entry).toBeLessThan(3);
    expect(data).toBeGreaterThanOrEqual(6.5);
    expect(data).toBeLessThan(10);
  });

  it('GIVEN the calibration\'s 0 ms THEN a link adds only its own forwarding, and restoring brings its figure back', async () => {
    await setAll(true);
    expect(await held(links[1]!.name)).toEqual({ 'base-latency-upstream': [0, 0], 'base-latency-downstream': [0, 0] });
    const zero = (await median(toxi.listenOf(links[1]!.name))) - direct;
    expect(zero).toBeLessThan(1);
    await setAll(false);
    expect(await held(links[1]!.name)).toEqual({ 'base-latency-upstream': [5, 1], 'base-latency-downstream': [3, 1] });
    const back = (await median(toxi.listenOf(links[1]!.name))) - direct;
    expect(back).toBeGreaterThanOrEqual(6.5);
    expect(Math.abs(back - data)).toBeLessThan(2);
  });
});
