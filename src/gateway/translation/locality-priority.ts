// Endpoint priorities as Istio assigns them into EDS for one proxy: a DestinationRule's
// localityLbSetting takes effect only with outlierDetection (enableFailover); then
// failoverPriority compares endpoint labels with the gateway pod's labels, or locality
// failover compares the endpoint's locality with the proxy's
// (pilot/pkg/networking/core/loadbalancer/loadbalancer.go). Priorities are compacted
// to 0..N without gaps.
import type { LocalityLbPolicy, ClusterPolicy } from '../xds/cluster-policy.js';
import type { EndpointSpec } from '../xds/endpoint-spec.js';
import type { HigressProfile } from '../profiles.js';

/** Where the gateway runs, as Istio sees the proxy. */
export interface ProxyIdentity {
  /** The gateway pod's labels (failoverPriority compares endpoint labels with these). */
  readonly labels: Readonly<Record<string, string>>;
  /** region[/zone[/subzone]] from the node's topology labels; '' = unknown. */
  readonly locality: string;
}

/**
 * An endpoint's locality (region/zone/subzone). Registry endpoints carry none of their
 * own, so it can only come from labels: Istio 1.19 (Higress 2.1) reads none; Istio
 * 1.20–1.28 (Higress 2.2) reads `istio-locality` ('.' separated); the
 * `topology.istio.io/locality` label is read only from Istio 1.29.
 */
export function endpointLocality(labels: Readonly<Record<string, string>>, profile: HigressProfile): string {
  if (!profile.localityFromLabel) return '';
  const l = labels['istio-locality'] ?? '';
  return l.includes('/') ? l : l.replaceAll('.', '/');
}

/** util.LbPriority: 0 all match, 1 region+zone, 2 region, 3 none. */
function lbPriority(proxy: string[], ep: string[]): number {
  if (!proxy[0] || proxy[0] !== ep[0]) return 3;
  if (!proxy[1] || proxy[1] !== ep[1]) return 2;
  if (!proxy[2] || proxy[2] !== ep[2]) return 1;
  return 0;
}

function rawPriorities(eps: readonly EndpointSpec[], lb: LocalityLbPolicy, proxy: ProxyIdentity, profile: HigressProfile): number[] | null {
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
    const l = endpointLocality(e.labels, profile).split('/');
    let prio = lbPriority(p, l);
    if (prio === 3) {
      const rule = lb.failover.find((f) => f.from === p[0]);
      if (rule && l[0] !== rule.to) prio = 4;
    }
    return prio;
  });
}

/** Each endpoint's EDS priority for this proxy (all 0 when no failover policy applies). */
export function endpointPriorities(eps: readonly EndpointSpec[], policy: ClusterPolicy, proxy: ProxyIdentity, profile: HigressProfile): number[] {
  const lb = policy.localityLb;
  const enabled = lb !== undefined && lb.enabled && policy.outlierDetection !== undefined;
  const raw = enabled ? rawPriorities(eps, lb, proxy, profile) : null;
  if (!raw) return eps.map(() => 0);
  const levels = [...new Set(raw)].sort((a, b) => a - b);
  return raw.map((r) => levels.indexOf(r));
}
