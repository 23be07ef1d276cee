// The topology file for an inferred configuration: the same kind of file as
// clusters/two-region.yaml, with the user's regions, service names, Nacos namespaces
// and groups, and registry domains, on check's own loopback range (127.0.90.0/24 up,
// one /24 per region) and ports no other topology in clusters/ uses.
import { topologySchema, type Topology } from '../topology/schema.js';
import type { Inferred, InferredService } from './inferred.js';

/** Addresses and ports of generated topologies. */
export interface AddressPlan {
  /** Third octet of the first region's /24. @default 90 */
  readonly base: number;
}

export const CHECK_PORTS = { entry: 18090, gateway: 8090, admin: 15090, health: 15091, business: 19090, toxiproxy: 18974, nacosLinkPortBase: 28900 } as const;

/** Highest third octet check may use (its range ends at 127.0.99.0/24). */
export const LAST_OCTET = 99;

export interface GeneratedTopology {
  readonly topology: Record<string, unknown>;
  /** Parsed with the topology schema: what a run will read back. */
  readonly parsed: Topology;
}

const net = (plan: AddressPlan, i: number) => `127.0.${plan.base + i}`;

/** Instance addresses of service j in region i: .101 + 8j + k. */
function instancesOf(plan: AddressPlan, i: number, j: number, n: number): string[] {
  return Array.from({ length: n }, (_, k) => `${net(plan, i)}.${101 + 8 * j + k}:${CHECK_PORTS.business}`);
}

export function generateTopology(inf: Inferred, mcpbridgeFile: string, plan: AddressPlan = { base: 90 }): GeneratedTopology {
  if (plan.base + inf.regions.length - 1 > LAST_OCTET) throw new Error(`${inf.regions.length} regions from 127.0.${plan.base}.0/24 leave check's range (127.0.90–99.0/24)`);
  if (inf.services.length > 19) throw new Error(`${inf.services.length} services do not fit a region's /24 (19 at most)`);
  const regionIndex = new Map(inf.regions.map((r, i) => [r.name, i]));
  const svcIndex = new Map(inf.services.map((s, j) => [s.app, j]));
  const addrs = (s: InferredService, region: string) => instancesOf(plan, regionIndex.get(region)!, svcIndex.get(s.app)!, inf.instances);
  const regions = inf.regions.map((r, i) => {
    const mine = inf.registries.filter((g) => g.region === r.name);
    const each = inf.registries.filter((g) => g.region === 'each');
    const port = mine[0]?.port ?? each[0]?.port ?? 8848;
    return {
      name: r.name,
      ...(Object.keys(r.labels).length > 0 ? { labels: r.labels } : {}),
      middleware: {
        nacos: { address: `${net(plan, i)}.10`, port, dns: mine.map((g) => g.domain), clusterDns: each.map((g) => g.domain) },
        entry: { address: `${net(plan, i)}.1`, port: CHECK_PORTS.entry },
        lb: { address: `${net(plan, i)}.2`, port: CHECK_PORTS.entry },
        gateways: [{ address: `${net(plan, i)}.21` }, { address: `${net(plan, i)}.22` }],
        services: kubeServices(inf, r.name, addrs),
      },
      business: {
        services: inf.services.flatMap((s) => {
          const name = s.names[r.name];
          if (!name) return [];
          return [{ app: s.app, nacosService: name, ...(s.kind === 'nacos' ? { nacosGroup: s.group, nacosNamespace: s.namespaceId } : {}), instances: addrs(s, r.name) }];
        }),
      },
    };
  });
  const topology = {
    name: inf.name,
    higress: inf.higress.value,
    registration: inf.registration.mode,
    discovery: { mode: inf.discovery.mode, mcpbridge: mcpbridgeFile, syncPollMs: 1000 },
    gateway: { port: CHECK_PORTS.gateway, adminPort: CHECK_PORTS.admin, healthPort: CHECK_PORTS.health, pushPollMs: 500 },
    lb: { checkInterMs: 1000, fall: 2, rise: 2 },
    links: {
      entry: { latencyMs: 1, jitterMs: 0 },
      sameRegionCrossCluster: { latencyMs: inf.latency.sameRegionMs, jitterMs: Math.min(2, inf.latency.sameRegionMs) },
      crossRegion: { latencyMs: inf.latency.crossRegionMs, jitterMs: Math.round(inf.latency.crossRegionMs / 5) },
    },
    toxiproxy: { address: '127.0.0.1', port: CHECK_PORTS.toxiproxy, nacosLinkPortBase: CHECK_PORTS.nacosLinkPortBase },
    regions,
  };
  const parsed = topologySchema.safeParse(topology);
  if (!parsed.success) throw new Error(`generated topology does not parse: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { topology, parsed: parsed.data };
}

/**
 * The Kubernetes Services one region's gateways see: a Service with one name everywhere
 * is each region's own instances; one whose name carries a region (orders-south) is that
 * region's instances, wherever the gateway is.
 */
function kubeServices(inf: Inferred, gatewayRegion: string, addrs: (s: InferredService, region: string) => string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of inf.services.filter((x) => x.kind === 'service')) {
    const shared = new Set(Object.values(s.names)).size === 1;
    for (const [region, name] of Object.entries(s.names)) {
      const key = `${name}.${s.k8sNamespace}:${s.port}`;
      if (shared) {
        if (s.names[gatewayRegion]) out[key] = addrs(s, gatewayRegion);
      } else out[key] = addrs(s, region);
    }
  }
  return out;
}
