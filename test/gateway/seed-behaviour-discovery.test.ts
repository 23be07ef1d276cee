// Seed manifests on discovery and business-service routes (01–03, 07–10, 13), each
// loaded into an in-process gateway and asserted through HTTP: McpBridges not named
// `default` are ignored by Higress, `healthCheck` is refused, HTTPRoute → Nacos
// works on 2.1 and answers 500 on 2.2, a foreign svc.cluster.local name answers 500.
// 06-helm-install-higress.sh is a helm shell block, not a manifest: no test.
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_BRIDGE, ignoredReasons, loadSeed, registryWith, seedFile, seedGateway } from '../support/seed-kit.js';
import { Cleanup, send, upstream } from '../support/gateway-kit.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

/** FIXTURE: a route to the Nacos user-service (the McpBridge seeds carry no route). */
const FIXTURE_ROUTE = `# FIXTURE (not from the seed): HTTPRoute to the Nacos user-service
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: fixture-user-route, namespace: default }
spec:
  parentRefs: [{ name: higress-gateway }]
  hostnames: [api.example.com]
  rules:
    - backendRefs: [{ name: user-service.DEFAULT-GROUP.public.nacos, group: networking.higress.io, port: 8080 }]
`;

/** A McpBridge seed not named `default`: ignored, so its registries are never read and the route has no cluster. */
async function ignoredBridge(seed: string, registries: readonly string[], route: { seeds?: string[]; fixtures?: string[]; path: string }) {
  const user = await upstream(cleanup, 'user-service');
  const registry = registryWith({ 'user-service': [user] }, registries[0]);
  for (const r of registries.slice(1)) registryWith({ 'user-service': [user] }, r, registry);
  const t = await seedGateway(cleanup, [seed, ...(route.seeds ?? [])], { registry, ...(route.fixtures ? { fixtures: route.fixtures } : {}) });
  const r = await send(t.port, { path: route.path });
  expect(r).toMatchObject({ status: 500, body: '' });
  expect(user.seen).toHaveLength(0);
  expect(ignoredReasons(t).join('\n')).toMatch(/McpBridge higress-system\/\S+: Higress reconciles only the McpBridge named "default"/);
  return t;
}

/** An HTTPRoute seed with a Nacos backendRef on /api: served on 2.1, 500 on 2.2 (conversion.go). */
async function nacosApiRoute(seed: string) {
  const user = await upstream(cleanup, 'user-service');
  const registry = registryWith({ 'user-service': [user] });
  const on21 = await seedGateway(cleanup, [seed], { fixtures: [FIXTURE_BRIDGE], registry });
  expect(await send(on21.port, { path: '/api/users?id=1' })).toMatchObject({ status: 200, body: 'user-service' });
  expect(user.seen[0]).toMatchObject({ url: '/api/users?id=1', headers: { host: 'api.example.com' } });
  expect((await send(on21.port, { path: '/apis' })).status).toBe(404);
  const on22 = await seedGateway(cleanup, [seed], { fixtures: [FIXTURE_BRIDGE], registry, higress: '2.2' });
  expect(await send(on22.port, { path: '/api/users' })).toMatchObject({ status: 500, body: '' });
  expect(user.seen).toHaveLength(1);
}

/** An HTTPRoute seed naming another cluster's `svc.cluster.local` FQDN as a Service backendRef. */
async function fqdnRoute(seed: string) {
  const biz = await upstream(cleanup, 'business-user-service');
  // FIXTURE: the business cluster's Service, as if its network were reachable from the gateway
  const services = { 'user-service.business.svc.cluster.local:8080': [biz.address] };
  for (const higress of ['2.1', '2.2'] as const) {
    const t = await seedGateway(cleanup, [seed], { services, higress });
    expect(await send(t.port, { path: '/business/orders' })).toMatchObject({ status: 404 });
    expect(ignoredReasons(t).join('\n')).toMatch(/has a dot.*drops the whole HTTPRoute/);
  }
  expect(biz.seen).toHaveLength(0);
  // with the runbook's own route on / for the same host, /business is silently served by it
  const user = await upstream(cleanup, 'user-service-south');
  const t = await seedGateway(cleanup, [seed, '04'], { services, fixtures: [FIXTURE_BRIDGE], registry: registryWith({ 'user-service-south': [user], 'user-service-north': [user] }) });
  expect(await send(t.port, { path: '/business/orders' })).toMatchObject({ status: 200, body: 'user-service-south' });
}

