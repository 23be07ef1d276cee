// The names both sides of the xDS boundary agree on: Envoy type URLs and filter
// names, the proto3 JSON duration form, and region-lab's own metadata namespace.

export const TYPE = {
  listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  routeConfiguration: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  loadAssignment: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  hcm: 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  router: 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
  cors: 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors',
  corsPolicy: 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy',
  rbac: 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC',
  rbacPerRoute: 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBACPerRoute',
  localRateLimit: 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
  customResponse: 'type.googleapis.com/envoy.extensions.filters.http.custom_response.v3.CustomResponse',
  redirectPolicy: 'type.googleapis.com/envoy.extensions.http.custom_response.redirect_policy.v3.RedirectPolicy',
  statusInput: 'type.googleapis.com/envoy.type.matcher.v3.HttpResponseStatusCodeMatchInput',
  previousHosts: 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
  httpProtocolOptions: 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
  upstreamTls: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
  downstreamTls: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
  aggregateCluster: 'type.googleapis.com/envoy.extensions.clusters.aggregate.v3.ClusterConfig',
  tlsInspector: 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
} as const;

/** Extension names as Envoy registers them. */
export const FILTER = {
  hcm: 'envoy.filters.network.http_connection_manager',
  router: 'envoy.filters.http.router',
  cors: 'envoy.filters.http.cors',
  rbac: 'envoy.filters.http.rbac',
  localRateLimit: 'envoy.filters.http.local_ratelimit',
  customResponse: 'envoy.filters.http.custom_response',
  tlsInspector: 'envoy.filters.listener.tls_inspector',
} as const;

/** Milliseconds as a proto3 JSON Duration ("1.5s"). */
export function duration(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : Number(s.toFixed(9))}s`;
}

/** A proto3 JSON Duration back to milliseconds; undefined when it is not one. */
export function parseDuration(d: unknown): number | undefined {
  if (typeof d !== 'string') return undefined;
  const m = /^(-?\d+(?:\.\d+)?)s$/.exec(d);
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

/** Namespace of region-lab's own route, cluster and endpoint metadata (where a route came from, why a backend is invalid). */
export const METADATA = 'region-lab';

/** The cluster a route names for a backend Higress could not resolve (Istio's UnknownService). */
export const UNKNOWN_CLUSTER = 'UnknownService';
