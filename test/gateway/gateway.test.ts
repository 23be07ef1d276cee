// The real gateway in-process, in front of small Node HTTP servers, with an
// in-memory registry: routing, retries to the other host when one dies, Envoy's
// 503 wording when all are gone, profile differences, stale endpoints, admin.
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/data-plane/model/gateway-config.js';
import { memoryEventLog } from '../../src/gateway/events.js';
import { startGateway, type StartedGateway } from '../../src/gateway/data-plane/model/gateway.js';
import { loadManifests } from '../../src/gateway/translation/manifests.js';
import { profileFor, type HigressProfileName } from '../../src/gateway/profiles.js';
import { MemoryRegistry } from '../../src/gateway/discovery/registry-source.js';
import { PARENT_REFS, TEST_GATEWAYS } from '../support/gateway-kit.js';

const SERVICE = 'user-service.DEFAULT-GROUP.public.nacos';
const MANIFESTS = `apiVersion: networking.higress.io/v1
kind: McpBridge
metadata: { name: default, namespace: higress-system }
spec:
  registries:
    - { name: local-nacos, type: nacos2, domain: nacos.local, port: 8848, nacosNamespaceId: public, nacosGroups: [DEFAULT_GROUP] }
---
${TEST_GATEWAYS}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  ${PARENT_REFS}
  hostnames: [api.example.com]
  rules:
    - backendRefs: [{ name: ${SERVICE}, group: networking.higress.io, port: 8080 }]`;

/** The same route as an Ingress to the Nacos host (higress.io/destination), which works on 2.2 too. */
const INGRESS_MANIFESTS = `${MANIFESTS.split('---')[0]}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: r
  namespace: default
  annotations: { higress.io/destination: "${SERVICE}" }
spec:
  ingressClassName: higress
  rules:
    - host: api.example.com
      http: { paths: [{ path: /, pathType: Prefix, backend: { resource: { apiGroup: networking.higress.io, kind: McpBridge, name: default } } }] }
`;

/** mulberry32: a seeded random source, so host picks repeat run to run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Upstream {
  readonly address: string;
  kill(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listenOn(server: Server | ReturnType<typeof createTcpServer>): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An HTTP server answering with its name (and a status it can be told to use). */
async function upstream(name: string, status = () => 200): Promise<Upstream> {
  const server = createHttpServer((req, res) => {
    req.resume();
    res.writeHead(status(), { 'x-served-by': name, server: 'node' });
    res.end(name);
  });
  const address = await listenOn(server);
  let alive = true;
  const kill = async () => {
    if (!alive) return;
    alive = false;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await new Promise((r) => setTimeout(r, 30)); // let the gateway's pool see the FINs
  };
  cleanups.push(kill);
  return { address, kill };
}

/** Toxiproxy with a dead upstream: accepts the TCP connection, then closes it. */
async function acceptThenClose(): Promise<Upstream> {
  const server = createTcpServer((s) => s.destroy());
  const address = await listenOn(server);
  const kill = () => new Promise<void>((r) => server.close(() => r()));
  cleanups.push(kill);
  return { address, kill };
}

/** routesAs: the profile the routes are converted with (2.1 stands in for a route that works on 2.2, e.g. Ingress). */
async function gateway(registry: MemoryRegistry, higress: HigressProfileName = '2.1', routesAs: HigressProfileName = higress, text = MANIFESTS) {
  const events = memoryEventLog();
  const config = parseGatewayConfig({
    name: 'gw-test', region: 'south', higress,
    listen: { host: '127.0.0.1', port: 0 }, admin: { host: '127.0.0.1', port: 0 }, health: { host: '127.0.0.1', port: 0 },
    manifests: ['inline.yaml'], pushPollMs: 20, eventsFile: '/dev/null',
  });
  const gw = await startGateway(config, { source: registry, events, random: seeded(7), manifests: loadManifests([{ file: 'inline.yaml', text }], profileFor(routesAs)), refreshIntervalMs: 50 });
  cleanups.push(() => gw.stop());
  return { gw, events: events.events };
}

