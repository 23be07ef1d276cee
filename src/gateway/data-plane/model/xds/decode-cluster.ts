// An Envoy cluster read back into what the model's upstream cluster needs: the load
// balancer, panic threshold, outlier detection, active health check, and how to talk
// to the hosts (HTTP/1.1 or HTTP/2, TLS with the certificates inline); or the member
// list of an aggregate cluster (Higress's cluster_fallback).
import type { ConnectionOptions } from 'node:tls';
import type { ClusterPolicy, HealthCheckPolicy, LbPolicy, OutlierDetectionPolicy } from '../../../xds/cluster-policy.js';
import { METADATA, parseDuration } from '../../../xds/envoy-names.js';
import { PLAIN_HTTP1, SDS_NOT_READY, type UpstreamTransport } from '../upstream/upstream-transport.js';
import { Fields, UnsupportedConfigError } from './fields.js';

export interface DecodedCluster {
  readonly name: string;
  readonly policy: ClusterPolicy;
  readonly transport: UpstreamTransport;
  /** Aggregate cluster: the member clusters, tried in order. */
  readonly aggregate?: readonly string[];
}

const LB: ReadonlySet<string> = new Set(['LEAST_REQUEST', 'ROUND_ROBIN', 'RANDOM', 'RING_HASH']);

function decodeOutlier(o: Fields): OutlierDetectionPolicy {
  const out: OutlierDetectionPolicy = {
    // enforcing 0 switches the 5xx detector off whatever its threshold (Istio writes both when a DR sets consecutive5xxErrors: 0)
    consecutive5xx: o.get('enforcing_consecutive_5xx') === 0 ? (o.ignore('consecutive_5xx'), 0) : (o.num('consecutive_5xx') ?? 5),
    consecutiveGatewayFailure: o.num('enforcing_consecutive_gateway_failure') === 100 ? o.num('consecutive_gateway_failure') : (o.ignore('consecutive_gateway_failure'), undefined),
    intervalMs: parseDuration(o.get('interval')) ?? 10_000,
    baseEjectionTimeMs: parseDuration(o.get('base_ejection_time')) ?? 30_000,
    maxEjectionTimeMs: parseDuration(o.get('max_ejection_time')) ?? 300_000,
    maxEjectionPercent: o.num('max_ejection_percent') ?? 10,
  };
  if (o.num('enforcing_success_rate') !== 0) throw new UnsupportedConfigError(o.where, 'success-rate ejection (Istio always sets enforcing_success_rate 0)');
  o.done();
  return out;
}

function decodeHealthCheck(h: Fields): HealthCheckPolicy {
  const http = h.sub('http_health_check');
  if (!http) throw new UnsupportedConfigError(h.where, 'a health check other than http_health_check');
  const interval = parseDuration(h.get('interval'))!;
  const out: HealthCheckPolicy = {
    timeoutMs: parseDuration(h.get('timeout'))!,
    intervalMs: interval,
    unhealthyThreshold: h.num('unhealthy_threshold')!,
    healthyThreshold: h.num('healthy_threshold')!,
    noTrafficIntervalMs: parseDuration(h.get('no_traffic_interval')) ?? 60_000,
    unhealthyIntervalMs: parseDuration(h.get('unhealthy_interval')) ?? interval,
    path: http.str('path') ?? '/',
    host: http.str('host'),
    expectedStatuses: http.has('expected_statuses') ? http.list('expected_statuses').map((r) => [Number((r as { start: number }).start), Number((r as { end: number }).end)] as const) : [[200, 201]],
  };
  http.done();
  // where Envoy writes health-check events is observability, not behaviour
  h.ignore('event_logger', 'always_log_health_check_failures').done();
  return out;
}

