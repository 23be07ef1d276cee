// A cluster's traffic policy as Istio writes it onto the Envoy cluster: load
// balancer, consistent hash, outlier detection, active health check, locality /
// failover-priority settings, the panic threshold and the upstream protocol (h2,
// TLS). Filled from Ingress Service-scoped annotations, DestinationRules and
// EnvoyFilter health_checks.
import type { UpstreamProtocolPolicy } from './upstream-protocol.js';

/** Istio SimpleLB → Envoy lb_policy (LEAST_CONN is Envoy LEAST_REQUEST). */
export type LbPolicy = 'LEAST_REQUEST' | 'ROUND_ROBIN' | 'RANDOM' | 'RING_HASH';

/** What a consistent hash (ring hash) is keyed on: Istio consistentHash.* */
export type HashKey =
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'cookie'; readonly name: string; readonly path: string; readonly ttlSeconds: number | undefined }
  | { readonly kind: 'source-ip' }
  | { readonly kind: 'query'; readonly name: string };

/** Envoy OutlierDetection as Istio's applyOutlierDetection writes it. Times in ms. */
export interface OutlierDetectionPolicy {
  /** consecutive_5xx; 0 disables. @default 5 (Envoy) */
  readonly consecutive5xx: number;
  /** consecutive_gateway_failure; enforcing 0 (off) unless the DR sets it. */
  readonly consecutiveGatewayFailure: number | undefined;
  /** @default 10 000 */
  readonly intervalMs: number;
  /** @default 30 000 */
  readonly baseEjectionTimeMs: number;
  /** @default 300 000 (Envoy max_ejection_time) */
  readonly maxEjectionTimeMs: number;
  /** @default 10 */
  readonly maxEjectionPercent: number;
}

/** Envoy core.v3.HealthCheck (HTTP only), as an EnvoyFilter would MERGE it. Times in ms. */
export interface HealthCheckPolicy {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly unhealthyThreshold: number;
  readonly healthyThreshold: number;
  /** @default 60 000 */
  readonly noTrafficIntervalMs: number;
  /** @default intervalMs */
  readonly unhealthyIntervalMs: number;
  readonly path: string;
  readonly host: string | undefined;
  /** [start, end) ranges; @default [[200, 201)] */
  readonly expectedStatuses: readonly (readonly [number, number])[];
  /**
   * Cluster.ignore_health_on_host_removal (a cluster field, kept here because it only acts with
   * health checks): true removes a host as soon as EDS drops it. @default false: Envoy keeps a
   * dropped host that passes its checks until one fails it
   */
  readonly ignoreHealthOnHostRemoval?: boolean;
}

/** Istio LocalityLoadBalancerSetting (failover only; distribute is not modelled). */
export interface LocalityLbPolicy {
  readonly enabled: boolean;
  readonly failover: readonly { readonly from: string; readonly to: string }[];
  /** Endpoint label keys compared with the gateway pod's labels (failoverPriority). */
  readonly failoverPriority: readonly string[];
}

export interface ClusterPolicy {
  readonly lb: LbPolicy;
  readonly hash: HashKey | undefined;
  readonly outlierDetection: OutlierDetectionPolicy | undefined;
  readonly healthCheck: HealthCheckPolicy | undefined;
  readonly localityLb: LocalityLbPolicy | undefined;
  /** healthy_panic_threshold in percent: Envoy 50; Istio writes minHealthPercent (default 0) when OD is set. */
  readonly panicThresholdPercent: number;
  /** backend-protocol / proxy-ssl-*: HTTP/2 and TLS towards the hosts; undefined = HTTP/1.1 cleartext. */
  readonly upstream: UpstreamProtocolPolicy | undefined;
  /** Where the policy came from, for the admin page. */
  readonly sources: readonly string[];
}

/** Istio defaults with no DestinationRule and no annotation (facts A4, A1). */
export const DEFAULT_CLUSTER_POLICY: ClusterPolicy = {
  lb: 'LEAST_REQUEST',
  hash: undefined,
  outlierDetection: undefined,
  healthCheck: undefined,
  localityLb: undefined,
  panicThresholdPercent: 50,
  upstream: undefined,
  sources: [],
};

/** Per service host (Nacos host or `<svc>.<ns>.svc.cluster.local`). */
export type ClusterPolicies = ReadonlyMap<string, ClusterPolicy>;

/** Layers a later source over an earlier one, field by field (undefined keeps the earlier). */
export function mergePolicy(base: ClusterPolicy, over: Partial<ClusterPolicy>, source: string): ClusterPolicy {
  const out: { -readonly [K in keyof ClusterPolicy]: ClusterPolicy[K] } = { ...base, sources: [...base.sources, source] };
  for (const k of Object.keys(over) as (keyof ClusterPolicy)[]) {
    if (k === 'sources' || over[k] === undefined) continue;
    (out as Record<string, unknown>)[k] = over[k];
  }
  return out;
}
