// Scenario: the Nacos 2.x gRPC client against a real Nacos 2.5.0 (from the install
// cache): registration seen over HTTP v1, subscription pushes within 1 s, removal at
// once when the registering connection closes, the gateway discovering over gRPC
// (push-driven endpoints, empty push dropped), the business gRPC registration, and
// redo after a Nacos restart. Addresses: 127.0.31.0/24 only.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration } from '../../src/business/registration.js';
import { businessConfigSchema } from '../../src/business/config.js';
import { parseGatewayConfig } from '../../src/gateway/data-plane/model/gateway-config.js';
import { memoryEventLog } from '../../src/gateway/events.js';
import { startGateway } from '../../src/gateway/data-plane/model/gateway.js';
import { loadManifests } from '../../src/gateway/translation/manifests.js';
import { profileFor } from '../../src/gateway/profiles.js';
import { Cleanup, upstream } from '../support/gateway-kit.js';
import { NacosGrpcClient } from '../../src/registry/nacos-grpc/client.js';
import type { ClientEvent, ServiceInfo } from '../../src/registry/nacos-grpc/types.js';
import { listInstances } from '../../src/registry/nacos-http.js';
import { startNacos, type StartedNacos } from '../../src/targets/local/nacos-server.js';
import { harness, processesMentioning, type Harness } from '../support/harness.js';
import { PARENT_REFS, TEST_GATEWAYS } from '../support/gateway-kit.js';

const NACOS = { address: '127.0.31.10', port: 8848 };
const http = { address: `${NACOS.address}:${NACOS.port}` };
const G = 'DEFAULT_GROUP';

let h: Harness;
let nacos: StartedNacos;
const clients: NacosGrpcClient[] = [];
const cleanup = new Cleanup();

async function client(events?: ClientEvent[]): Promise<NacosGrpcClient> {
  const c = new NacosGrpcClient({ address: http.address, clientIp: '127.0.31.1', onEvent: (e) => events?.push(e) });
  clients.push(c);
  await c.start();
  return c;
}

/** Resolves with the first push that satisfies `pred`, and when it came. */
function pushWhere(c: NacosGrpcClient, service: string, pred: (i: ServiceInfo) => boolean): { subscribed: Promise<ServiceInfo>; push: Promise<{ info: ServiceInfo; at: number }> } {
  let resolve!: (v: { info: ServiceInfo; at: number }) => void;
  const push = new Promise<{ info: ServiceInfo; at: number }>((r) => (resolve = r));
  const subscribed = c.subscribe(service, G, (info) => pred(info) && resolve({ info, at: performance.now() }));
  return { subscribed, push };
}

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))]);

const ports = async (service: string) => (await listInstances(http, service, G)).map((i) => i.port).sort();

beforeAll(async () => {
  h = harness('nacos-grpc');
  nacos = await startNacos(h, { region: 'it-grpc', ...NACOS });
}, 240_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await cleanup.run();
  const dir = h.stateDir;
  await h.teardown();
  expect(await processesMentioning(dir)).toEqual([]);
});

