// The xDS the bench's real Envoy runs: what the translation writes for one Ingress
// to one service, hand-written: a listener whose HCM (Istio's settings, the JSON
// access log) takes its routes by RDS, a route with Istio's default retry policy to
// an EDS cluster with LEAST_REQUEST and Istio's unlimited circuit breakers.
import { join } from 'node:path';

/** @param dist the built project (dist/); @param p { dir, listen: {host, port}, backend: {host, port}, accessLog? (none: no access log) } */
export async function benchSnapshot(dist, p) {
  const { pathConfigSource, xdsFiles } = await import(join(dist, 'gateway/xds/index.js'));
  const { accessLogConfig } = await import(join(dist, 'gateway/data-plane/envoy/index.js'));
  const files = xdsFiles(p.dir);
  const cluster = 'outbound|80||backend.default.svc.cluster.local';
  const route = 'http.80';
  const MAX = 4294967295;
  return {
    version: '1',
    listeners: [
      {
        name: `${p.listen.host}_${p.listen.port}`,
        address: { socket_address: { address: p.listen.host, port_value: p.listen.port } },
        filter_chains: [
          {
            filters: [
              {
                name: 'envoy.filters.network.http_connection_manager',
                typed_config: {
                  '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
                  stat_prefix: 'outbound_0.0.0.0_80',
                  rds: { route_config_name: route, config_source: pathConfigSource(files.rds(route)) },
                  http_filters: [{ name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } }],
                  use_remote_address: true,
                  normalize_path: true,
                  path_with_escaped_slashes_action: 'KEEP_UNCHANGED',
                  ...(p.accessLog ? { access_log: [accessLogConfig(p.accessLog)] } : {}),
                },
              },
            ],
          },
        ],
      },
    ],
    routeConfigs: [
      {
        name: route,
        validate_clusters: false,
        virtual_hosts: [
          {
            name: 'bench.example.com:80',
            domains: ['bench.example.com', 'bench.example.com:*'],
            routes: [
              {
                name: 'default/bench',
                match: { prefix: '/' },
                route: {
                  cluster,
                  timeout: '0s',
                  retry_policy: {
                    retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
                    num_retries: 2,
                    retriable_status_codes: [503],
                    retry_host_predicate: [{ name: 'envoy.retry_host_predicates.previous_hosts', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate' } }],
                    host_selection_retry_max_attempts: '5',
                    retriable_request_headers: [{ name: ':method', string_match: { safe_regex: { regex: 'POST|PATCH|LOCK' } }, invert_match: true }],
                  },
                },
              },
            ],
          },
        ],
      },
    ],
    clusters: [
      {
        name: cluster,
        type: 'EDS',
        eds_cluster_config: { eds_config: pathConfigSource(files.eds(cluster)), service_name: cluster },
        connect_timeout: '10s',
        lb_policy: 'LEAST_REQUEST',
        circuit_breakers: { thresholds: [{ max_connections: MAX, max_pending_requests: MAX, max_requests: MAX, max_retries: MAX, track_remaining: true }] },
        common_lb_config: {},
      },
    ],
    loadAssignments: [
      {
        cluster_name: cluster,
        endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: p.backend.host, port_value: p.backend.port } } }, load_balancing_weight: 1 }] }],
      },
    ],
  };
}
