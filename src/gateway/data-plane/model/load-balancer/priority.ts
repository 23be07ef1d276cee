// Envoy's priority load over a cluster's priority levels (the priorities come from
// EDS): health(P) = min(100, overprovisioning × healthy%), load spilling to P1, P2…
// as P0 degrades; each level in panic when its healthy share is under the threshold.
import type { Cluster } from '../upstream/cluster.js';
import type { Endpoint } from '../upstream/endpoint.js';

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
  const health = dense.map((l) => (l.all.length === 0 ? 0 : Math.min(100, Math.floor((cluster.overprovisioningFactor * l.healthy.length) / l.all.length))));
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
