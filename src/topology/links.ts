// The target-neutral network plan: every hop that crosses a cluster boundary is a link
// with the runbook's base latency (DESIGN.md "The local network"), named and
// classified the same for every target. The local target puts each on Toxiproxy on
// loopback; the kind target on a Toxiproxy inside a middleware cluster.
import { businessInstances } from './instances.js';
import { bizCluster, CLIENT, endsAtNacos, linkName, mwCluster, SYNC_AGENT } from './names.js';
import { latencyBetween, type RegionSpec, type Topology } from './schema.js';

export const linkRoles = ['entry', 'data', 'registration', 'discovery', 'sync'] as const;
export type LinkRole = (typeof linkRoles)[number];

export interface LinkPlan {
  /** Link name (topology/names.ts linkName), e.g. mw-south_to_biz-north_127.0.2.101_19001. */
  readonly name: string;
  readonly role: LinkRole;
  /** Cluster (or "client", "nacos-sync") the traffic leaves from. */
  readonly from: string;
  /** Cluster the traffic enters. */
  readonly to: string;
  /** Fixed listen address, or undefined for an ephemeral port on the Toxiproxy's own address. */
  readonly listen?: string;
  readonly upstream: string;
  readonly latencyMs: number;
  readonly jitterMs: number;
}

/** Which links a fault touches: every link matching all the fields given. */
export interface LinkMatch {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly role?: LinkRole | undefined;
}

export function selectLinks<L extends Pick<LinkPlan, 'from' | 'to' | 'role'>>(links: readonly L[], s: LinkMatch): L[] {
  return links.filter((l) => (s.from === undefined || l.from === s.from) && (s.to === undefined || l.to === s.to) && (s.role === undefined || l.role === s.role));
}

/** Nacos's gRPC port is its HTTP port + 1000 (BaseRpcServer); clients assume the same offset. */
export const NACOS_GRPC_OFFSET = 1000;

export const nacosAddress = (r: RegionSpec): string => `${r.middleware.nacos.address}:${r.middleware.nacos.port}`;

/** Which regions' Nacos each middleware cluster's gateways read. */
export function discoveredRegions(t: Topology, from: RegionSpec): RegionSpec[] {
  return t.discovery.mode === 'synced' ? [from] : t.regions;
}

/**
 * Every link to a Nacos gets a fixed listen port (on the Toxiproxy's address) and a
 * gRPC twin 1,000 ports higher (same ends and role, so a fault selected by ends or
 * role cuts both), because a client that dials host:port for HTTP dials
 * host:port+1000 for gRPC.
 */
function withGrpcTwins(t: Topology, links: LinkPlan[]): LinkPlan[] {
  let next = t.toxiproxy.nacosLinkPortBase;
  return links.flatMap((l) => {
    if (!endsAtNacos(l.name)) return [l];
    const port = next++;
    const [host, upstreamPort] = l.upstream.split(':') as [string, string];
    return [
      { ...l, listen: `${t.toxiproxy.address}:${port}` },
      { ...l, name: linkName.grpcTwin(l.name), listen: `${t.toxiproxy.address}:${port + NACOS_GRPC_OFFSET}`, upstream: `${host}:${Number(upstreamPort) + NACOS_GRPC_OFFSET}` },
    ];
  });
}

export function planLinks(t: Topology): LinkPlan[] {
  return withGrpcTwins(t, planBaseLinks(t));
}

function planBaseLinks(t: Topology): LinkPlan[] {
  const links: LinkPlan[] = [];
  const lat = (a: RegionSpec, b: RegionSpec) => latencyBetween(t, a.name, b.name);
  for (const r of t.regions) {
    const { entry, lb } = r.middleware;
    links.push({ name: linkName.entry(r.name), role: 'entry', from: CLIENT, to: mwCluster(r.name), listen: `${entry.address}:${entry.port}`, upstream: `${lb.address}:${lb.port}`, ...t.links.entry });
    links.push({ name: linkName.registration(r.name), role: 'registration', from: bizCluster(r.name), to: mwCluster(r.name), upstream: nacosAddress(r), ...t.links.sameRegionCrossCluster });
    for (const g of t.regions) {
      for (const i of businessInstances(r)) {
        links.push({ name: linkName.data(g.name, r.name, i.address), role: 'data', from: mwCluster(g.name), to: bizCluster(r.name), upstream: i.address, ...lat(g, r) });
      }
    }
  }
  for (const g of t.regions) {
    for (const r of discoveredRegions(t, g)) {
      // same middleware cluster: no added latency, but still a link so it can be cut
      const l = g.name === r.name ? { latencyMs: 0, jitterMs: 0 } : latencyBetween(t, g.name, r.name);
      links.push({ name: linkName.discovery(g.name, r.name), role: 'discovery', from: mwCluster(g.name), to: mwCluster(r.name), upstream: nacosAddress(r), ...l });
    }
  }
  if (t.discovery.mode === 'synced' && t.regions.length > 1) {
    // NacosSync sits between the regions: each leg carries half the cross-region delay
    for (const r of t.regions) {
      links.push({
        name: linkName.sync(r.name),
        role: 'sync',
        from: SYNC_AGENT,
        to: mwCluster(r.name),
        upstream: nacosAddress(r),
        latencyMs: t.links.crossRegion.latencyMs / 2,
        jitterMs: t.links.crossRegion.jitterMs / 2,
      });
    }
  }
  return links;
}
