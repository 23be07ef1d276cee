// Seed manifests that split traffic by HTTPRoute weights (04, 05, 11, 12, 14), on
// the wire: 200 requests tallied by which upstream answered (seeded random). Nacos
// backends work on Higress 2.1 only; the same service twice is one pool; a
// weight-0 backendRef is dropped, so it is no standby.
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_BRIDGE, registryWith, seedGateway, tally } from '../support/seed-kit.js';
import { Cleanup, send, upstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** Region split between two Nacos services: share of `south` out of 200 on 2.1; all 500 on 2.2. */
async function regionSplit(seed: string, path: string, southShare: number) {
  const south = await upstream(cleanup, 'south');
  const north = await upstream(cleanup, 'north');
  const registry = registryWith({ 'user-service-south': [south], 'user-service-north': [north] });
  const t = await seedGateway(cleanup, [seed], { fixtures: [FIXTURE_BRIDGE], registry });
  const counts = await tally(t.port, 200, { path });
  expect((counts.south ?? 0) + (counts.north ?? 0)).toBe(200);
  expect(Math.abs((counts.south ?? 0) / 200 - southShare)).toBeLessThan(0.07);
  const on22 = await seedGateway(cleanup, [seed], { fixtures: [FIXTURE_BRIDGE], registry, higress: '2.2' });
  expect(await tally(on22.port, 20, { path })).toEqual({ 500: 20 });
}

describe('seed manifests: weighted HTTPRoutes', () => {
  it('seed 04-proximity-route.yaml: GIVEN user-service-south and -north in Nacos (fixture McpBridge) WHEN 200 requests THEN ~80% reach south, ~20% north on Higress 2.1, and 2.2 answers 500 to all — as 2.2 rejects networking.higress.io backendRefs', async () => {
    await regionSplit('04', '/anything', 0.8);
  });

  it('seed 05-weighted-route.yaml: GIVEN service-local as a Service (fixture) WHEN 200 requests THEN ~80% reach service-local and ~20% answer 500 on both profiles — as service-nearby / service-remote (group networking.higress.io, no .nacos suffix) name no registry host', async () => {
    const local = await upstream(cleanup, 'service-local');
    for (const higress of ['2.1', '2.2'] as const) {
      const t = await seedGateway(cleanup, ['05'], { services: { 'service-local:8080': [local.address] }, higress });
      const counts = await tally(t.port, 200);
      expect(Object.keys(counts).sort()).toEqual(['500', 'service-local']);
      expect(Math.abs(counts['service-local']! / 200 - 0.8)).toBeLessThan(0.07);
    }
  });

  it('seed 11-proximity-route.yaml: GIVEN user-service-south and -north in Nacos (fixture) WHEN 200 requests to /api THEN ~70% south, ~30% north on 2.1; 500 on 2.2', async () => {
    await regionSplit('11', '/api/orders', 0.7);
  });

  it('seed 12-health-aware-route.yaml: GIVEN order-service with a south and a north instance WHEN 200 requests THEN both instances share the traffic by load balancing (no 80/20 primary/backup) on 2.1, and 2.2 answers 500 — as the same service twice is one cluster with the summed weight', async () => {
    const south = await upstream(cleanup, 'order-south');
    const north = await upstream(cleanup, 'order-north');
    const registry = registryWith({ 'order-service': [south, north] });
    const t = await seedGateway(cleanup, ['12'], { fixtures: [FIXTURE_BRIDGE], registry });
    const counts = await tally(t.port, 200);
    expect(counts['order-south']! + counts['order-north']!).toBe(200);
    // one pool: the least-request pick between equal idle hosts is ~50/50, not 80/20
    expect(Math.abs(counts['order-south']! / 200 - 0.5)).toBeLessThan(0.12);
    const on22 = await seedGateway(cleanup, ['12'], { fixtures: [FIXTURE_BRIDGE], registry, higress: '2.2' });
    expect(await tally(on22.port, 10)).toEqual({ 500: 10 });
  });

  it('seed 14-failover-route.yaml: GIVEN payment-service in Nacos WHEN its only instance dies THEN requests answer 503 (retried connect failure), nothing fails over — as the weight-0 "standby" backendRef is dropped and it named the same service anyway; 2.2 answers 500', async () => {
    const pay = await upstream(cleanup, 'payment');
    const registry = registryWith({ 'payment-service': [pay] });
    const t = await seedGateway(cleanup, ['14'], { fixtures: [FIXTURE_BRIDGE], registry });
    expect(await tally(t.port, 20)).toEqual({ payment: 20 });
    await pay.close();
    const r = await send(t.port);
    expect(r.status).toBe(503);
    expect(r.body).toMatch(/^upstream connect error or disconnect\/reset before headers\. retried and the latest reset reason: remote connection failure/);
    const on22 = await seedGateway(cleanup, ['14'], { fixtures: [FIXTURE_BRIDGE], registry, higress: '2.2' });
    expect(await tally(on22.port, 5)).toEqual({ 500: 5 });
  });
});
