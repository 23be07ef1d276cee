// An HTTPRoute backendRef resolved the way Higress's Gateway API conversion does
// (conversion.go buildDestination, buildHTTPDestination): a Kubernetes Service becomes
// its outbound cluster, a Nacos service (group networking.higress.io) its registry host
// on 2.1 and an invalid destination on 2.2; weights as Istio writes them.
import type { HigressProfile } from '../profiles.js';
import type { WeightedCluster } from '../xds/route-table.js';
import type { BackendRef } from './httproute-schema.js';
import { outboundCluster, serviceFqdn } from './services.js';

const HIGRESS_GROUP = 'networking.higress.io';

/** The fields of a backendRef (or a mirror's) that name the destination. */
export interface BackendTarget {
  readonly group?: string;
  readonly kind?: string;
  readonly name: string;
  readonly namespace?: string;
  readonly port?: number;
}

/** What a backendRef resolves to on this profile (conversion.go buildDestination). */
export function resolveBackend(ref: BackendTarget, profile: HigressProfile, namespace = 'default'): { host: string | null; invalidReason?: string } {
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  if (group === HIGRESS_GROUP && kind === 'Service') {
    if (profile.gatewayApiNacosBackend) return { host: ref.name };
    // 2.2: the switch's default returns InvalidDestinationKind before Higress's own branch
    return { host: null, invalidReason: `referencing unsupported backendRef: group "${group}" kind "${kind}" (Higress ${profile.name})` };
  }
  if (group === '' && kind === 'Service') {
    // the destination is kept; a Service missing from the gateway's `services` has no cluster ⇒ 500
    if (ref.port === undefined) return { host: null, invalidReason: `backendRef ${ref.name} needs a port` };
    return { host: outboundCluster(serviceFqdn(ref.name, ref.namespace ?? namespace), ref.port) };
  }
  return { host: null, invalidReason: `referencing unsupported backendRef: group "${group}" kind "${kind}"` };
}

/** backendRefs → Envoy weighted clusters (conversion.go buildHTTPDestination + Istio route.go). */
export function weightedClusters(refs: readonly BackendRef[], profile: HigressProfile, namespace = 'default'): WeightedCluster[] {
  const kept = refs.filter((r) => (r.weight ?? 1) !== 0);
  const byHost = new Map<string, { host: string | null; weight: number; invalidReason?: string }>();
  for (const ref of kept) {
    const resolved = resolveBackend(ref, profile, namespace);
    // a lone backend gets weight 0 from Higress, which Istio turns into 100
    const weight = kept.length === 1 ? 100 : (ref.weight ?? 1);
    const key = resolved.host ?? '';
    const prev = byHost.get(key);
    // duplicates: two ClusterWeight entries with one cluster name; Envoy's cumulative pick sums them
    if (prev) prev.weight += weight;
    else byHost.set(key, { ...resolved, weight });
  }
  return [...byHost.values()];
}
