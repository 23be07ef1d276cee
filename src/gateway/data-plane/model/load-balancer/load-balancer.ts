// Envoy's load balancers over a cluster's priority levels: LEAST_REQUEST (Istio's
// default: P2C for equal weights, EDF over weight/(active+1) otherwise),
// ROUND_ROBIN, RANDOM and RING_HASH; the panic threshold per level and the
// previous_hosts retry predicate. The per-cluster view is cached until endpoints
// or host health change, so a pick allocates nothing.
import type { Cluster } from '../upstream/cluster.js';
import { healthEpoch, type Endpoint } from '../upstream/endpoint.js';
import { priorityLevels, type PriorityLevel } from './priority.js';
import { Ring } from './ring-hash.js';

import type { Random } from '../random.js';

export type { Random } from '../random.js';

/** Envoy least_request choice_count default. */
export const CHOICE_COUNT = 2;
/** Envoy healthy_panic_threshold default, in percent. */
export const PANIC_THRESHOLD_PERCENT = 50;

export interface HostSelection {
  /** Hosts already tried by this request (previous_hosts predicate). */
  readonly attempted?: readonly Endpoint[];
  /** host_selection_retry_max_attempts (Istio sets 5); 0 without the predicate. */
  readonly maxSelectionRetries?: number;
  /** RING_HASH: the request's hash; undefined ⇒ a random host. */
  readonly hash?: number | undefined;
}

interface LevelState {
  readonly level: PriorityLevel;
  /** What the LB uses: healthy hosts, or all of them in panic. */
  readonly hosts: Endpoint[];
  readonly equalWeights: boolean;
  rr: number;
  ring?: Ring;
  edfNow: number;
}

interface LbView {
  readonly version: number;
  readonly epoch: number;
  readonly levels: LevelState[];
}
const views = new WeakMap<Cluster, LbView>();

function equalWeights(hosts: readonly Endpoint[]): boolean {
  const w = hosts[0]?.weight;
  for (const h of hosts) if (h.weight !== w) return false;
  return true;
}

function viewOf(cluster: Cluster, random: Random): LbView {
  const v = views.get(cluster);
  if (v && v.version === cluster.version && v.epoch === healthEpoch.value) return v;
  const levels = priorityLevels(cluster).map((level): LevelState => {
    const hosts = level.panic ? level.all : level.healthy;
    const equal = equalWeights(hosts);
    const lb = cluster.policy.lb;
    // a random start so gateways do not all begin with the same host
    if (!equal && (lb === 'LEAST_REQUEST' || lb === 'ROUND_ROBIN')) for (const h of hosts) h.lbDeadline = random() / effectiveWeight(h);
    const rr = lb === 'ROUND_ROBIN' && equal ? Math.floor(random() * Math.max(1, hosts.length)) : 0;
    return { level, hosts, equalWeights: equal, rr, edfNow: 0 };
  });
  const next = { version: cluster.version, epoch: healthEpoch.value, levels };
  views.set(cluster, next);
  return next;
}

/** The hosts the LB may use at priority 0: the healthy ones, or all of them in panic mode. */
export function availableHosts(cluster: Cluster): Endpoint[] {
  return viewOf(cluster, Math.random).levels[0]?.hosts ?? [];
}

/** cluster_fallback's hasHealthHost: any healthy host in any priority. */
export function hasHealthyHost(cluster: Cluster): boolean {
  for (const e of cluster.endpoints) if (e.health === 'healthy') return true;
  return false;
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

/** EDF: the host with the earliest deadline goes, then is re-queued at now + 1/weight. */
function pickEdf(st: LevelState, leastRequest: boolean): Endpoint {
  let best = st.hosts[0]!;
  for (const h of st.hosts) if (h.lbDeadline < best.lbDeadline) best = h;
  st.edfNow = best.lbDeadline;
  best.lbDeadline = st.edfNow + 1 / (leastRequest ? effectiveWeight(best) : best.weight);
  return best;
}

function pickIn(cluster: Cluster, st: LevelState, random: Random, hash: number | undefined, attempt: number): Endpoint {
  switch (cluster.policy.lb) {
    case 'ROUND_ROBIN':
      if (!st.equalWeights) return pickEdf(st, false);
      st.rr = (st.rr + 1) % st.hosts.length;
      return st.hosts[st.rr]!;
    case 'RANDOM':
      return st.hosts[Math.floor(random() * st.hosts.length)]!;
    case 'RING_HASH':
      if (hash === undefined) return st.hosts[Math.floor(random() * st.hosts.length)]!;
      // a host-selection retry mutates the hash so it lands elsewhere on the ring (Envoy Ring::chooseHost attempt)
      return (st.ring ??= new Ring(st.hosts)).pick(attempt === 0 ? hash : (hash ^ Math.imul(attempt, 0x9e3779b1)) >>> 0)!;
    default:
      return st.equalWeights ? pickP2C(st.hosts, random) : pickEdf(st, true);
  }
}

/** Envoy chooseHostSet: a priority level by its load share (no random draw when there is one level). */
function chooseLevel(levels: readonly LevelState[], random: Random): LevelState | undefined {
  if (levels.length <= 1) return levels[0];
  let x = random() * 100;
  for (const l of levels) {
    if (x < l.level.load) return l;
    x -= l.level.load;
  }
  return levels[0];
}

/**
 * One host for one attempt, or undefined when the chosen level has no usable host
 * (→ 503 "no healthy upstream"). With previous_hosts, Envoy re-picks up to
 * maxSelectionRetries times while the pick was already tried, then keeps the last.
 */
export function chooseHost(cluster: Cluster, random: Random, sel: HostSelection = {}): Endpoint | undefined {
  const st = chooseLevel(viewOf(cluster, random).levels, random);
  if (!st || st.hosts.length === 0) return undefined;
  const attempted = sel.attempted ?? [];
  const tries = attempted.length > 0 ? (sel.maxSelectionRetries ?? 0) + 1 : 1;
  let host = st.hosts[0]!;
  for (let i = 0; i < tries; i++) {
    host = pickIn(cluster, st, random, sel.hash, i);
    if (!attempted.includes(host)) return host;
  }
  return host;
}
