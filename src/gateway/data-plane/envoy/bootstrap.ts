// The bootstrap of one gateway instance's real Envoy: its node (id, cluster,
// locality, labels), the admin and health listeners on the instance's loopback
// address, LDS/CDS from its xDS files, the outlier event log, and a connection limit
// (Envoy warns without one). Options are zod-checked; everything else comes by xDS.
import { z } from 'zod';
import { BadInputError } from '../../../core/errors.js';
import { pathConfigSource, xdsFiles } from '../../xds/files.js';
import type { EnvoyResource } from '../../xds/snapshot.js';

const port = z.number().int().min(1).max(65535);

export const envoyBootstrapPropsSchema = z.object({
  /** node.id: the instance name, e.g. "gw-south-1". */
  name: z.string().min(1),
  /** node.cluster: the gateway deployment, e.g. "gw-south" (Istio: <workload>.<namespace>). */
  cluster: z.string().min(1),
  locality: z.object({ region: z.string().min(1), zone: z.string().default(''), subZone: z.string().default('') }),
  /** Pod labels, as Istio passes them in node metadata (LABELS). @default {} */
  labels: z.record(z.string(), z.string()).default({}),
  /** More node metadata. @default {} */
  metadata: z.record(z.string(), z.unknown()).default({}),
  runId: z.string().min(1),
  /** The instance's loopback address: admin and health listeners bind here. */
  address: z.string().regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'a 127.0.0.0/8 address'),
  adminPort: port,
  /** The static health listener answering /healthz/ready (what HAProxy checks). */
  healthPort: port,
  /** The dir holding this instance's xDS files (src/gateway/xds/files.ts). */
  xdsDir: z.string().min(1),
  /** cluster_manager.outlier_detection.event_log_path. */
  outlierEventLog: z.string().min(1),
  /** @default 50000: the overload manager's global downstream connection limit. */
  maxDownstreamConnections: z.number().int().positive().default(50_000),
});
export type EnvoyBootstrapProps = z.input<typeof envoyBootstrapPropsSchema>;

/** Checks the options (every problem at once) and builds the bootstrap JSON. */
export function envoyBootstrap(props: EnvoyBootstrapProps, source = 'envoy bootstrap options'): EnvoyResource {
  const r = envoyBootstrapPropsSchema.safeParse(props);
  if (!r.success) throw new BadInputError(r.error.issues.map((i) => ({ file: source, path: i.path.join('.'), message: i.message })));
  const p = r.data;
  const files = xdsFiles(p.xdsDir);
  const at = (portValue: number) => ({ socket_address: { address: p.address, port_value: portValue } });
  return {
    node: {
      id: p.name,
      cluster: p.cluster,
      locality: { region: p.locality.region, zone: p.locality.zone, sub_zone: p.locality.subZone },
      metadata: { ...p.metadata, LABELS: p.labels, REGION_LAB_RUN_ID: p.runId },
    },
    admin: { address: at(p.adminPort) },
    dynamic_resources: { lds_config: pathConfigSource(files.lds), cds_config: pathConfigSource(files.cds) },
    cluster_manager: { outlier_detection: { event_log_path: p.outlierEventLog } },
    static_resources: { listeners: [healthListener(at(p.healthPort))] },
    overload_manager: {
      resource_monitors: [
        {
          name: 'envoy.resource_monitors.global_downstream_max_connections',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig',
            max_active_downstream_connections: p.maxDownstreamConnections,
          },
        },
      ],
    },
  };
}

/**
 * /healthz/ready answered by Envoy itself (health_check filter, not pass-through):
 * 200 while serving, 503 once POST /healthcheck/fail drains the instance.
 */
function healthListener(address: EnvoyResource): EnvoyResource {
  return {
    name: 'health',
    address,
    filter_chains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: {
              '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
              stat_prefix: 'health',
              // HAProxy's `option httpchk` speaks HTTP/1.0, which Envoy answers 426 by default
              http_protocol_options: { accept_http_10: true, default_host_for_http_10: 'health' },
              route_config: { name: 'health', virtual_hosts: [{ name: 'health', domains: ['*'], routes: [{ match: { prefix: '/' }, direct_response: { status: 404 } }] }] },
              http_filters: [
                {
                  name: 'envoy.filters.http.health_check',
                  typed_config: {
                    '@type': 'type.googleapis.com/envoy.extensions.filters.http.health_check.v3.HealthCheck',
                    pass_through_mode: false,
                    headers: [{ name: ':path', string_match: { exact: '/healthz/ready' } }],
                  },
                },
                { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
              ],
            },
          },
        ],
      },
    ],
  };
}

/**
 * The health-check event sink for a cluster's `health_checks[].event_logger`
 * (events: eject_unhealthy, add_healthy, health_check_failure, ...). Pair with
 * `always_log_health_check_failures: true` to see every failure.
 */
export function healthCheckEventLogger(path: string): EnvoyResource {
  return {
    name: 'envoy.health_check.event_sinks.file',
    typed_config: { '@type': 'type.googleapis.com/envoy.extensions.health_check.event_sinks.file.v3.HealthCheckEventFileSink', event_log_path: path },
  };
}
