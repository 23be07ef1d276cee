// Test support for the gateway's unit tests (no vitest import, so it is plain
// code): Node upstreams that echo what they received, an in-process gateway
// started from inline YAML with a `services` map, and a raw HTTP client.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseGatewayConfig, type GatewayProcessConfigInput } from '../../src/gateway/data-plane/model/gateway-config.js';
import { memoryEventLog } from '../../src/gateway/events.js';
import { startGateway, type StartedGateway } from '../../src/gateway/data-plane/model/gateway.js';
import type { GatewayEvent } from '../../src/gateway/events.js';
import { loadManifests } from '../../src/gateway/translation/manifests.js';
import { profileFor, type HigressProfileName } from '../../src/gateway/profiles.js';
import { MemoryRegistry } from '../../src/gateway/discovery/registry-source.js';
import { KubeServices } from '../../src/gateway/translation/services.js';
import { ClusterManager, type Cluster } from '../../src/gateway/data-plane/model/upstream/cluster.js';
import { TrafficPolicies } from '../../src/gateway/data-plane/model/traffic-policy.js';

/** The Gateways region-lab adds for the runbook's routes (clusters/routes/gateways.yaml): an HTTPRoute needs one to attach. */
export const TEST_GATEWAYS = readFileSync(join(import.meta.dirname, '../../clusters/routes/gateways.yaml'), 'utf8');

/** What a test HTTPRoute in `default` writes to attach to the `default/higress-gateway` of TEST_GATEWAYS. */
export const PARENT_REFS = 'parentRefs: [{ name: higress-gateway }]';

export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface TestUpstream {
  readonly name: string;
  readonly address: string;
  readonly seen: Seen[];
  /** Status to answer with (changeable). */
  status: number;
  /** Delay before answering, ms. */
  delayMs: number;
  close(): Promise<void>;
}

export class Cleanup {
  private readonly fns: (() => Promise<void>)[] = [];
  push(fn: () => Promise<void>): void {
    this.fns.push(fn);
  }
  async run(): Promise<void> {
    for (const f of this.fns.splice(0).reverse()) await f().catch(() => {});
  }
}

/** mulberry32: a seeded random source, so host picks repeat run to run. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function upstream(cleanup: Cleanup, name: string, host = '127.0.0.1'): Promise<TestUpstream> {
  const seen: Seen[] = [];
  const u: TestUpstream = { name, address: '', seen, status: 200, delayMs: 0, close: async () => {} };
  const server: Server = createHttpServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    const answer = () => {
      res.writeHead(u.status, { 'x-served-by': name });
      res.end(name);
    };
    if (u.delayMs > 0) setTimeout(answer, u.delayMs);
    else answer();
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  (u as { address: string }).address = `${host}:${(server.address() as AddressInfo).port}`;
  let open = true;
  u.close = async () => {
    if (!open) return;
    open = false;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await new Promise((r) => setTimeout(r, 20));
  };
  cleanup.push(u.close);
  return u;
}

export interface TestGateway {
  readonly gw: StartedGateway;
  readonly events: GatewayEvent[];
  readonly registry: MemoryRegistry;
}

export async function testGateway(cleanup: Cleanup, yaml: string, opts: { higress?: HigressProfileName; services?: Record<string, string[]>; registry?: MemoryRegistry; extra?: Partial<GatewayProcessConfigInput> } = {}): Promise<TestGateway> {
  const events = memoryEventLog();
  const higress = opts.higress ?? '2.1';
  const config = parseGatewayConfig({
    name: 'gw-test', region: 'south', higress,
    listen: { host: '127.0.0.1', port: 0 }, admin: { host: '127.0.0.1', port: 0 }, health: { host: '127.0.0.1', port: 0 },
    manifests: ['inline.yaml'], pushPollMs: 20, eventsFile: '/dev/null', services: opts.services ?? {}, ...opts.extra,
  });
  const registry = opts.registry ?? new MemoryRegistry();
  const manifests = loadManifests([{ file: 'inline.yaml', text: yaml }], profileFor(higress), { ingressClass: config.ingressClass, services: new KubeServices(config.services) });
  const gw = await startGateway(config, { source: registry, events, random: seeded(7), manifests, refreshIntervalMs: 50 });
  cleanup.push(() => gw.stop());
  return { gw, events: events.events, registry };
}

export interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

export function send(port: number, opts: { path?: string; method?: string; headers?: Record<string, string>; localAddress?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: opts.path ?? '/', method: opts.method ?? 'GET', headers: { host: 'api.example.com', ...opts.headers }, agent: false, ...(opts.localAddress ? { localAddress: opts.localAddress } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

export const until = async (check: () => boolean, ms = 3000): Promise<void> => {
  for (let i = 0; i < ms / 10 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

/** An Ingress to one Service, with annotations, for api.example.com. */
export function ingressYaml(name: string, annotations: Record<string, string>, opts: { path?: string; pathType?: string; service?: string; port?: number; host?: string; extraSpec?: string } = {}): string {
  const ann = Object.entries(annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n');
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: default
  annotations:
${ann || '    {}'}
spec:
  ingressClassName: higress
${opts.extraSpec ?? ''}  rules:
    - host: ${opts.host ?? 'api.example.com'}
      http:
        paths:
          - path: ${opts.path ?? '/'}
            pathType: ${opts.pathType ?? 'Prefix'}
            backend:
              service: { name: ${opts.service ?? 'backend'}, port: { number: ${opts.port ?? 8080} } }
`;
}

/**
 * A cluster (host `svc.DEFAULT-GROUP.public.nacos`) with one endpoint and the Envoy
 * health check given as the fields of an EnvoyFilter `health_checks` entry, e.g.
 * "timeout: 0.3s, interval: 0.1s, unhealthy_threshold: 3, healthy_threshold: 2"; clusterFields is
 * one more line of the merged cluster value (e.g. "ignore_health_on_host_removal: true").
 */
export function healthCheckedCluster(hcFields: string, address: string, onEvent?: (e: GatewayEvent) => void, clusterFields = ''): { cm: ClusterManager; cluster: Cluster; events: GatewayEvent[] } {
  const host = 'svc.DEFAULT-GROUP.public.nacos';
  const text = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: { name: hc }
spec:
  configPatches:
    - applyTo: CLUSTER
      match: { cluster: { service: ${host} } }
      patch:
        operation: MERGE
        value:
          health_checks:
            - { ${hcFields}, http_health_check: { path: /health } }
${clusterFields ? `          ${clusterFields}\n` : ''}`;
  const policy = loadManifests([{ file: 'ef.yaml', text }], profileFor('2.1')).policies.get(host)!;
  const events: GatewayEvent[] = [];
  const emit = (e: GatewayEvent) => {
    events.push(e);
    onEvent?.(e);
  };
  const cm = new ClusterManager((a) => a, emit, () => policy, new TrafficPolicies(emit));
  cm.apply(host, [{ address, weight: 1, labels: {} }]);
  return { cm, cluster: cm.get(host)!, events };
}