describe('seed manifests: discovery and business-service routes', () => {
  it('seed 01-business-cluster.yaml: GIVEN the McpBridge "business-cluster" with seed 02 WHEN /api is requested THEN 500, the Nacos service is never read — as Higress reconciles only the McpBridge named "default"; renamed "default" it serves', async () => {
    await ignoredBridge('01', ['nacos-business-south'], { seeds: ['02'], path: '/api/users' });
    const user = await upstream(cleanup, 'user-service-renamed');
    const renamed = seedFile('01').text.replace('name: business-cluster', 'name: default');
    const t = await seedGateway(cleanup, ['02'], { fixtures: [`# FIXTURE: seed 01 renamed default\n${renamed}`], registry: registryWith({ 'user-service': [user] }, 'nacos-business-south') });
    expect(await send(t.port, { path: '/api/users' })).toMatchObject({ status: 200, body: 'user-service-renamed' });
  });

  it('seed 02-business-service-route.yaml: GIVEN a default McpBridge (fixture) WHEN /api/users is requested THEN Higress 2.1 serves it from the Nacos user-service (path kept), /apis is 404, and 2.2 answers 500 — as its Gateway API conversion rejects the networking.higress.io group', async () => {
    await nacosApiRoute('02');
  });

  it('seed 03-business-fqdn-route.yaml: GIVEN the business Service reachable (fixture) WHEN /business is requested THEN 404 on 2.1 and 2.2 and the business pod sees nothing; with the runbook\'s proximity route on / the request is served by that route instead — as a backendRef name with dots is a conversion error that drops the whole HTTPRoute (conversion.go InvalidDestination), not a 500', async () => {
    await fqdnRoute('03');
  });

  it('seed 07-multi-cluster.yaml: GIVEN the two-Nacos McpBridge "multi-cluster" and a route (fixture) WHEN requested THEN 500 and neither Nacos is read — as Higress ignores McpBridges not named "default"', async () => {
    await ignoredBridge('07', ['local-nacos', 'nacos-north'], { fixtures: [FIXTURE_ROUTE], path: '/' });
  });

  it('seed 08-business-cluster.yaml: GIVEN the three-Nacos McpBridge "business-cluster" with its companion seed 09 WHEN /api is requested THEN 500 — as Higress ignores McpBridges not named "default"', async () => {
    await ignoredBridge('08', ['local-nacos', 'nacos-business-south', 'nacos-business-north'], { seeds: ['09'], path: '/api/users' });
  });

  it('seed 09-business-service-route.yaml: GIVEN a default McpBridge (fixture) WHEN /api/users is requested THEN 2.1 serves it from the Nacos user-service and 2.2 answers 500', async () => {
    await nacosApiRoute('09');
  });

  it('seed 10-business-fqdn-route.yaml: GIVEN the business Service reachable (fixture) WHEN /business is requested THEN 404 on both profiles (the route is dropped; with a / route for the host it falls through there) — as a backendRef name with dots is a conversion error', async () => {
    await fqdnRoute('10');
  });

  it('seed 13-health-check.yaml: WHEN applied THEN kubectl refuses that McpBridge alone (its registries never read), naming spec.registries[0].healthCheck and [1]; the other manifests still apply — as the McpBridge CRD has no healthCheck field', async () => {
    const m = loadSeed(['13'], { fixtures: [FIXTURE_BRIDGE] });
    const refused = m.ignored.find((i) => i.kind === 'McpBridge')!;
    expect(refused.reason).toMatch(/kubectl apply refuses this McpBridge/);
    expect(refused.reason).toMatch(/spec\.registries\[0\].*healthCheck/);
    expect(refused.reason).toMatch(/spec\.registries\[1\].*healthCheck/);
    expect(refused.reason).toMatch(/McpBridge has no healthCheck field/);
    expect(m.registries.map((r) => r.name)).toEqual(['local-nacos']);
  });
});