interface Reply { status: number; body: string; headers: Record<string, string | string[] | undefined> }

function send(gw: StartedGateway, opts: { path?: string; method?: string; host?: string; port?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: opts.port ?? gw.addresses.listen.port, path: opts.path ?? '/', method: opts.method ?? 'GET', headers: { host: opts.host ?? 'api.example.com' }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.method === 'POST' ? 'payload' : undefined);
  });
}

const sendMany = (gw: StartedGateway, n: number) => Promise.all(Array.from({ length: n }, () => send(gw)));
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

async function twoHosts(higress: HigressProfileName = '2.1', statusA = () => 200, routesAs: HigressProfileName = higress, text = MANIFESTS) {
  const a = await upstream('A', statusA);
  const b = await upstream('B');
  const registry = new MemoryRegistry();
  const [ipA, portA] = a.address.split(':');
  const [ipB, portB] = b.address.split(':');
  registry.set('local-nacos', 'DEFAULT_GROUP', 'user-service', [
    { ip: ipA!, port: Number(portA), metadata: { region: 'south' } },
    { ip: ipB!, port: Number(portB), metadata: { region: 'north' } },
  ]);
  return { a, b, registry, ...(await gateway(registry, higress, routesAs, text)) };
}

describe('gateway process model', () => {
  it('GIVEN two healthy hosts WHEN 20 requests THEN all 200 from both, with Envoy headers, and the admin shows the cluster', async () => {
    const { gw } = await twoHosts();
    const replies = await sendMany(gw, 20);
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.body))).toEqual(new Set(['A', 'B']));
    expect(replies[0]?.headers.server).toBe('istio-envoy');
    expect(replies[0]?.headers['x-envoy-upstream-service-time']).toMatch(/^\d+$/);
    const clusters = (await fetch(`http://127.0.0.1:${gw.addresses.admin.port}/clusters`).then((r) => r.json())) as { name: string; endpoints: { labels: { region: string } }[] }[];
    expect(clusters[0]).toMatchObject({ name: SERVICE, lbPolicy: 'LEAST_REQUEST' });
    expect(clusters[0]!.endpoints.map((e) => e.labels.region).sort()).toEqual(['north', 'south']);
    expect((await fetch(`http://127.0.0.1:${gw.addresses.health.port}/healthz/ready`)).status).toBe(200);
    expect(await fetch(`http://127.0.0.1:${gw.addresses.admin.port}/stats/prometheus`).then((r) => r.text())).toContain(`regionlab_gateway_requests_total{gateway="gw-test",cluster="${SERVICE}",code="200"}`);
  });

  // one at a time: under concurrency, least request pulls retries back to the dead host
  // (it has no active requests) and a few requests fail even with 2 retries, as in Envoy
  it('GIVEN host A killed (connect refused) WHEN 30 GETs one after another THEN every one is retried to B and succeeds', async () => {
    const { gw, a, events } = await twoHosts();
    await a.kill();
    const replies: Reply[] = [];
    for (let i = 0; i < 30; i++) replies.push(await send(gw));
    expect(replies.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(replies.every((r) => r.body === 'B')).toBe(true);
    const retries = events.filter((e) => e.kind === 'retry');
    expect(retries.length).toBeGreaterThan(0);
    expect(retries[0]).toMatchObject({ cluster: SERVICE, retry: 1, reason: 'remote connection failure, delayed connect error: 111' });
  });

  it('GIVEN both hosts killed WHEN a GET THEN 503 with the Envoy 1.27 wording after retries', async () => {
    const { gw, a, b } = await twoHosts();
    await a.kill();
    await b.kill();
    const r = await send(gw);
    expect(r.status).toBe(503);
    expect(r.body).toBe('upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111');
    expect(r.headers.server).toBe('istio-envoy');
  });

  it('GIVEN both hosts killed WHEN a POST THEN not retried (idempotency guard): the wording has no "retried"', async () => {
    const { gw, a, b, events } = await twoHosts();
    await a.kill();
    await b.kill();
    const r = await send(gw, { method: 'POST' });
    expect(r.body).toBe('upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: 111');
    expect(events.filter((e) => e.kind === 'retry')).toEqual([]);
  });

  it('GIVEN an endpoint that accepts then closes (Toxiproxy, dead upstream) WHEN a GET THEN 503 connection termination, not retried', async () => {
    const t = await acceptThenClose();
    const registry = new MemoryRegistry();
    registry.set('local-nacos', 'DEFAULT_GROUP', 'user-service', [{ ip: '127.0.0.1', port: Number(t.address.split(':')[1]) }]);
    const { gw, events } = await gateway(registry);
    const r = await send(gw);
    expect(r).toMatchObject({ status: 503, body: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination' });
    expect(events.filter((e) => e.kind === 'retry')).toEqual([]);
  });

  it('GIVEN host A answers 503 WHEN on 2.1 THEN retried to B; WHEN on 2.2 (an Ingress route, which resolves there) THEN some 503s pass through', async () => {
    const on21 = await twoHosts('2.1', () => 503, '2.1', INGRESS_MANIFESTS);
    expect((await sendMany(on21.gw, 20)).every((r) => r.status === 200)).toBe(true);
    const on22 = await twoHosts('2.2', () => 503, '2.2', INGRESS_MANIFESTS);
    const codes = (await sendMany(on22.gw, 40)).map((r) => r.status);
    expect(codes).toContain(503);
    expect(on22.events.filter((e) => e.kind === 'retry')).toEqual([]);
  });

  it('GIVEN the HTTPRoute to a Nacos service WHEN on 2.2 THEN 500 with an empty body (invalid backend kind)', async () => {
    const { gw } = await twoHosts('2.2');
    expect(await send(gw)).toMatchObject({ status: 500, body: '' });
  });

  it('GIVEN an unknown host WHEN requested THEN 404', async () => {
    const { gw } = await twoHosts();
    expect((await send(gw, { host: 'nope.example.com' })).status).toBe(404);
  });

  it('GIVEN the instance list turns empty WHEN discovery polls THEN the endpoints stay (stale) and requests still go to them', async () => {
    const { gw, registry, events } = await twoHosts();
    registry.set('local-nacos', 'DEFAULT_GROUP', 'user-service', []);
    await until(() => events.some((e) => e.kind === 'endpoints-stale'));
    expect(gw.clusters.get(SERVICE)?.endpoints).toHaveLength(2);
    expect((await send(gw)).status).toBe(200);
  });

  it('GIVEN one instance deregistered WHEN discovery polls THEN an endpoint-removed event and traffic to the rest only', async () => {
    const { gw, b, registry, events } = await twoHosts();
    const [ip, port] = b.address.split(':');
    registry.set('local-nacos', 'DEFAULT_GROUP', 'user-service', [{ ip: ip!, port: Number(port) }]);
    await until(() => events.some((e) => e.kind === 'endpoint-removed'));
    expect((await sendMany(gw, 10)).every((r) => r.body === 'B')).toBe(true);
  });

  it('GIVEN no instance ever registered WHEN requested THEN no cluster: 500 on a Gateway API route', async () => {
    const registry = new MemoryRegistry();
    const { gw } = await gateway(registry);
    expect((await send(gw)).status).toBe(500);
  });

  it('GIVEN the registry unreachable after start WHEN polled THEN one registry-error and the last endpoints keep serving', async () => {
    const { gw, registry, events } = await twoHosts();
    registry.down.add('local-nacos');
    await until(() => events.some((e) => e.kind === 'registry-error'));
    await new Promise((r) => setTimeout(r, 100));
    expect(events.filter((e) => e.kind === 'registry-error')).toHaveLength(1);
    expect((await send(gw)).status).toBe(200);
  });
});
