// The generated topology and suite: ordinary files the schemas accept, on check's own
// addresses, with every expectation's number and source taken from the policy.
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../scenario/schema.js';
import { infer, readPolicy } from './infer.js';
import { readManifests } from './read-manifests.js';
import { generateSuite } from './suite-gen.js';
import { CHECK_PORTS, generateTopology } from './topology-gen.js';

const SETS = 'test/fixtures/check';
const inferDir = (dir: string) => infer(readManifests(dir), readPolicy(dir), { defaultName: 'x' });
const paths = { topology: 'out/topology.yaml', manifests: ['out/manifests/a.yaml'], regionManifests: {} };

describe('generateTopology', () => {
  it('GIVEN the payments set THEN each region on its own 127.0.9x.0/24, the registry domains resolve to their region, names and Nacos scopes kept', () => {
    const t = generateTopology(inferDir(`${SETS}/payments-httproute-multi`), 'out/manifests/mcpbridge.yaml').parsed;
    expect(t.discovery).toEqual({ mode: 'multi-registry', mcpbridge: 'out/manifests/mcpbridge.yaml', syncPollMs: 1000 });
    expect(t.regions.map((r) => [r.name, r.middleware.nacos.address, r.middleware.nacos.dns])).toEqual([
      ['east', '127.0.90.10', ['nacos.east.fin.internal']],
      ['west', '127.0.91.10', ['nacos.west.fin.internal']],
    ]);
    expect(t.regions[1]!.business.services).toEqual([{ app: 'ledger', nacosService: 'ledger-west', nacosGroup: 'PAY_GROUP', nacosNamespace: 'fin', instances: ['127.0.91.101:19090', '127.0.91.102:19090'] }]);
    expect(t.toxiproxy).toEqual({ address: '127.0.0.1', port: CHECK_PORTS.toxiproxy, nacosLinkPortBase: CHECK_PORTS.nacosLinkPortBase });
  });

  it('GIVEN another address base THEN every address moves with it, and a base that leaves 127.0.90–99 is refused', () => {
    const inf = inferDir(`${SETS}/catalog-locality-dr`);
    const t = generateTopology(inf, 'm.yaml', { base: 97 }).parsed;
    expect(t.regions.map((r) => r.middleware.entry.address)).toEqual(['127.0.97.1', '127.0.98.1']);
    expect(() => generateTopology(inf, 'm.yaml', { base: 99 })).toThrow(/leave check's range/);
  });

  it('GIVEN Ingress Service backends THEN each region maps the Service to its own instances', () => {
    const inf = inferDir(`${SETS}/retail-ingress-export`);
    const svc = { ...inf, services: [{ app: 'web', kind: 'service' as const, names: { sh: 'web', bj: 'web' }, group: 'DEFAULT_GROUP', namespaceId: 'public', k8sNamespace: 'retail', port: 8080, from: 'test' }] };
    const t = generateTopology(svc, 'm.yaml').parsed;
    expect(t.regions.map((r) => r.middleware.services)).toEqual([{ 'web.retail:8080': ['127.0.90.101:19090', '127.0.90.102:19090'] }, { 'web.retail:8080': ['127.0.91.101:19090', '127.0.91.102:19090'] }]);
  });
});

describe('generateSuite', () => {
  const shop = inferDir('examples/shop');
  const suite = generateSuite(shop, paths);

  it('GIVEN the shop (2 regions, 1 routed service, synced) THEN the quick check and every kind for each entry region, each a valid scenario', () => {
    expect(suite.filter((s) => s.quick).map((s) => s.name)).toEqual(['shop-quick']);
    expect(suite.filter((s) => !s.quick).map((s) => s.name)).toEqual(
      ['east', 'west'].flatMap((r) => [
        `shop-${r}-checkout-steady`, `shop-${r}-checkout-outage-hard`, `shop-${r}-checkout-outage-black-hole`, `shop-${r}-checkout-instance-kill`,
        `shop-${r}-checkout-partition`, `shop-${r}-cross-region-latency`, `shop-${r}-registry-down`, `shop-${r}-sync-cut`, `shop-${r}-gateway-loss`,
      ]),
    );
    for (const s of suite) expect(scenarioSchema.safeParse(s.scenario).success, s.name).toBe(true);
  });

  it('THEN expectations carry the policy numbers and say they are the user\'s', () => {
    const outage = scenarioSchema.parse(suite.find((s) => s.name === 'shop-east-checkout-outage-hard')!.scenario);
    const fo = outage.expectations.find((e) => e.kind === 'failover-time')!;
    expect(fo).toMatchObject({ entry: 'east', errorRateBelow: 0.01, expected: { max: 20_000 } });
    expect(fo.source).toMatch(/^your policy \(examples\/shop\/region-lab.yaml policy.failover\): failover ≤ 20 s/);
    expect(outage.load).toMatchObject({ entry: 'east', rate: 30, host: 'shop.example.com', path: '/api/checkout' });
    // the outage is long enough to measure the policy's failover, and the tail its failback
    const t = outage.timeline[0]!;
    expect(t.until! - t.at).toBeGreaterThanOrEqual(20_000 + 15_000);
    expect(outage.load.duration - t.until!).toBeGreaterThanOrEqual(30_000 + 10_000);
  });

  it('THEN the quick check loads every region at once and times the first region\'s outage from each', () => {
    const q = scenarioSchema.parse(suite[0]!.scenario);
    expect(q.load.entry).toEqual(['east', 'west']);
    expect(q.expectations.map((e) => e.id)).toEqual(['east-proximity', 'east-failover', 'east-failback', 'west-proximity', 'west-failover', 'accounting']);
  });

  it('THEN one instance killed is the instance-kill fault: one instance of the local service, SIGKILL, restarted at the heal', () => {
    const kill = scenarioSchema.parse(suite.find((s) => s.kind === 'instance-kill')!.scenario);
    expect(kill.timeline[0]!.fault).toEqual({ kind: 'instance-kill', cluster: 'biz-east', service: 'checkout-east', instance: 1, mode: 'hard' });
    expect(kill.description).toMatch(/is killed \(SIGKILL, no deregistration\)/);
  });

  it('GIVEN multi-registry discovery THEN no sync-cut scenario (there is no sync to cut)', () => {
    const pay = generateSuite(inferDir(`${SETS}/payments-httproute-multi`), paths);
    expect(pay.some((s) => s.kind === 'sync-cut')).toBe(false);
    expect(pay.filter((s) => s.kind === 'registry-down').map((s) => s.entries)).toEqual([['east'], ['west']]);
  });
});