function decodeTransport(socket: Fields | undefined, protocol: Fields | undefined): UpstreamTransport {
  const http = protocol?.sub('explicit_http_config');
  const h2 = http?.has('http2_protocol_options') ?? false;
  http?.ignore('http2_protocol_options', 'http_protocol_options').done();
  const upstreamOpts = protocol?.sub('upstream_http_protocol_options');
  const autoSni = upstreamOpts?.get('auto_sni') === true;
  const autoSan = upstreamOpts?.get('auto_san_validation') === true;
  upstreamOpts?.done();
  protocol?.ignore('@type', 'common_http_protocol_options').done();
  if (!socket) return h2 ? { h2 } : PLAIN_HTTP1;
  const ctx = Fields.of((socket.get('typed_config') as Record<string, unknown>) ?? {}, `${socket.where}.typed_config`);
  socket.ignore('name').done();
  const sni = ctx.str('sni');
  const common = ctx.sub('common_tls_context') ?? Fields.of({}, ctx.where);
  ctx.ignore('@type').done();
  const certs = common.list('tls_certificates') as { certificate_chain: { inline_string: string }; private_key: { inline_string: string } }[];
  const validation = common.sub('validation_context');
  const trusted = validation?.sub('trusted_ca');
  const alpn = common.list('alpn_protocols') as string[];
  const notReady = common.has('tls_certificate_sds_secret_configs') || common.has('validation_context_sds_secret_config');
  common.ignore('tls_certificate_sds_secret_configs', 'validation_context_sds_secret_config').done();
  if (notReady) return { h2, tls: { notReady: SDS_NOT_READY } };
  const ca = trusted?.str('inline_string');
  // trusted_ca from a file is the OS bundle: Node's own roots stand in for it
  trusted?.ignore('filename').done();
  validation?.done();
  const options: ConnectionOptions = {
    ...(alpn.length > 0 ? { ALPNProtocols: alpn } : {}),
    ...(certs[0] ? { cert: certs[0].certificate_chain.inline_string, key: certs[0].private_key.inline_string } : {}),
    ...(ca ? { ca } : {}),
    rejectUnauthorized: validation !== undefined,
  };
  return { h2, tls: { options, sni, autoSni, autoSan } };
}

export function decodeCluster(v: unknown): DecodedCluster {
  const c = Fields.of(v, 'cluster');
  const name = c.str('name') ?? '';
  const where = `cluster ${name}`;
  const f = Fields.of(v, where);
  f.str('name');
  const type = f.sub('cluster_type');
  if (type) {
    const clusters = ((type.get('typed_config') as { clusters?: string[] }) ?? {}).clusters ?? [];
    type.ignore('name').done();
    f.ignore('connect_timeout', 'lb_policy').done();
    return { name, policy: DEFAULT_POLICY, transport: PLAIN_HTTP1, aggregate: clusters };
  }
  if (f.str('type') !== 'EDS') throw new UnsupportedConfigError(where, `cluster type ${String(f.get('type'))} (region-lab writes EDS clusters)`);
  const lb = f.str('lb_policy') ?? 'ROUND_ROBIN';
  if (!LB.has(lb)) throw new UnsupportedConfigError(where, `lb_policy ${lb}`);
  const outlier = f.sub('outlier_detection');
  const checks = f.list('health_checks');
  const ignoreRemoval = f.get('ignore_health_on_host_removal') === true;
  const panic = (f.sub('common_lb_config')?.get('healthy_panic_threshold') as { value?: number } | undefined)?.value;
  const protocol = (f.sub('typed_extension_protocol_options')?.sub('envoy.extensions.upstreams.http.v3.HttpProtocolOptions'));
  const transport = decodeTransport(f.sub('transport_socket'), protocol);
  const meta = (f.get('metadata') as { filter_metadata?: Record<string, { sources?: string[] }> } | undefined)?.filter_metadata?.[METADATA];
  // cluster-wide knobs the model does not vary: EDS source, Istio's fixed connect timeout and open breakers, ring size
  f.ignore('eds_cluster_config', 'connect_timeout', 'circuit_breakers', 'ring_hash_lb_config').done();
  const policy: ClusterPolicy = {
    lb: lb as LbPolicy,
    hash: undefined,
    outlierDetection: outlier ? decodeOutlier(outlier) : undefined,
    healthCheck: checks[0] ? { ...decodeHealthCheck(Fields.of(checks[0], `${where}.health_checks[0]`)), ...(ignoreRemoval ? { ignoreHealthOnHostRemoval: true } : {}) } : undefined,
    localityLb: undefined,
    panicThresholdPercent: panic ?? 50,
    upstream: undefined,
    sources: meta?.sources ?? [],
  };
  return { name, policy, transport };
}

const DEFAULT_POLICY: ClusterPolicy = { lb: 'LEAST_REQUEST', hash: undefined, outlierDetection: undefined, healthCheck: undefined, localityLb: undefined, panicThresholdPercent: 50, upstream: undefined, sources: [] };
