// What the report needs of the topology to draw it: regions and their parts, the
// planned links with their base latency, which links each fault of the timeline
// touches, and the runbook's latency bands the histograms are drawn against.
import type { Fault } from '../chaos/fault.js';
import { businessInstances } from '../topology/instances.js';
import { planLinks, selectLinks, type LinkRole } from '../topology/links.js';
import { gatewayName, mwCluster, nacosName } from '../topology/names.js';
import type { Topology } from '../topology/schema.js';
import type { TimelineEntry } from './schema.js';

export interface LatencyBand {
  /** same-region: entry region served the request from its own business cluster. */
  readonly kind: 'same-region' | 'cross-region';
  /** Added latency the runbook promises for the path, ms. */
  readonly minMs: number;
  readonly maxMs: number;
  readonly source: string;
}

/** RUNBOOK §4, as data: the report draws whatever bands it is given. */
export const RUNBOOK_LATENCY_BANDS: readonly LatencyBand[] = [
  { kind: 'same-region', minMs: 5, maxMs: 10, source: 'RUNBOOK §4: same region, other cluster +5–10 ms' },
  { kind: 'cross-region', minMs: 30, maxMs: 50, source: 'RUNBOOK §4: cross-region +30–50 ms' },
];

export interface TopologyLink {
  readonly name: string;
  readonly role: LinkRole;
  readonly from: string;
  readonly to: string;
  readonly latencyMs: number;
  readonly jitterMs: number;
}

export interface FaultTouch {
  readonly link: string;
  /** refused: connections refused; dropped: bytes vanish; slowed: delayed or throttled; silent: nothing is left to send on it. */
  readonly effect: 'refused' | 'dropped' | 'slowed' | 'silent';
}

export interface FaultPlace {
  readonly kind: Fault['kind'];
  /** The part of the picture the fault hits: biz-<region>, gw-<region>-<n>, nacos-<region>; absent for link faults. */
  readonly node?: string | undefined;
  readonly touches: readonly FaultTouch[];
}

export interface TopologyView {
  readonly name: string;
  readonly discovery: Topology['discovery']['mode'];
  readonly regions: readonly {
    readonly name: string;
    readonly entry: string;
    readonly lb: string;
    readonly nacos: string;
    readonly gateways: readonly string[];
    readonly services: readonly { readonly name: string; readonly instances: readonly string[]; readonly fallback: boolean }[];
  }[];
  readonly links: readonly TopologyLink[];
  /** Fault id → the part it hits and the links it touches. */
  readonly faults: Readonly<Record<string, FaultPlace>>;
  readonly latencyBands: readonly LatencyBand[];
}

/** The links and the part of the topology a fault touches, as the local target applies it. */
function place(t: Topology, links: readonly TopologyLink[], f: Fault): FaultPlace {
  const pick = (pred: (l: TopologyLink) => boolean, effect: FaultTouch['effect']): FaultTouch[] => links.filter(pred).map((l) => ({ link: l.name, effect }));
  switch (f.kind) {
    case 'link-latency':
    case 'bandwidth':
    case 'slow-close':
    case 'partition': {
      const effect = f.kind !== 'partition' ? 'slowed' : f.mode === 'hard-down' ? 'refused' : 'dropped';
      return { kind: f.kind, touches: selectLinks(links, f.links).map((l) => ({ link: l.name, effect })) };
    }
    case 'cluster-outage':
      // links into the cluster are cut; its instances are gone, so their heartbeats stop
      return {
        kind: f.kind,
        node: f.cluster,
        touches: [...pick((l) => l.role === 'data' && l.to === f.cluster, f.mode === 'hard' ? 'refused' : 'dropped'), ...pick((l) => l.role === 'registration' && l.from === f.cluster, 'silent')],
      };
    case 'nacos-outage': {
      const mw = mwCluster(f.region);
      return { kind: f.kind, node: nacosName(f.region), touches: pick((l) => l.role !== 'entry' && l.role !== 'data' && l.to === mw, f.mode === 'kill' ? 'refused' : 'dropped') };
    }
    case 'sync-cut':
      return { kind: f.kind, touches: pick((l) => l.role === 'sync', 'refused') };
    case 'instance-kill': {
      // a killed instance's address refuses; a hung one accepts and never answers
      const i = t.regions.flatMap((r) => (`biz-${r.name}` === f.cluster ? businessInstances(r) : [])).find((x) => x.nacosService === f.service && x.index === f.instance);
      const suffix = `_${(i?.address ?? '').replace(/:/g, '_')}`;
      return { kind: f.kind, node: f.cluster, touches: i ? pick((l) => l.role === 'data' && l.name.endsWith(suffix), f.mode === 'hard' ? 'refused' : 'silent') : [] };
    }
    case 'gateway-crash':
      return { kind: f.kind, node: gatewayName(f.region, f.instance), touches: [] };
    case 'instance-errors':
    case 'overload':
      return { kind: f.kind, node: f.cluster, touches: [] };
    case 'apply-manifest':
      return { kind: f.kind, touches: [] };
  }
}

export function topologyView(t: Topology, timeline: readonly TimelineEntry[], bands: readonly LatencyBand[] = RUNBOOK_LATENCY_BANDS): TopologyView {
  const links = planLinks(t).map(({ name, role, from, to, latencyMs, jitterMs }) => ({ name, role, from, to, latencyMs, jitterMs }));
  return {
    name: t.name,
    discovery: t.discovery.mode,
    regions: t.regions.map((r) => {
      const services = new Map<string, { name: string; instances: string[]; fallback: boolean }>();
      for (const i of businessInstances(r)) {
        const s = services.get(i.nacosService) ?? { name: i.nacosService, instances: [], fallback: i.fallback };
        s.instances.push(i.address);
        services.set(i.nacosService, s);
      }
      const mw = r.middleware;
      return {
        name: r.name,
        entry: `${mw.entry.address}:${mw.entry.port}`,
        lb: `${mw.lb.address}:${mw.lb.port}`,
        nacos: `${mw.nacos.address}:${mw.nacos.port}`,
        gateways: mw.gateways.map((g) => `${g.address}:${t.gateway.port}`),
        services: [...services.values()],
      };
    }),
    links,
    faults: Object.fromEntries(timeline.map((e) => [e.id, place(t, links, e.fault)])),
    latencyBands: bands,
  };
}
