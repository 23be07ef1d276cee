// The traffic policy of an Envoy cluster, found as Istio finds a DestinationRule: by the
// service host of the cluster (the Service FQDN of an outbound|port||fqdn cluster).
import { DEFAULT_CLUSTER_POLICY, type ClusterPolicies, type ClusterPolicy } from '../xds/cluster-policy.js';
import { parseOutboundCluster } from './services.js';

/** The policy of a cluster name: by the Service FQDN for outbound clusters, else by the host itself. */
export function policyLookup(policies: ClusterPolicies): (name: string) => ClusterPolicy {
  return (name) => policies.get(parseOutboundCluster(name)?.fqdn ?? name) ?? DEFAULT_CLUSTER_POLICY;
}
