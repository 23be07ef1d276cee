// Everything one gateway instance gets from the control plane, as Envoy resources:
// its listeners, the route configurations, one EDS cluster per service host the
// registries and Services know (plus the aggregate clusters of cluster_fallback),
// and one load assignment per cluster with this proxy's priorities.
import type { HigressProfile } from '../../profiles.js';
import type { EndpointSpec } from '../../xds/endpoint-spec.js';
import type { RouteEntry } from '../../xds/route-table.js';
import type { XdsSnapshot } from '../../xds/snapshot.js';
import type { ProxyIdentity } from '../locality-priority.js';
import type { LoadedManifests } from '../manifests.js';
import { policyLookup } from '../policy-lookup.js';
import { SecretStore } from '../secrets.js';
import { ALL_OR_NOTHING_OVERPROVISIONING, emitCluster, emitFallbackCluster } from './cluster.js';
import type { Json } from './json.js';
import { emitHttpListener, emitHttpsListener, HTTP_ROUTE_CONFIG } from './listeners.js';
import { emitLoadAssignment } from './load-assignment.js';
import { emitRouteConfigs } from './route-configs.js';
import { fallbackClusterName } from './route.js';

export interface GatewaySnapshotInput {
  readonly version: string;
  readonly manifests: LoadedManifests;
  /** Service host → endpoints: the registries' ServiceEntries and the Kubernetes Services. */
  readonly endpoints: ReadonlyMap<string, readonly EndpointSpec[]>;
  readonly profile: HigressProfile;
  readonly proxy: ProxyIdentity;
  /** The HTTP listener's ip:port. */
  readonly listen: string;
  /** The HTTPS listener's ip:port. @default none */
  readonly listenHttps?: string;
  /** The address the gateway dials for a registered ip:port. @default the address itself */
  readonly dialFor?: (address: string) => string;
  /** Config sources the resources name: where each route configuration and load assignment comes from. */
  readonly sources: { rds(routeConfigName: string): Json; eds(cluster: string): Json; sds(): Json };
  readonly accessLog?: readonly Json[];
  readonly healthCheckEventLogger?: readonly Json[];
  /**
   * Writing for Envoy ≥ 1.28 on a 2.1 profile (Higress 2.1 ships 1.27): each cluster's host
   * count that max_ejection_percent is compensated for. @default no compensation
   */
  readonly compensate127Hosts?: (cluster: string) => number;
}

/** Every cluster a route can send to: destinations, fallbacks, mirror. */
export function referencedClusters(routes: readonly RouteEntry[]): Set<string> {
  const out = new Set<string>();
  for (const r of routes) {
    for (const a of [r.action, r.tlsAction]) if (a?.kind === 'clusters') for (const c of a.clusters) {
      if (c.host) out.add(c.host);
      for (const f of c.fallbacks ?? []) out.add(f);
    }
    if (r.policy?.mirror) out.add(r.policy.mirror.cluster);
  }
  return out;
}

/** Aggregate clusters (name → primary then fallbacks) for every weighted cluster with fallbacks. */
function fallbackClusters(routes: readonly RouteEntry[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of routes) for (const a of [r.action, r.tlsAction]) if (a?.kind === 'clusters') for (const c of a.clusters) {
    if (c.fallbacks && c.fallbacks.length > 0 && c.host) out.set(fallbackClusterName(c), [c.host, ...c.fallbacks]);
  }
  return out;
}

export function buildGatewaySnapshot(i: GatewaySnapshotInput): XdsSnapshot {
  const m = i.manifests;
  const lookup = policyLookup(m.policies);
  const secrets = m.secrets ?? new SecretStore();
  const aggregates = fallbackClusters(m.routes);
  const primaries = new Set([...aggregates.values()].map((c) => c[0]!));
  const fallbackFor = new Map<string, string>();
  for (const [primary, ...fallbacks] of aggregates.values()) for (const f of fallbacks) if (!fallbackFor.has(f)) fallbackFor.set(f, primary!);
  const names = [...i.endpoints.keys()].sort();
  const clusters = names.map((name) =>
    emitCluster(name, lookup(name), {
      profile: i.profile,
      secrets,
      edsConfig: i.sources.eds(name),
      sdsConfig: i.sources.sds(),
      ...(i.healthCheckEventLogger ? { healthCheckEventLogger: i.healthCheckEventLogger } : {}),
      ...(i.compensate127Hosts ? { compensate127Hosts: i.compensate127Hosts(name) } : {}),
    }),
  );
  for (const [name, members] of aggregates) clusters.push(emitFallbackCluster(name, members));
  const loadAssignments = names.map((name) =>
    emitLoadAssignment(name, i.endpoints.get(name)!, lookup(name), {
      profile: i.profile,
      proxy: i.proxy,
      ...(i.dialFor ? { dialFor: i.dialFor } : {}),
      ...(primaries.has(name) ? { overprovisioningFactor: ALL_OR_NOTHING_OVERPROVISIONING } : {}),
      ...(fallbackFor.has(name) ? { fallbackFor: fallbackFor.get(name)! } : {}),
    }),
  );
  const tlsServers = i.listenHttps ? (m.tlsServers ?? []) : [];
  const accessLog = i.accessLog ? { accessLog: i.accessLog } : {};
  const listeners = [
    emitHttpListener({ address: i.listen, rdsConfig: i.sources.rds(HTTP_ROUTE_CONFIG), ...accessLog }),
    ...(i.listenHttps && tlsServers.length > 0 ? [emitHttpsListener({ address: i.listenHttps, servers: tlsServers, rdsConfig: i.sources.rds, sdsConfig: i.sources.sds(), ...accessLog })] : []),
  ];
  return { version: i.version, listeners, routeConfigs: emitRouteConfigs(m.routes, tlsServers), clusters, loadAssignments };
}
