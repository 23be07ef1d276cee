// Inference on manifest sets that are not the runbook's: what each yields, and that it
// says where every conclusion came from; the set with nothing to go on is exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BadInputError } from '../core/errors.js';
import { describeInferred } from './describe.js';
import { infer, readPolicy } from './infer.js';
import { readManifests } from './read-manifests.js';

const SETS = 'test/fixtures/check';
const inferDir = (dir: string, higress?: '2.1' | '2.2') => infer(readManifests(dir), readPolicy(dir), { defaultName: 'x', ...(higress ? { higress } : {}) });

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function dirWith(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'rl-check-infer-'));
  dirs.push(d);
  for (const [f, t] of Object.entries(files)) writeFileSync(join(d, f), t);
  return d;
}

describe('Ingress + higress.io/destination, exported with kubectl (retail)', () => {
  const i = inferDir(`${SETS}/retail-ingress-export`);
  it('THEN regions sh, bj from the service names, one service inventory with a name per region', () => {
    expect(i.regions.map((r) => r.name)).toEqual(['sh', 'bj']);
    expect(i.regionsFrom).toBe('from service names inventory-sh / inventory-bj');
    expect(i.services).toEqual([expect.objectContaining({ app: 'inventory', kind: 'nacos', names: { sh: 'inventory-sh', bj: 'inventory-bj' }, group: 'DEFAULT_GROUP', namespaceId: 'public' })]);
  });
  it('THEN one registry read by every region: synced; the shared route is loaded by every region', () => {
    expect(i.registries).toEqual([expect.objectContaining({ name: 'retail-nacos', domain: 'nacos-headless.retail-infra.svc.cluster.local', port: 8848, region: 'each' })]);
    expect(i.discovery.mode).toBe('synced');
    expect(i.routes).toEqual([expect.objectContaining({ host: 'retail.example.cn', path: '/inventory (prefix)', backends: ['inventory-sh 70%', 'inventory-bj 30%'], apps: ['inventory'], regions: 'all' })]);
    expect(i.targets).toEqual([expect.objectContaining({ app: 'inventory', host: 'retail.example.cn', path: '/inventory' })]);
  });
  it('THEN its nacos2 registry means Nacos 2.x clients: instances register over gRPC, and the line says how to change it', () => {
    expect(i.registration).toEqual({ mode: 'grpc', from: 'the McpBridge watches Nacos 2.x (type nacos2), whose clients register over gRPC (registration: http-v1 in region-lab.yaml for 1.x clients with beats)' });
    const v1 = dirWith({ 'bridge.yaml': readFileSync(`${SETS}/retail-ingress-export/mcpbridge.yaml`, 'utf8').replace('type: nacos2', 'type: nacos'), 'exported.yaml': readFileSync(`${SETS}/retail-ingress-export/exported.yaml`, 'utf8') });
    expect(inferDir(v1).registration.mode).toBe('http-v1');
    const said = dirWith({ 'bridge.yaml': readFileSync(`${SETS}/retail-ingress-export/mcpbridge.yaml`, 'utf8'), 'exported.yaml': readFileSync(`${SETS}/retail-ingress-export/exported.yaml`, 'utf8'), 'region-lab.yaml': 'registration: http-v1\n' });
    expect(inferDir(said).registration).toEqual({ mode: 'http-v1', from: `${join(said, 'region-lab.yaml')} registration` });
  });
  it('THEN with no region-lab.yaml every policy number is a default that says where to set it', () => {
    expect(i.policy.failoverMs).toEqual({ value: 20_000, source: 'region-lab default failover ≤ 20 s (set policy.failover in region-lab.yaml to change it)' });
    expect(describeInferred(i).join('\n')).toMatch(/^regions sh, bj — from service names inventory-sh \/ inventory-bj$/m);
  });
});

