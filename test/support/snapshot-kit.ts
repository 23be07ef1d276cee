// Test support: the xDS snapshot the translation writes for manifests, with a Nacos
// host's endpoints made up (one per region) and every Kubernetes Service a route
// names given one endpoint, as the controller would assemble it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileFor, type HigressProfileName } from '../../src/gateway/profiles.js';
import { buildGatewaySnapshot, referencedClusters } from '../../src/gateway/translation/envoy/snapshot.js';
import { pathConfigSource } from '../../src/gateway/xds/files.js';
import { loadManifests, type LoadedManifests, type ManifestText } from '../../src/gateway/translation/manifests.js';
import { KubeServices, parseOutboundCluster } from '../../src/gateway/translation/services.js';
import type { EndpointSpec } from '../../src/gateway/xds/endpoint-spec.js';
import type { XdsSnapshot } from '../../src/gateway/xds/snapshot.js';

export const ROOT = join(import.meta.dirname, '../..');

/** Every manifest file of a folder (seed or routes), as text. */
export function manifestFiles(dir: string): ManifestText[] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: join(ROOT, dir, f), text: readFileSync(join(ROOT, dir, f), 'utf8') }));
}

/** The Gateways region-lab adds for the runbook's HTTPRoutes (clusters/routes/gateways.yaml). */
export const GATEWAYS: ManifestText = { file: join(ROOT, 'clusters/routes/gateways.yaml'), text: readFileSync(join(ROOT, 'clusters/routes/gateways.yaml'), 'utf8') };

/** Each manifest loaded with the Gateways its routes attach to (a file that is bad input on its own is left out). */
export function loadable(files: readonly ManifestText[], higress: HigressProfileName): { file: ManifestText; manifests: LoadedManifests }[] {
  const out: { file: ManifestText; manifests: LoadedManifests }[] = [];
  for (const f of files) {
    try {
      out.push({ file: f, manifests: loadManifests([GATEWAYS, f], profileFor(higress), { ingressClass: '', services: new KubeServices() }) });
    } catch {
      // refused as a whole (tested elsewhere)
    }
  }
  return out;
}

export interface SnapshotOptions {
  readonly higress?: HigressProfileName;
  readonly dir?: string;
  readonly podLabels?: Record<string, string>;
  readonly locality?: string;
  readonly endpoints?: ReadonlyMap<string, readonly EndpointSpec[]>;
  readonly listenHttps?: string;
  readonly compensate127Hosts?: (cluster: string) => number;
}

/** The snapshot for `m`: Nacos hosts a route names get a south and a north endpoint unless given. */
export function snapshotOf(m: LoadedManifests, o: SnapshotOptions = {}): XdsSnapshot {
  const dir = o.dir ?? '/xds';
  const endpoints = new Map(o.endpoints ?? []);
  let port = 20_000;
  for (const host of referencedClusters(m.routes)) {
    if (endpoints.has(host)) continue;
    const svc = parseOutboundCluster(host);
    endpoints.set(host, svc ? [{ address: `127.0.0.9:${port++}`, weight: 1, labels: {} }] : [{ address: `127.0.1.101:${port++}`, weight: 1, labels: { region: 'south' } }, { address: `127.0.2.101:${port++}`, weight: 1, labels: { region: 'north' } }]);
  }
  return buildGatewaySnapshot({
    version: '1',
    manifests: m,
    endpoints,
    profile: profileFor(o.higress ?? '2.1'),
    proxy: { labels: o.podLabels ?? {}, locality: o.locality ?? '' },
    listen: '127.0.0.9:8080',
    ...(o.listenHttps ? { listenHttps: o.listenHttps } : {}),
    sources: { rds: (n) => pathConfigSource(`${dir}/rds/${n}.json`), eds: (c) => pathConfigSource(`${dir}/eds/${encodeURIComponent(c)}.json`), sds: () => pathConfigSource(`${dir}/sds-none.json`) },
    ...(o.compensate127Hosts ? { compensate127Hosts: o.compensate127Hosts } : {}),
  });
}

/** A resource by name (route configuration, cluster) or cluster_name (load assignment). */
export function named<T extends { readonly [k: string]: unknown }>(list: readonly T[], name: string): Record<string, any> {
  const r = list.find((x) => x.name === name || x.cluster_name === name);
  if (!r) throw new Error(`no resource named ${name} in ${list.map((x) => String(x.name ?? x.cluster_name)).join(', ')}`);
  return r as Record<string, any>;
}

/** Every route of a route configuration, flattened over its virtual hosts. */
export function routesOf(s: XdsSnapshot, routeConfig = 'http.80'): Record<string, any>[] {
  return (named(s.routeConfigs, routeConfig).virtual_hosts as { routes: Record<string, any>[] }[]).flatMap((v) => v.routes);
}
