// Hand-written xDS for tests: one HTTP listener routing to EDS clusters, in the
// shapes the translation writes (LEAST_REQUEST, Istio's default retry policy, the
// JSON access log), so the writer, the rejection check and real Envoy can be
// exercised before the translation exists.
import { accessLogConfig } from '../../src/gateway/data-plane/envoy/access-log.js';
import { pathConfigSource, xdsFiles, type EnvoyResource, type XdsSnapshot } from '../../src/gateway/xds/index.js';

export interface Endpoint {
  readonly address: string;
  readonly port: number;
  /** @default 1 */
  readonly weight?: number;
  readonly metadata?: EnvoyResource;
}

export interface FixtureProps {
  readonly dir: string;
  readonly version: string;
  readonly listen: { readonly address: string; readonly port: number };
  /** cluster name → endpoints; the route sends everything to the first cluster unless `routeTo` says otherwise. */
  readonly clusters: Readonly<Record<string, readonly Endpoint[]>>;
  readonly routeTo?: string;
  readonly routeConfigName?: string;
  readonly accessLog?: string;
  /** Extra fields merged into every cluster (outlier_detection, health_checks, ...). */
  readonly clusterExtra?: EnvoyResource;
  /** Extra fields for one cluster, by name. */
  readonly clusterExtras?: Readonly<Record<string, EnvoyResource>>;
  /** Clusters added as they are (an aggregate cluster, say). */
  readonly extraClusters?: readonly EnvoyResource[];
  /** HTTP filters put before the router (e.g. local_ratelimit). */
  readonly extraHttpFilters?: readonly EnvoyResource[];
  /** Extra routes put before the catch-all. */
  readonly extraRoutes?: readonly EnvoyResource[];
}

/** Istio's default retry policy (facts/envoy-real.md §3), with Higress's idempotent guard. */
export const istioDefaultRetry: EnvoyResource = {
  retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
  num_retries: 2,
  retriable_status_codes: [503],
  retry_host_predicate: [{ name: 'envoy.retry_host_predicates.previous_hosts', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate' } }],
  host_selection_retry_max_attempts: '5',
  retriable_request_headers: [{ name: ':method', string_match: { safe_regex: { regex: 'POST|PATCH|LOCK' } }, invert_match: true }],
};

export function fixtureSnapshot(p: FixtureProps): XdsSnapshot {
  const files = xdsFiles(p.dir);
  const routeName = p.routeConfigName ?? `http.${p.listen.port}`;
  const names = Object.keys(p.clusters);
  const hcm = {
    '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
    stat_prefix: `outbound_0.0.0.0_${p.listen.port}`,
    rds: { route_config_name: routeName, config_source: pathConfigSource(files.rds(routeName)) },
    http_filters: [...(p.extraHttpFilters ?? []), { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } }],
    ...(p.accessLog ? { access_log: [accessLogConfig(p.accessLog)] } : {}),
  };
  return {
    version: p.version,
    listeners: [
      {
        name: `${p.listen.address}_${p.listen.port}`,
        address: { socket_address: { address: p.listen.address, port_value: p.listen.port } },
        filter_chains: [{ filters: [{ name: 'envoy.filters.network.http_connection_manager', typed_config: hcm }] }],
      },
    ],
    routeConfigs: [
      {
        name: routeName,
        virtual_hosts: [
          {
            name: 'all',
            domains: ['*'],
            routes: [...(p.extraRoutes ?? []), { name: 'default', match: { prefix: '/' }, route: { cluster: p.routeTo ?? names[0], timeout: '5s', retry_policy: istioDefaultRetry } }],
          },
        ],
      },
    ],
    clusters: names.map((name): EnvoyResource => ({
      name,
      type: 'EDS',
      eds_cluster_config: { eds_config: pathConfigSource(files.eds(name)), service_name: name },
      connect_timeout: '1s',
      lb_policy: 'LEAST_REQUEST',
      ...(p.clusterExtra ?? {}),
      ...(p.clusterExtras?.[name] ?? {}),
    })).concat(p.extraClusters ?? []),
    loadAssignments: names.map((name) => ({
      cluster_name: name,
      endpoints: [
        {
          lb_endpoints: p.clusters[name]!.map((e) => ({
            endpoint: { address: { socket_address: { address: e.address, port_value: e.port } } },
            load_balancing_weight: e.weight ?? 1,
            ...(e.metadata ? { metadata: e.metadata } : {}),
          })),
        },
      ],
    })),
  };
}
