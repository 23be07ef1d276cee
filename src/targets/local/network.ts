// The local network plan: every hop that crosses a cluster boundary becomes a
// Toxiproxy link with the runbook's base latency (DESIGN.md "The local network"),
// and each middleware cluster gets a resolve map (its DNS and routes) saying which
// listener to dial for a registry name or a business instance's address.
import { latencyBetween, type RegionSpec, type Topology } from '../../topology/schema.js';

export type LinkRole = 'entry' | 'data' | 'registration' | 'discovery' | 'sync';

export interface LinkPlan {
  /** Toxiproxy proxy name, e.g. mw-south_to_biz-north_127.0.2.101_19001. */
  readonly name: string;
  readonly role: LinkRole;
  /** Cluster (or "client", "nacos-sync") the traffic leaves from. */
  readonly from: string;
  /** Cluster the traffic enters. */
  readonly to: string;
  /** Fixed listen address, or undefined for an ephemeral port on 127.0.0.1. */
  readonly listen?: string;
  readonly upstream: string;
  readonly latencyMs: number;
  readonly jitterMs: number;
}

/** A business instance's admin API (fault injection) listens this many ports above its data port. */
export const ADMIN_PORT_OFFSET = 10_000;

export const mw = (r: RegionSpec | string) => `mw-${typeof r === 'string' ? r : r.name}`;
export const biz = (r: RegionSpec | string) => `biz-${typeof r === 'string' ? r : r.name}`;
const nacosAddr = (r: RegionSpec) => `${r.middleware.nacos.address}:${r.middleware.nacos.port}`;
const safe = (addr: string) => addr.replace(/:/g, '_');

export interface BusinessInstance {
  readonly app: string;
  readonly nacosService: string;
  readonly nacosGroup: string;
  readonly nacosNamespace: string;
  readonly address: string;
  readonly fallback: boolean;
  readonly index: number;
}

export function businessInstances(r: RegionSpec): BusinessInstance[] {
  const out: BusinessInstance[] = [];
  const of = (s: RegionSpec['business']['services'][number], fallback: boolean) =>
    s.instances.forEach((address, i) => out.push({ app: s.app, nacosService: s.nacosService, nacosGroup: s.nacosGroup, nacosNamespace: s.nacosNamespace, address, fallback, index: i + 1 }));
  for (const s of r.business.services) of(s, false);
  if (r.business.fallback) of(r.business.fallback, true);
  return out;
}

/** Which regions' Nacos each middleware cluster's gateways read. */
function discoveredRegions(t: Topology, from: RegionSpec): RegionSpec[] {
  return t.discovery.mode === 'synced' ? [from] : t.regions;
}

/** Nacos's gRPC port is its HTTP port + 1000 (BaseRpcServer); clients assume the same offset. */
export const NACOS_GRPC_OFFSET = 1000;

/**
 * Every link to a Nacos gets a fixed listen port and a gRPC twin 1,000 ports higher
 * (same ends and role, so a fault selected by ends or role cuts both), because a
 * client that dials host:port for HTTP dials host:port+1000 for gRPC.
 */
function withGrpcTwins(t: Topology, links: LinkPlan[]): LinkPlan[] {
  let next = t.toxiproxy.nacosLinkPortBase;
  return links.flatMap((l) => {
    if (!/_to_nacos-[a-z0-9-]+$/.test(l.name)) return [l];
    const port = next++;
    const [host, upstreamPort] = l.upstream.split(':') as [string, string];
    return [
      { ...l, listen: `127.0.0.1:${port}` },
      { ...l, name: `${l.name}_grpc`, listen: `127.0.0.1:${port + NACOS_GRPC_OFFSET}`, upstream: `${host}:${Number(upstreamPort) + NACOS_GRPC_OFFSET}` },
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
    links.push({ name: `client_to_${mw(r)}`, role: 'entry', from: 'client', to: mw(r), listen: `${entry.address}:${entry.port}`, upstream: `${lb.address}:${lb.port}`, ...t.links.entry });
    links.push({ name: `${biz(r)}_to_nacos-${r.name}`, role: 'registration', from: biz(r), to: mw(r), upstream: nacosAddr(r), ...t.links.sameRegionCrossCluster });
    for (const g of t.regions) {
      for (const i of businessInstances(r)) {
        links.push({ name: `${mw(g)}_to_${biz(r)}_${safe(i.address)}`, role: 'data', from: mw(g), to: biz(r), upstream: i.address, ...lat(g, r) });
      }
    }
  }
  for (const g of t.regions) {
    for (const r of discoveredRegions(t, g)) {
      // same middleware cluster: no added latency, but still a link so it can be cut
      const l = g.name === r.name ? { latencyMs: 0, jitterMs: 0 } : latencyBetween(t, g.name, r.name);
      links.push({ name: `${mw(g)}_to_nacos-${r.name}`, role: 'discovery', from: mw(g), to: mw(r), upstream: nacosAddr(r), ...l });
    }
  }
  if (t.discovery.mode === 'synced' && t.regions.length > 1) {
    // NacosSync sits between the regions: each leg carries half the cross-region delay
    for (const r of t.regions) {
      links.push({ name: `nacos-sync_to_nacos-${r.name}`, role: 'sync', from: 'nacos-sync', to: mw(r), upstream: nacosAddr(r), latencyMs: t.links.crossRegion.latencyMs / 2, jitterMs: t.links.crossRegion.jitterMs / 2 });
    }
  }
  return links;
}

/** For the gateways of one middleware cluster: registry name or endpoint address → listener to dial. */
export function resolveMapFor(t: Topology, g: RegionSpec, listenOf: (linkName: string) => string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const r of discoveredRegions(t, g)) {
    const via = listenOf(`${mw(g)}_to_nacos-${r.name}`);
    const port = r.middleware.nacos.port;
    const names = [...r.middleware.nacos.dns, ...(r.name === g.name ? r.middleware.nacos.clusterDns : [])];
    for (const n of names) map[`${n}:${port}`] = via;
    map[nacosAddr(r)] = via;
  }
  for (const r of t.regions) for (const i of businessInstances(r)) map[i.address] = listenOf(`${mw(g)}_to_${biz(r)}_${safe(i.address)}`);
  return map;
}
