// A cluster's endpoints as Istio pushes them to one proxy over EDS: each endpoint at
// the address the gateway dials (region-lab's network puts a link in between; the
// registered address stays as the endpoint's hostname), its LB weight and labels,
// grouped by locality and the priority Istio computed for this proxy.
import type { HigressProfile } from '../../profiles.js';
import type { ClusterPolicy } from '../../xds/cluster-policy.js';
import type { EndpointSpec } from '../../xds/endpoint-spec.js';
import { endpointLocality, endpointPriorities, type ProxyIdentity } from '../locality-priority.js';
import { METADATA, socketAddress, type Json } from './json.js';

/** Envoy's default overprovisioning factor (1.4), which Istio leaves in place. */
export const DEFAULT_OVERPROVISIONING = 140;

export interface LoadAssignmentOptions {
  readonly profile: HigressProfile;
  readonly proxy: ProxyIdentity;
  /** The address the gateway dials for a registered ip:port. @default the address itself */
  readonly dialFor?: (address: string) => string;
  /** @default 140 */
  readonly overprovisioningFactor?: number;
  /**
   * This cluster stands in for `primary` behind an aggregate (cluster_fallback): the
   * endpoints say so, since Envoy's access log names only the aggregate cluster.
   */
  readonly fallbackFor?: string;
}

function locality(l: string): Json {
  const [region, zone, subZone] = l.split('/');
  return { ...(region ? { region } : {}), ...(zone ? { zone } : {}), ...(subZone ? { sub_zone: subZone } : {}) };
}

export function emitLoadAssignment(cluster: string, endpoints: readonly EndpointSpec[], policy: ClusterPolicy, o: LoadAssignmentOptions): Json {
  const priorities = endpointPriorities(endpoints, policy, o.proxy, o.profile);
  const groups = new Map<string, { priority: number; locality: string; lb: Json[] }>();
  endpoints.forEach((e, i) => {
    const priority = priorities[i]!;
    const loc = endpointLocality(e.labels, o.profile);
    const key = `${priority}\n${loc}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { priority, locality: loc, lb: [] }));
    g.lb.push({
      endpoint: { address: socketAddress(o.dialFor?.(e.address) ?? e.address), hostname: e.address },
      load_balancing_weight: e.weight,
      metadata: { filter_metadata: { [METADATA]: { address: e.address, labels: { ...e.labels }, ...(o.fallbackFor ? { fallback_for: o.fallbackFor, fallback_cluster: cluster } : {}) } } },
    });
  });
  const factor = o.overprovisioningFactor ?? DEFAULT_OVERPROVISIONING;
  return {
    cluster_name: cluster,
    endpoints: [...groups.values()]
      .sort((a, b) => a.priority - b.priority)
      .map((g) => ({ ...(g.locality ? { locality: locality(g.locality) } : {}), lb_endpoints: g.lb, ...(g.priority > 0 ? { priority: g.priority } : {}) })),
    ...(factor !== DEFAULT_OVERPROVISIONING ? { policy: { overprovisioning_factor: factor } } : {}),
  };
}
