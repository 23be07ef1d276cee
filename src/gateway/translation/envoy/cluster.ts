// One upstream cluster as Istio writes it from a service host's traffic policy: EDS
// from a file, Istio's 10 s connect timeout and open circuit breakers, the load
// balancer, outlier detection (success rate off), the EnvoyFilter's health check,
// the panic threshold, HTTP/2 and TLS towards the hosts, the upstream idle timeout;
// and the aggregate cluster that stands in for Higress's cluster_fallback.
import type { HigressProfile } from '../../profiles.js';
import type { ClusterPolicy, HealthCheckPolicy, OutlierDetectionPolicy } from '../../xds/cluster-policy.js';
import type { SecretStore } from '../secrets.js';
import { duration, METADATA, TYPE, typed, type Json } from './json.js';
import { upstreamTransportSocket } from './upstream-tls-context.js';

/** Istio mesh default connect timeout (pkg/config/mesh/mesh.go), not Envoy's 5 s. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Higress upstream.idleTimeout (configmap/global.go). */
export const UPSTREAM_IDLE_TIMEOUT_MS = 10_000;
const MAX = 4294967295;

export interface ClusterOptions {
  readonly profile: HigressProfile;
  readonly secrets: SecretStore;
  /** Where the cluster's ClusterLoadAssignment comes from (a file, for region-lab). */
  readonly edsConfig: Json;
  /** Where a secret istiod cannot serve would come from (a source that never has it). */
  readonly sdsConfig: Json;
  /** The health-check event sink(s) Envoy writes HC events to. @default none */
  readonly healthCheckEventLogger?: readonly Json[];
  /**
   * Writing for Envoy ≥ 1.28 on a 2.1 profile (whose Envoy is 1.27): the host count the
   * max_ejection_percent compensation is computed for. @default no compensation
   */
  readonly compensate127Hosts?: number;
}

/**
 * Envoy 1.27 ejects while fewer than max% of the hosts are ejected (so the first
 * ejection always passes); 1.28+ ejects only if the ejected share after it stays within
 * max%. The smallest whole percent that lets 1.28+ eject as many hosts as 1.27 would.
 */
export function compensatedMaxEjectionPercent(maxPercent: number, hosts: number): number {
  if (hosts <= 0 || maxPercent >= 100) return maxPercent;
  let allowed127 = 0;
  while (allowed127 < hosts && (100 * allowed127) / hosts < maxPercent) allowed127++;
  return Math.max(maxPercent, Math.min(100, Math.ceil((100 * allowed127) / hosts)));
}

function outlierDetection(o: OutlierDetectionPolicy, compensateHosts: number | undefined): Json {
  const maxPercent = compensateHosts === undefined ? o.maxEjectionPercent : compensatedMaxEjectionPercent(o.maxEjectionPercent, compensateHosts);
  return {
    consecutive_5xx: o.consecutive5xx,
    enforcing_consecutive_5xx: o.consecutive5xx > 0 ? 100 : 0,
    ...(o.consecutiveGatewayFailure !== undefined ? { consecutive_gateway_failure: o.consecutiveGatewayFailure, enforcing_consecutive_gateway_failure: 100 } : {}),
    interval: duration(o.intervalMs),
    base_ejection_time: duration(o.baseEjectionTimeMs),
    ...(o.maxEjectionTimeMs !== 300_000 ? { max_ejection_time: duration(o.maxEjectionTimeMs) } : {}),
    max_ejection_percent: maxPercent,
    // Istio turns success-rate ejection off
    enforcing_success_rate: 0,
  };
}

function healthCheck(h: HealthCheckPolicy, eventLogger: readonly Json[] | undefined): Json {
  return {
    timeout: duration(h.timeoutMs),
    interval: duration(h.intervalMs),
    unhealthy_threshold: h.unhealthyThreshold,
    healthy_threshold: h.healthyThreshold,
    no_traffic_interval: duration(h.noTrafficIntervalMs),
    unhealthy_interval: duration(h.unhealthyIntervalMs),
    http_health_check: {
      path: h.path,
      ...(h.host !== undefined ? { host: h.host } : {}),
      expected_statuses: h.expectedStatuses.map(([start, end]) => ({ start, end })),
    },
    ...(eventLogger && eventLogger.length > 0 ? { event_logger: [...eventLogger], always_log_health_check_failures: true } : {}),
  };
}