describe('HTTPRoute + McpBridge with a registry per region (payments)', () => {
  const i = inferDir(`${SETS}/payments-httproute-multi`);
  it('THEN multi-registry, each registry tied to its region by its name, Nacos namespace and group recovered', () => {
    expect(i.discovery).toEqual({ mode: 'multi-registry', from: 'the McpBridge lists a registry per region (nacos-east → east, nacos-west → west)' });
    expect(i.registries.map((r) => [r.name, r.region, r.domain])).toEqual([['nacos-east', 'east', 'nacos.east.fin.internal'], ['nacos-west', 'west', 'nacos.west.fin.internal']]);
    expect(i.services[0]).toEqual(expect.objectContaining({ app: 'ledger', group: 'PAY_GROUP', namespaceId: 'fin', names: { east: 'ledger-east', west: 'ledger-west' } }));
  });
  it('THEN region-lab.yaml sets Higress 2.1 and the policy, and --higress wins over it', () => {
    expect(i.higress.value).toBe('2.1');
    expect(i.policy.failoverMs.value).toBe(25_000);
    expect(i.policy.errorBudget.source).toMatch(/^your policy \(.*region-lab.yaml policy.errorBudget\): error budget 2%$/);
    const on22 = inferDir(`${SETS}/payments-httproute-multi`, '2.2');
    expect(on22.higress).toEqual({ value: '2.2', from: '--higress' });
    // on 2.2 the Gateway API conversion rejects the Nacos group: the route has no valid backend
    expect(on22.routes[0]!.backends.every((b) => b.startsWith('invalid backend'))).toBe(true);
    // the load still goes to the route, to show what 2.2 does with it
    expect(on22.targets.map((t) => t.path)).toEqual(['/ledger']);
  });
  it('GIVEN the same set with one service name WHEN inferred THEN regions come from the registry names, and the shared-name hazard is a warning', () => {
    const d = dirWith({
      'mcpbridge.yaml': readManifests(`${SETS}/payments-httproute-multi`).routing.filter((o) => o.kind === 'McpBridge').map((o) => JSON.stringify(o.value)).join(''),
      'route.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: ledger, namespace: payments }\nspec:\n  rules:\n    - backendRefs: [{ name: ledger.PAY-GROUP.fin.nacos, group: networking.higress.io, port: 8080 }]\n',
    });
    const j = inferDir(d);
    expect(j.regions.map((r) => r.name)).toEqual(['east', 'west']);
    expect(j.regionsFrom).toBe('from one McpBridge registry per region: names nacos-east / nacos-west');
    expect(j.services[0]!.names).toEqual({ east: 'ledger', west: 'ledger' });
    expect(j.warnings.join('\n')).toMatch(/ledger.PAY-GROUP.fin.nacos is listed by 2 registries.*last-pushing registry/);
  });
});

describe('DestinationRule locality failover (catalog)', () => {
  const i = inferDir(`${SETS}/catalog-locality-dr`);
  it('THEN regions hz, sh from the Deployments\' region labels, one shared name registered in both', () => {
    expect(i.regions.map((r) => r.name)).toEqual(['hz', 'sh']);
    expect(i.regionsFrom).toMatch(/^from region labels on Deployment catalog\/pricing/);
    expect(i.services[0]!.names).toEqual({ hz: 'pricing', sh: 'pricing' });
    expect(i.services[0]!.from).toMatch(/no region word: registered under that one name in every region/);
  });
  it('THEN the gateway pod labels come from region-lab.yaml and no warning about failoverPriority remains', () => {
    expect(i.gatewayPodLabels.labels).toEqual({ region: '{region}' });
    expect(i.warnings).toEqual([]);
  });
  it('GIVEN no gatewayPodLabels THEN a warning says failoverPriority ranks every endpoint the same', () => {
    const read = readManifests(`${SETS}/catalog-locality-dr`);
    const j = infer(read, undefined, { defaultName: 'x' });
    expect(j.warnings.join('\n')).toMatch(/ranks endpoints by region .* carry no region: every endpoint ranks the same/);
  });
});

describe('nothing to infer', () => {
  it('GIVEN one service and one registry THEN exit 2 naming region-lab.yaml, what was looked at, and an example', () => {
    let err: unknown;
    try {
      inferDir(`${SETS}/nothing-to-infer`);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInputError);
    const e = err as BadInputError;
    expect(e.exitCode).toBe(2);
    expect(e.problems[0]!.file).toBe(join(`${SETS}/nothing-to-infer`, 'region-lab.yaml'));
    expect(e.message).toMatch(/service names: storefront/);
    expect(e.hint).toMatch(/regions:\n  - name: south\n    services: \{ orders: orders-south \}/);
  });
  it('GIVEN the same set with region-lab.yaml naming the regions THEN it runs with the user\'s names', () => {
    const d = dirWith({
      'app.yaml': `apiVersion: networking.higress.io/v1\nkind: McpBridge\nmetadata: { name: default, namespace: higress-system }\nspec:\n  registries: [{ name: nacos, type: nacos2, domain: nacos.infra.svc, port: 8848 }]\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: storefront\n  annotations: { higress.io/destination: storefront.DEFAULT-GROUP.public.nacos }\nspec:\n  ingressClassName: higress\n  rules: [{ host: www.example.org, http: { paths: [{ path: /, pathType: Prefix, backend: { resource: { apiGroup: networking.higress.io, kind: McpBridge, name: default } } }] } }]\n`,
      'region-lab.yaml': 'regions:\n  - { name: left, services: { storefront: storefront } }\n  - { name: right, services: { storefront: storefront } }\n',
    });
    const i = inferDir(d);
    expect(i.regions.map((r) => r.name)).toEqual(['left', 'right']);
    expect(i.services[0]!.from).toMatch(/region-lab.yaml regions\[\]\.services\.storefront/);
  });
  it('GIVEN a bad region-lab.yaml THEN exit 2 naming the field', () => {
    const d = dirWith({ 'region-lab.yaml': 'policy: { failover: soon }\nregionz: []\n' });
    expect(() => readPolicy(d)).toThrow(/policy.failover: "soon" is not a duration[\s\S]*regionz: unknown field/);
  });
});
