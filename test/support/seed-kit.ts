// Test support for seed-behaviour*.test.ts: a seed manifest read from clusters/seed/
// by its number, an in-process gateway built from it plus fixtures (each labelled
// FIXTURE: not from the seed), upstreams registered in an in-memory Nacos, tallies.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGatewayConfig } from '../../src/gateway/data-plane/model/gateway-config.js';
import { memoryEventLog } from '../../src/gateway/events.js';
import { startGateway } from '../../src/gateway/data-plane/model/gateway.js';
import { loadManifests, type ManifestText } from '../../src/gateway/translation/manifests.js';
import { profileFor, type HigressProfileName } from '../../src/gateway/profiles.js';
import { MemoryRegistry } from '../../src/gateway/discovery/registry-source.js';
import { KubeServices } from '../../src/gateway/translation/services.js';
import { seeded, send, type Cleanup, type Reply, type TestGateway, type TestUpstream } from './gateway-kit.js';

export const SEED_DIR = join(import.meta.dirname, '../../clusters/seed');

/** The seed file whose name starts with `nn-` (e.g. "15"). */
export function seedFile(nn: string): ManifestText {
  const name = readdirSync(SEED_DIR).find((f) => f.startsWith(`${nn}-`));
  if (!name) throw new Error(`no seed manifest ${nn}-*`);
  const file = join(SEED_DIR, name);
  return { file, text: readFileSync(file, 'utf8') };
}

/**
 * FIXTURE (not from the seed): the two Gateways the runbook's HTTPRoutes name and never
 * define (clusters/routes/gateways.yaml); without them no runbook HTTPRoute attaches.
 */
export const FIXTURE_GATEWAYS = readFileSync(join(import.meta.dirname, '../../clusters/routes/gateways.yaml'), 'utf8');

/** The registry every fixture McpBridge declares (FIXTURE). */
export const FIXTURE_REGISTRY = 'local-nacos';

/** FIXTURE: the McpBridge Higress reconciles (named `default` in higress-system), one Nacos. */
export const FIXTURE_BRIDGE = `# FIXTURE (not from the seed): the McpBridge Higress reads
apiVersion: networking.higress.io/v1
kind: McpBridge
metadata: { name: default, namespace: higress-system }
spec:
  registries:
    - { name: ${FIXTURE_REGISTRY}, type: nacos2, domain: nacos.local, port: 8848, nacosNamespaceId: public, nacosGroups: [DEFAULT_GROUP] }
`;

/** FIXTURE: a base (non-canary) Ingress, which every canary Ingress needs for its host and path. */
export function fixtureIngress(name: string, host: string, service: string, port = 8080): string {
  return `# FIXTURE (not from the seed): ${name}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${name}, namespace: default }
spec:
  ingressClassName: higress
  rules:
    - host: ${host}
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: ${service}, port: { number: ${port} } } } }
`;
}

export interface SeedGateway extends TestGateway {
  readonly port: number;
  /** The HTTPS listener (Higress's 443). */
  readonly httpsPort: number;
}

export interface SeedOptions {
  readonly fixtures?: readonly string[];
  readonly higress?: HigressProfileName;
  readonly services?: Record<string, string[]>;
  readonly registry?: MemoryRegistry;
  /** Add FIXTURE_GATEWAYS. @default true (false: the runbook as written) */
  readonly gateways?: boolean;
}

/** Loads the seed manifests and fixtures as Higress would (may throw BadInputError). */
export function loadSeed(seeds: readonly string[], opts: SeedOptions = {}) {
  const fixtures = [...(opts.gateways === false ? [] : [FIXTURE_GATEWAYS]), ...(opts.fixtures ?? [])];
  const inputs = [...seeds.map(seedFile), ...fixtures.map((text, i) => ({ file: `fixture-${i}.yaml`, text }))];
  return loadManifests(inputs, profileFor(opts.higress ?? '2.1'), { services: new KubeServices(opts.services ?? {}) });
}

/** An in-process gateway on 127.0.0.1:0 built from seed manifests `seeds` plus fixtures. */
export async function seedGateway(cleanup: Cleanup, seeds: readonly string[], opts: SeedOptions = {}): Promise<SeedGateway> {
  const events = memoryEventLog();
  const higress = opts.higress ?? '2.1';
  const config = parseGatewayConfig({
    name: 'gw-seed', region: 'south', higress,
    listen: { host: '127.0.0.1', port: 0 }, listenHttps: { host: '127.0.0.1', port: 0 }, admin: { host: '127.0.0.1', port: 0 }, health: { host: '127.0.0.1', port: 0 },
    manifests: seeds.length > 0 ? seeds.map((s) => seedFile(s).file) : ['fixtures.yaml'], pushPollMs: 20, eventsFile: '/dev/null', services: opts.services ?? {},
  });
  const registry = opts.registry ?? new MemoryRegistry();
  const manifests = loadSeed(seeds, opts);
  const gw = await startGateway(config, { source: registry, events, random: seeded(7), manifests, refreshIntervalMs: 50 });
  cleanup.push(() => gw.stop());
  return { gw, events: events.events, registry, port: gw.addresses.listen.port, httpsPort: gw.addresses.listenHttps?.port ?? 0 };
}

/** A Nacos registry (named `registryName`) holding each service with the upstreams as instances. */
export function registryWith(services: Record<string, readonly TestUpstream[]>, registryName = FIXTURE_REGISTRY, registry = new MemoryRegistry()): MemoryRegistry {
  for (const [service, ups] of Object.entries(services)) {
    registry.set(registryName, 'DEFAULT_GROUP', service, ups.map((u) => ({ ip: '127.0.0.1', port: Number(u.address.split(':')[1]) })));
  }
  return registry;
}

/** Sends `n` requests one after another; tallies who answered (x-served-by, else the status). */
export async function tally(port: number, n: number, opts: Parameters<typeof send>[1] = {}): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const r: Reply = await send(port, opts);
    const key = typeof r.headers['x-served-by'] === 'string' ? r.headers['x-served-by'] : String(r.status);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** The ignored-manifest reasons the gateway reported. */
export function ignoredReasons(t: TestGateway): string[] {
  return t.events.flatMap((e) => (e.kind === 'manifest-ignored' ? [`${e.name}: ${e.reason}`] : []));
}
