// Which route serves which host and path, read through region-lab's own Higress
// translation (so a weight-0 backend is dropped and a Nacos backend on 2.2 is invalid,
// as on real Higress), which regions' gateways load each manifest (a folder or file
// named after a region), and the host and path to load for each routed service.
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadManifests, type ManifestText } from '../gateway/translation/manifests.js';
import { profileFor, type HigressProfileName } from '../gateway/profiles.js';
import type { RouteEntry } from '../gateway/xds/route-table.js';
import { parseOutboundCluster } from '../gateway/translation/services.js';
import { splitNacosHost } from './backends.js';
import type { InferredRoute, InferredService, LoadTarget } from './inferred.js';
import type { Policy } from './policy.js';
import type { UserObject } from './read-manifests.js';
import { regionIn } from './region-words.js';

/** The region a manifest file belongs to (a path segment or file-name token), or 'all'. */
export function regionOfFile(file: string, regions: readonly string[]): string | 'all' {
  return regionIn(file.replace(/\.ya?ml$/, ''), regions) ?? 'all';
}

export function manifestText(dir: string, objects: readonly UserObject[]): ManifestText[] {
  return objects.map((o) => ({ file: join(dir, o.file), text: stringify(o.value) }));
}

/** Routes as one region's gateways program them: the shared manifests and the region's own. */
export function routesFor(dir: string, objects: readonly UserObject[], region: string, regions: readonly string[], higress: HigressProfileName): RouteEntry[] {
  const mine = objects.filter((o) => o.kind !== 'McpBridge' && [region, 'all'].includes(regionOfFile(o.file, regions)));
  return [...loadManifests(manifestText(dir, mine), profileFor(higress)).routes];
}

const shortName = (host: string) => splitNacosHost(host)?.service ?? parseOutboundCluster(host)?.fqdn.split('.')[0] ?? host;

function pathOf(r: RouteEntry): string {
  return `${r.path.value} (${r.path.type === 'PathPrefix' ? 'prefix' : r.path.type === 'Exact' ? 'exact' : 'regex'})`;
}

function backendsOf(r: RouteEntry): string[] {
  const a = r.action;
  if (a.kind === 'direct') return [`answers ${a.status} (no backend with a weight above 0)`];
  if (a.kind === 'redirect') return [`redirects (${a.status})`];
  return a.clusters.map((c) => (c.host === null ? `invalid backend: ${c.invalidReason ?? 'no cluster'}` : `${shortName(c.host)} ${Math.round((c.weight / a.totalWeight) * 100)}%`));
}

const clusterHosts = (r: RouteEntry): string[] => (r.action.kind === 'clusters' ? r.action.clusters.flatMap((c) => (c.host ? [c.host] : [])) : []);

export function describeRoutes(perRegion: ReadonlyMap<string, RouteEntry[]>, services: readonly InferredService[], hostsOfApp: (s: InferredService) => string[], regions: readonly string[]): InferredRoute[] {
  const byKey = new Map<string, { r: RouteEntry; regions: Set<string> }>();
  for (const [region, routes] of perRegion) {
    for (const r of routes) {
      const key = `${r.name}|${r.source.file}|${backendsOf(r).join(',')}`;
      const e = byKey.get(key) ?? { r, regions: new Set<string>() };
      e.regions.add(region);
      byKey.set(key, e);
    }
  }
  return [...byKey.values()].map(({ r, regions: rs }) => ({
    name: r.name,
    file: r.source.file,
    host: r.hostnames.length > 0 ? r.hostnames.join(', ') : '*',
    path: pathOf(r),
    backends: backendsOf(r),
    apps: services.filter((s) => hostsOfApp(s).some((h) => clusterHosts(r).includes(h))).map((s) => s.app),
    regions: rs.size === regions.length ? 'all' : [...rs],
  }));
}

/** A concrete host for a route's hostnames: "*.shop.example" → "www.shop.example"; none → any host. */
function loadHost(r: RouteEntry): string {
  const h = r.hostnames[0];
  if (!h) return 'check.region-lab.test';
  return h.startsWith('*.') ? `www.${h.slice(2)}` : h;
}

/**
 * The host and path to load for each service: its first route with a concrete path (the
 * routes read as Higress 2.1 reads them, where every kind of backend resolves, so a route
 * that 2.2 breaks is still loaded and shows the breakage), or region-lab.yaml's targets.
 */
export function loadTargets(routes: readonly RouteEntry[], services: readonly InferredService[], hostsOfApp: (s: InferredService) => string[], policy: Policy | undefined, policyFile: string): LoadTarget[] {
  const usable = routes.filter((r) => r.path.type !== 'RegularExpression' && r.action.kind === 'clusters');
  if (policy?.load.targets) {
    return policy.load.targets.map((t, i) => {
      const r = usable.find((x) => (x.hostnames.length === 0 || x.hostnames.includes(t.host.toLowerCase())) && t.path.startsWith(x.path.value));
      const s = r ? services.find((x) => hostsOfApp(x).some((h) => clusterHosts(r).includes(h))) : undefined;
      return { app: s?.app ?? services[0]?.app ?? 'service', host: t.host, path: t.path, from: `${policyFile} load.targets[${i}]` };
    });
  }
  return services.flatMap((s) => {
    const r = usable.find((x) => hostsOfApp(s).some((h) => clusterHosts(x).includes(h)));
    return r ? [{ app: s.app, host: loadHost(r), path: r.path.value, from: `route ${r.name} (${r.source.file})` }] : [];
  });
}
