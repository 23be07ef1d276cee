// Envoy's LEAST_REQUEST load balancer (Istio's default LB): power of two choices
// when all weights are equal, an EDF schedule over weight/(active+1) when they
// differ; the panic threshold (50%) and the previous_hosts retry predicate.
import type { Cluster, Endpoint } from './cluster.js';

export type Random = () => number;

/** Envoy least_request choice_count default. */
export const CHOICE_COUNT = 2;
/** Envoy healthy_panic_threshold default, in percent. */
export const PANIC_THRESHOLD_PERCENT = 50;

export interface HostSelection {
  /** Hosts already tried by this request (previous_hosts predicate). */
  readonly attempted?: readonly Endpoint[];
  /** host_selection_retry_max_attempts (Istio sets 5); 0 without the predicate. */
  readonly maxSelectionRetries?: number;
}

interface EdfState {
  version: number;
  size: number;
  now: number;
}
const edfByCluster = new WeakMap<Cluster, EdfState>();

/** The hosts the LB may use: the healthy ones, or all of them in panic mode. */
export function availableHosts(cluster: Cluster): Endpoint[] {
  const all = cluster.endpoints;
  const healthy = cluster.healthyCount();
  if (healthy === all.length) return all;
  if (healthy * 100 < all.length * PANIC_THRESHOLD_PERCENT) return all; // panic: ignore health
  return all.filter((e) => e.health === 'healthy');
}

function equalWeights(hosts: readonly Endpoint[]): boolean {
  const w = hosts[0]?.weight;
  for (const h of hosts) if (h.weight !== w) return false;
  return true;
}

/** P2C: sample CHOICE_COUNT hosts with replacement, keep the one with fewer active requests (first on a tie). */
export function pickP2C(hosts: readonly Endpoint[], random: Random): Endpoint {
  let candidate: Endpoint | undefined;
  for (let i = 0; i < CHOICE_COUNT; i++) {
    const sampled = hosts[Math.floor(random() * hosts.length)]!;
    if (!candidate || sampled.activeRequests < candidate.activeRequests) candidate = sampled;
  }
  return candidate!;
}

/** Envoy's least-request effective weight with active_request_bias 1.0. */
function effectiveWeight(h: Endpoint): number {
  return h.weight / (h.activeRequests + 1);
}

/** EDF: the host with the earliest deadline goes, then is re-queued at now + 1/effective weight. */
export function pickWeighted(cluster: Cluster, hosts: Endpoint[], random: Random): Endpoint {
  let st = edfByCluster.get(cluster);
  if (!st || st.version !== cluster.version || st.size !== hosts.length) {
    st = { version: cluster.version, size: hosts.length, now: 0 };
    // a random start so gateways do not all begin with the same host
    for (const h of hosts) h.lbDeadline = random() / effectiveWeight(h);
    edfByCluster.set(cluster, st);
  }
  let best = hosts[0]!;
  for (const h of hosts) if (h.lbDeadline < best.lbDeadline) best = h;
  st.now = best.lbDeadline;
  best.lbDeadline = st.now + 1 / effectiveWeight(best);
  return best;
}

/**
 * One host for one attempt, or undefined when the cluster has no host (→ 503 "no
 * healthy upstream"). With previous_hosts, Envoy re-picks up to maxSelectionRetries
 * times while the pick was already tried, then keeps the last pick.
 */
export function chooseHost(cluster: Cluster, random: Random, sel: HostSelection = {}): Endpoint | undefined {
  const hosts = availableHosts(cluster);
  if (hosts.length === 0) return undefined;
  const weighted = !equalWeights(hosts);
  const attempted = sel.attempted ?? [];
  const tries = attempted.length > 0 ? (sel.maxSelectionRetries ?? 0) + 1 : 1;
  let host = hosts[0]!;
  for (let i = 0; i < tries; i++) {
    host = weighted ? pickWeighted(cluster, hosts, random) : pickP2C(hosts, random);
    if (!attempted.includes(host)) return host;
  }
  return host;
}