describe('Nacos 2.x gRPC client on a real Nacos 2.5.0', () => {
  it('GIVEN an instance registered over gRPC WHEN read over HTTP v1 THEN it is there with its metadata, and the gRPC service list names it', async () => {
    const a = await client();
    await a.registerInstance('grpc-reg', G, { ip: '127.0.31.50', port: 9001, metadata: { region: 'south' } });
    const [i] = await listInstances(http, 'grpc-reg', G);
    expect(i).toMatchObject({ ip: '127.0.31.50', port: 9001, healthy: true, enabled: true, ephemeral: true, metadata: { region: 'south' } });
    expect(await a.listServices(G)).toContain('grpc-reg');
    expect((await a.queryInstances('grpc-reg', G)).hosts.map((x) => x.port)).toEqual([9001]);
  });

  it('GIVEN a subscriber WHEN another connection registers THEN the push arrives within 1 s; WHEN that connection closes THEN the instance is gone at once and pushed', async () => {
    const sub = await client();
    const reg = await client();
    const added = pushWhere(sub, 'grpc-push', (i) => i.hosts.some((x) => x.port === 9002));
    expect((await added.subscribed).hosts).toEqual([]);
    const t0 = performance.now();
    await reg.registerInstance('grpc-push', G, { ip: '127.0.31.50', port: 9002 });
    const { at: addedAt, info } = await within(added.push, 1000, 'push of the registration');
    expect(info.hosts[0]).toMatchObject({ ip: '127.0.31.50', port: 9002, healthy: true });

    let removed!: (at: number) => void;
    const gone = new Promise<number>((r) => (removed = r));
    await sub.subscribe('grpc-push', G, (i) => i.hosts.length === 0 && removed(performance.now()));
    const t1 = performance.now();
    reg.close(); // no deregister: only the TCP close tells Nacos
    const goneAt = await within(gone, 1000, 'push of the removal');
    expect(await ports('grpc-push')).toEqual([]);
    console.log(`push latency: registration ${Math.round(addedAt - t0)} ms, connection close ${Math.round(goneAt - t1)} ms`);
  });

  it('GIVEN a gateway with discovery.protocol grpc WHEN an instance registers over gRPC THEN it routes to it; WHEN the registering connection closes THEN the empty push is dropped and the endpoint stays (stale)', async () => {
    const up = await upstream(cleanup, 'grpc-backend', '127.0.31.30');
    const events = memoryEventLog();
    const yaml = `apiVersion: networking.higress.io/v1
kind: McpBridge
metadata: { name: default, namespace: higress-system }
spec:
  registries:
    - { name: nacos-grpc, type: nacos2, domain: ${NACOS.address}, port: ${NACOS.port}, nacosNamespaceId: public, nacosGroups: [${G}] }
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
    - backendRefs: [{ name: grpc-gw.DEFAULT-GROUP.public.nacos, group: networking.higress.io, port: 8080 }]`;
    const config = parseGatewayConfig({
      name: 'gw-grpc', region: 'south', higress: '2.1', discovery: { protocol: 'grpc' },
      listen: { host: '127.0.31.20', port: 0 }, admin: { host: '127.0.31.20', port: 0 }, health: { host: '127.0.31.20', port: 0 },
      manifests: ['inline.yaml'], eventsFile: '/dev/null',
    });
    const gw = await startGateway(config, { events, manifests: loadManifests([{ file: 'inline.yaml', text: yaml }], profileFor('2.1')), refreshIntervalMs: 300 });
    cleanup.push(() => gw.stop());
    const reg = await client();
    const [ip, port] = up.address.split(':');
    const t0 = performance.now();
    await reg.registerInstance('grpc-gw', G, { ip: ip!, port: Number(port) });
    const cluster = () => gw.clusters.get('grpc-gw.DEFAULT-GROUP.public.nacos');
    await waitUntil(() => (cluster()?.endpoints.length ?? 0) > 0, 3000); // ≤ one refresh (300 ms) + subscribe
    console.log(`gateway: service registered → endpoint applied in ${Math.round(performance.now() - t0)} ms`);
    expect((await get(gw.addresses.listen.port)).status).toBe(200);

    reg.close();
    await waitUntil(() => events.events.some((e) => e.kind === 'endpoints-stale'), 2000);
    expect(events.events.find((e) => e.kind === 'endpoints-stale')).toMatchObject({ cluster: 'grpc-gw.DEFAULT-GROUP.public.nacos', endpoints: 1 });
    expect(cluster()?.endpoints.map((e) => e.address)).toEqual([up.address]);
  });

  it('GIVEN the business registration set to grpc WHEN registered THEN HTTP v1 lists it; WHEN stopped THEN it is deregistered', async () => {
    const cfg = businessConfigSchema.parse({
      app: 'user-service', nacosService: 'grpc-biz', region: 'south', cluster: 'biz-south', instance: 'grpc-biz-1', registration: 'grpc',
      listen: { host: '127.0.31.40', port: 19301 }, admin: { host: '127.0.31.40', port: 29301 }, nacos: { address: http.address }, metadata: { region: 'south' },
    });
    const logged: string[] = [];
    const reg = registration(cfg, (level, ...a) => void logged.push(`${level} ${a.join(' ')}`));
    await reg.register();
    expect(await listInstances(http, 'grpc-biz', G)).toMatchObject([{ ip: '127.0.31.40', port: 19301, metadata: { region: 'south' } }]);
    await reg.stop();
    expect(logged.filter((l) => l.startsWith('WARN'))).toEqual([]);
    // the HTTP read model (ServiceStorage) follows the deregistration event asynchronously
    const t0 = performance.now();
    await waitUntilAsync(async () => (await ports('grpc-biz')).length === 0, 2000);
    console.log(`business deregistration visible over HTTP v1 after ${Math.round(performance.now() - t0)} ms`);
  });

  it('GIVEN a registered and a subscribed client WHEN Nacos restarts THEN both reconnect, redo, and the subscriber is pushed the instance again', async () => {
    const subEvents: ClientEvent[] = [];
    const sub = await client(subEvents);
    const reg = await client();
    await reg.registerInstance('grpc-redo', G, { ip: '127.0.31.50', port: 9005 });
    let back!: () => void;
    const pushedAgain = new Promise<void>((r) => (back = r));
    let lost = false;
    await sub.subscribe('grpc-redo', G, (i) => lost && i.hosts.some((x) => x.port === 9005) && back());
    await nacos.stop();
    lost = true;
    nacos = await startNacos(h, { region: 'it-grpc', ...NACOS }); // ephemeral data is gone until clients redo
    const up = performance.now();
    await within(pushedAgain, 15_000, 'push after redo');
    console.log(`redo: pushed again ${Math.round(performance.now() - up)} ms after Nacos answered HTTP again`);
    expect(await ports('grpc-redo')).toEqual([9005]);
    expect(subEvents.map((e) => e.kind)).toEqual(['connected', 'disconnected', 'connected']);
  }, 120_000);
});

async function waitUntil(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function waitUntilAsync(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function get(port: number): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.31.20', port, path: '/', headers: { host: 'api.example.com' }, agent: false }, (res) => {
      res.resume().on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end();
  });
}
