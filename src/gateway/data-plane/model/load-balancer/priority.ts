// Endpoint priorities as Istio assigns them for a DestinationRule localityLbSetting
// (pilot/pkg/networking/core/loadbalancer/loadbalancer.go), applied only when the
// DR also sets outlierDetection (enableFailover), and Envoy's priority load:
// health(P) = min(100, 1.4 × healthy%), load spilling to P1, P2… as P0 degrades.
import type { Cluster } from '../upstream/cluster.js';
import type { Endpoint } from '../upstream/endpoint.js';
import type { LocalityLbPolicy } from '../../../xds/cluster-policy.js';

/** Envoy overprovisioning factor 140 (1.4). */
export const OVERPROVISIONING = 1.4;

/** Where the gateway runs, as Istio sees the proxy. */
export interface ProxyIdentity {
  /** The gateway pod's labels (failoverPriority compares endpoint labels with these). */
  readonly labels: Readonly<Record<string, string>>;
  /** region[/zone[/subzone]] from the node's topology labels; '' = unknown. */
  readonly locality: string;
}

/** pm.GetLocalityLabel + SanitizeLocalityLabel: topology.istio.io/locality, else istio-locality ('.' → '/'). */
export function endpointLocality(labels: Readonly<Record<string, string>>): string {
  const l = labels['topology.istio.io/locality'] ?? labels['istio-locality'] ?? '';
  return l.includes('/') ? l : l.replaceAll('.', '/');
}

/** util.LbPriority: 0 all match, 1 region+zone, 2 region, 3 none. */
function lbPriority(proxy: string[], ep: string[]): number {
  if (!proxy[0] || proxy[0] !== ep[0]) return 3;
  if (!proxy[1] || proxy[1] !== ep[1]) return 2;
  if (!proxy[2] || proxy[2] !== ep[2]) return 1;
  return 0;
}

/** Raw priorities, before compaction; null when no failover policy applies (all P0). */
function rawPriorities(eps: readonly Endpoint[], lb: LocalityLbPolicy, proxy: ProxyIdentity): number[] | null {
  if (lb.failoverPriority.length > 0) {
    // applyPriorityFailover returns at once when the proxy has no labels
    if (Object.keys(proxy.labels).length === 0) return null;
    const n = lb.failoverPriority.length;
    return eps.map((e) => {
      const j = lb.failoverPriority.findIndex((k) => proxy.labels[k] !== e.labels[k]);
      return j < 0 ? 0 : n - j;
    });
  }
  const p = proxy.locality.split('/');
  return eps.map((e) => {
    const l = endpointLocality(e.labels).split('/');
    let prio = lbPriority(p, l);
    if (prio === 3) {
      const rule = lb.failover.find((f) => f.from === p[0]);
      if (rule && l[0] !== rule.to) prio = 4;
    }
    return prio;
  });
}

/** Sets every endpoint's priority (compacted to 0..N without gaps). */
export function assignPriorities(cluster: Cluster, proxy: ProxyIdentity): void {
  const lb = cluster.policy.localityLb;
  const enabled = lb !== undefined && lb.enabled && cluster.policy.outlierDetection !== undefined;
  const raw = enabled ? rawPriorities(cluster.endpoints, lb, proxy) : null;
  if (!raw) {
    for (const e of cluster.endpoints) e.priority = 0;
    return;
  }
  const levels = [...new Set(raw)].sort((a, b) => a - b);
  cluster.endpoints.forEach((e, i) => (e.priority = levels.indexOf(raw[i]!)));
}

/** One priority level as the load balancer sees it. */
export interface PriorityLevel {
  readonly all: Endpoint[];
  readonly healthy: Endpoint[];
  /** Share of requests, percent. */
  load: number;
  /** healthy% < panic threshold: balance over all hosts of the level. */
  panic: boolean;
}

/** Envoy calculatePerPriorityLoad / isHostSetInPanic. */
export function priorityLevels(cluster: Cluster): PriorityLevel[] {
  const levels: PriorityLevel[] = [];
  for (const e of cluster.endpoints) {
    const l = (levels[e.priority] ??= { all: [], healthy: [], load: 0, panic: false });
    l.all.push(e);
    if (e.health === 'healthy') l.healthy.push(e);
  }
  const dense = levels.filter((l) => l !== undefined);
  const health = dense.map((l) => (l.all.length === 0 ? 0 : Math.min(100, Math.floor((OVERPROVISIONING * 100 * l.healthy.length) / l.all.length))));
  const total = Math.min(100, health.reduce((s, h) => s + h, 0));
  let remaining = 100;
  dense.forEach((l, i) => {
    l.panic = l.healthy.length * 100 < l.all.length * cluster.policy.panicThresholdPercent;
    // no healthy host anywhere: everything goes to P0 (then panic, or no healthy upstream)
    const share = total === 0 ? (i === 0 ? 100 : 0) : Math.min(remaining, Math.round((health[i]! * 100) / total));
    l.load = share;
    remaining -= share;
  });
  if (remaining > 0 && dense[0]) dense[0].load += remaining;
  return dense;
}