function protocolOptions(policy: ClusterPolicy, profile: HigressProfile): Json {
  const tls = policy.upstream?.tls;
  const modern = profile.upstreamTlsDefaults === 'verify-and-auto-sni';
  return {
    [TYPE.httpProtocolOptions.replace('type.googleapis.com/', '')]: typed(TYPE.httpProtocolOptions, {
      common_http_protocol_options: { idle_timeout: duration(UPSTREAM_IDLE_TIMEOUT_MS) },
      // Istio ≥ 1.21 (ENABLE_AUTO_SNI, VERIFY_CERTIFICATE_AT_CLIENT): SNI from Host when the DR gives none; SANs checked against it
      ...(tls && modern ? { upstream_http_protocol_options: { ...(tls.sni ? {} : { auto_sni: true }), auto_san_validation: true } } : {}),
      explicit_http_config: policy.upstream?.h2 ? { http2_protocol_options: {} } : { http_protocol_options: {} },
    }),
  };
}

export function emitCluster(name: string, policy: ClusterPolicy, o: ClusterOptions): Json {
  const transport = upstreamTransportSocket(policy.upstream, o.secrets, o.profile, o.sdsConfig);
  return {
    name,
    type: 'EDS',
    eds_cluster_config: { service_name: name, eds_config: o.edsConfig },
    connect_timeout: duration(CONNECT_TIMEOUT_MS),
    lb_policy: policy.lb,
    ...(policy.lb === 'RING_HASH' ? { ring_hash_lb_config: { minimum_ring_size: '1024' } } : {}),
    ...(policy.panicThresholdPercent !== 50 ? { common_lb_config: { healthy_panic_threshold: { value: policy.panicThresholdPercent } } } : {}),
    circuit_breakers: { thresholds: [{ max_connections: MAX, max_pending_requests: MAX, max_requests: MAX, max_retries: MAX, track_remaining: true }] },
    ...(policy.outlierDetection ? { outlier_detection: outlierDetection(policy.outlierDetection, o.compensate127Hosts) } : {}),
    ...(policy.healthCheck ? { health_checks: [healthCheck(policy.healthCheck, o.healthCheckEventLogger)] } : {}),
    ...(policy.healthCheck?.ignoreHealthOnHostRemoval ? { ignore_health_on_host_removal: true } : {}),
    typed_extension_protocol_options: protocolOptions(policy, o.profile),
    ...(transport ? { transport_socket: transport } : {}),
    metadata: { filter_metadata: { [METADATA]: { sources: [...policy.sources], ...(policy.hash ? { hash: policy.hash } : {}), ...(policy.localityLb ? { locality_lb: policy.localityLb } : {}) } } },
  };
}

/**
 * Higress's cluster_fallback (a fork-only plugin) as upstream Envoy can say it: an
 * aggregate cluster over the primary and its fallbacks. Envoy spills to the next
 * cluster by priority load; the primary's load assignment gets an overprovisioning
 * factor so large that it keeps all traffic while any host is healthy, as Higress's
 * plugin does (it switches only when the primary has no healthy host).
 */
export function emitFallbackCluster(name: string, clusters: readonly string[]): Json {
  return {
    name,
    connect_timeout: duration(CONNECT_TIMEOUT_MS),
    lb_policy: 'CLUSTER_PROVIDED',
    cluster_type: { name: 'envoy.clusters.aggregate', typed_config: typed(TYPE.aggregateCluster, { clusters: [...clusters] }) },
  };
}

/** The overprovisioning factor (percent) of a primary behind an aggregate fallback cluster. */
export const ALL_OR_NOTHING_OVERPROVISIONING = 100_000;
