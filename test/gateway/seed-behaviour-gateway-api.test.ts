// Seed Gateway API HTTPRoutes (38–42) on the wire: header canary with a 90/10
// split, blue/green switch (a route reload, as kubectl delete + apply), A/B by
// header, and RequestMirror copies. Kubernetes Services are fixtures (name → upstream).
import { afterEach, describe, expect, it } from 'vitest';
import { seedFile, seedGateway, tally } from '../support/seed-kit.js';
import { join } from 'node:path';

const GATEWAYS_FILE = join(import.meta.dirname, '../../clusters/routes/gateways.yaml');
import { Cleanup, send, until, upstream, type TestUpstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** FIXTURE Services: each name on port 8080, answered by an upstream of that name. */
async function services(...names: string[]): Promise<{ map: Record<string, string[]>; ups: Record<string, TestUpstream> }> {
  const map: Record<string, string[]> = {};
  const ups: Record<string, TestUpstream> = {};
  for (const n of names) {
    ups[n] = await upstream(cleanup, n);
    map[`${n}:8080`] = [ups[n].address];
  }
  return { map, ups };
}

describe('seed manifests: Gateway API routes', () => {
  it('seed 38-canary-release.yaml: requests with X-Canary: true all reach service-v2; others split ~90/10 between service-v1 and service-v2 (on both profiles: plain Services)', async () => {
    const s = await services('service-v1', 'service-v2');
    for (const higress of ['2.1', '2.2'] as const) {
      const t = await seedGateway(cleanup, ['38'], { services: s.map, higress });
      expect(await tally(t.port, 20, { headers: { 'x-canary': 'true' } })).toEqual({ 'service-v2': 20 });
      const counts = await tally(t.port, 300);
      expect(counts['service-v1']! + counts['service-v2']!).toBe(300);
      expect(Math.abs(counts['service-v2']! / 300 - 0.1)).toBeLessThan(0.05);
    }
  });

  it('seed 39-blue-route.yaml: every request to api.example.com reaches service-blue, path kept', async () => {
    const s = await services('service-blue');
    const t = await seedGateway(cleanup, ['39'], { services: s.map });
    expect(await tally(t.port, 10, { path: '/orders/7' })).toEqual({ 'service-blue': 10 });
    expect(s.ups['service-blue']!.seen[0]?.url).toBe('/orders/7');
  });

  it('seed 40-green-route.yaml: GIVEN blue-route serving WHEN the routes are replaced by green-route (kubectl delete blue + apply green) THEN every request reaches service-green, none service-blue', async () => {
    const s = await services('service-blue', 'service-green');
    const t = await seedGateway(cleanup, ['39'], { services: s.map });
    expect(await tally(t.port, 5)).toEqual({ 'service-blue': 5 });
    // FIXTURE: the Gateways stay applied; the route set changes
    expect(await t.gw.reloadRoutes([GATEWAYS_FILE, seedFile('40').file])).toEqual({ routes: 1, ignored: 0 });
    expect(await tally(t.port, 10)).toEqual({ 'service-green': 10 });
    expect(s.ups['service-blue']!.seen).toHaveLength(5);
  });

  it('seed 41-ab-test-route.yaml: X-AB-Group A reaches service-a, B service-b; no header, C or lower-case a reach service-default — as header values match exactly', async () => {
    const s = await services('service-a', 'service-b', 'service-default');
    const t = await seedGateway(cleanup, ['41'], { services: s.map });
    const who = async (h: Record<string, string> = {}) => (await send(t.port, { headers: h })).body;
    expect(await who({ 'x-ab-group': 'A' })).toBe('service-a');
    expect(await who({ 'x-ab-group': 'B' })).toBe('service-b');
    expect(await who()).toBe('service-default');
    expect(await who({ 'x-ab-group': 'C' })).toBe('service-default');
    expect(await who({ 'x-ab-group': 'a' })).toBe('service-default');
  });

  it('seed 42-traffic-mirror.yaml: service-prod answers every request; service-staging receives a copy of each (Host api.example.com-shadow, same path) whose answer is ignored', async () => {
    const s = await services('service-prod', 'service-staging');
    s.ups['service-staging']!.status = 500;
    const t = await seedGateway(cleanup, ['42'], { services: s.map });
    for (let i = 0; i < 5; i++) expect(await send(t.port, { path: `/pay/${i}` })).toMatchObject({ status: 200, body: 'service-prod' });
    const staging = s.ups['service-staging']!;
    await until(() => staging.seen.length === 5);
    expect(staging.seen.map((x) => x.url).sort()).toEqual(['/pay/0', '/pay/1', '/pay/2', '/pay/3', '/pay/4']);
    expect(staging.seen[0]?.headers.host).toBe('api.example.com-shadow');
  });
});
