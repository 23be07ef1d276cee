// Seed canary Ingresses (15–17) on the wire. Each needs a non-canary Ingress for
// canary.example.com / (FIXTURE: to service-base); requests are tallied by which
// upstream answered. Higress's canary.go rules: header value ⇒ regex `always|v`,
// cookie only `always`, weight over canary-weight-total.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureIngress, seedGateway, tally } from '../support/seed-kit.js';
import { Cleanup, send, upstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const HOST = 'canary.example.com';

async function canary(seed: string) {
  const base = await upstream(cleanup, 'service-base');
  const can = await upstream(cleanup, 'service-canary');
  const t = await seedGateway(cleanup, [seed], {
    fixtures: [fixtureIngress('base-ingress', HOST, 'service-base')],
    services: { 'service-base:8080': [base.address], 'service-canary:8080': [can.address] },
  });
  const who = async (headers: Record<string, string> = {}) => (await send(t.port, { headers: { host: HOST, ...headers } })).body;
  return { t, who, base, can };
}

describe('seed manifests: canary Ingresses', () => {
  it('seed 15-canary-by-header.yaml: requests with X-Canary: always or true reach service-canary, others (none, false, "xtruex") the base service — as Higress matches the header with regex `always|true` (canary-by-header-pattern is not read once a value is set)', async () => {
    const { who, can } = await canary('15');
    expect(await who({ 'x-canary': 'always' })).toBe('service-canary');
    expect(await who({ 'x-canary': 'true' })).toBe('service-canary');
    expect(await who()).toBe('service-base');
    expect(await who({ 'x-canary': 'false' })).toBe('service-base');
    expect(await who({ 'x-canary': 'xtruex' })).toBe('service-base');
    expect(can.seen[0]).toMatchObject({ url: '/', headers: { host: HOST } });
  });

  it('seed 16-canary-by-cookie.yaml: requests with cookie canary_user=always (alone or among others) reach service-canary; canary_user=true or no cookie reach the base — as Higress matches only the value "always"', async () => {
    const { who } = await canary('16');
    expect(await who({ cookie: 'canary_user=always' })).toBe('service-canary');
    expect(await who({ cookie: 'a=1; canary_user=always; b=2' })).toBe('service-canary');
    expect(await who({ cookie: 'canary_user=true' })).toBe('service-base');
    expect(await who()).toBe('service-base');
  });

  it('seed 17-canary-by-weight.yaml: GIVEN canary-weight 10 of 100 WHEN 400 requests THEN ~10% reach service-canary, the rest the base service', async () => {
    const { t } = await canary('17');
    const counts = await tally(t.port, 400, { headers: { host: HOST } });
    expect(counts['service-canary']! + counts['service-base']!).toBe(400);
    expect(Math.abs(counts['service-canary']! / 400 - 0.1)).toBeLessThan(0.04);
  });
});
