// Typed readers for a real Envoy's admin API on loopback: /ready, /stats, /clusters,
// and POST /healthcheck/fail|ok (drains the instance: its health listener answers
// 503 and the region's load balancer takes it out). /config_dump: config-versions.ts.
import { z } from 'zod';

export interface EnvoyAdmin {
  readonly address: string;
  readonly port: number;
}

/** @default 2000 ms per admin call: it answers in under 10 ms when Envoy is up. */
const TIMEOUT_MS = 2000;

/** One admin call; a non-2xx answer throws with its status and body. */
export async function call(a: EnvoyAdmin, path: string, method = 'GET'): Promise<Response> {
  const url = `http://${a.address}:${a.port}${path}`;
  const res = await fetch(url, { method, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return res;
}

/** True once Envoy answers /ready with LIVE (after its first LDS, CDS and EDS). */
export async function isLive(a: EnvoyAdmin): Promise<boolean> {
  try {
    return (await (await call(a, '/ready')).text()).trim() === 'LIVE';
  } catch {
    return false;
  }
}

const serverInfoSchema = z.object({
  version: z.string(),
  state: z.string(),
  command_line_options: z.object({ config_path: z.string().optional() }).optional(),
  node: z.object({ id: z.string().optional() }).optional(),
});

export interface ServerInfo {
  /** e.g. "bad8280d…/1.36.4/Clean/RELEASE/BoringSSL" */
  readonly version: string;
  /** LIVE, DRAINING, PRE_INITIALIZING, INITIALIZING */
  readonly state: string;
  /** The bootstrap it runs (-c): tells one instance from another on the same admin address. */
  readonly configPath: string;
  readonly nodeId: string;
}

export async function readServerInfo(a: EnvoyAdmin): Promise<ServerInfo> {
  const s = serverInfoSchema.parse(await (await call(a, '/server_info')).json());
  return { version: s.version, state: s.state, configPath: s.command_line_options?.config_path ?? '', nodeId: s.node?.id ?? '' };
}

/** POST /healthcheck/fail (failing) or /healthcheck/ok: what the health listener answers. */
export async function setHealthCheckFailing(a: EnvoyAdmin, failing: boolean): Promise<void> {
  await call(a, failing ? '/healthcheck/fail' : '/healthcheck/ok', 'POST');
}

// ---- /stats?format=json -------------------------------------------------------

const statsSchema = z.object({
  stats: z.array(z.union([z.object({ name: z.string(), value: z.union([z.number(), z.string()]).optional() }), z.object({ histograms: z.unknown() })])),
});

/** Counter and gauge values by full name; text readouts (version_text) as strings. */
export type EnvoyStats = ReadonlyMap<string, number | string>;

/** All stats, or those whose name matches `filter` (an RE2 regex, applied by Envoy). */
export async function readStats(a: EnvoyAdmin, filter?: string): Promise<EnvoyStats> {
  const q = filter ? `&filter=${encodeURIComponent(filter)}` : '';
  return parseStats(await (await call(a, `/stats?format=json${q}`)).json());
}

export function parseStats(json: unknown): EnvoyStats {
  const out = new Map<string, number | string>();
  for (const s of statsSchema.parse(json).stats) if ('name' in s) out.set(s.name, s.value ?? 0);
  return out;
}

/** A stat as a number (absent = 0). */
export const stat = (s: EnvoyStats, name: string): number => Number(s.get(name) ?? 0) || 0;

/** Envoy's stat-name form of a resource name (':' is reserved in statsd). */
export const statName = (name: string): string => name.replace(/[:\0]/g, '_');

export interface ClusterCounters {
  readonly requests: number;
  readonly retries: number;
  readonly retrySuccess: number;
  readonly retryOverflow: number;
  readonly ejectionsActive: number;
  readonly ejectionsEnforcedTotal: number;
  readonly ejectionsOverflow: number;
  readonly healthyPanic: number;
  readonly membershipHealthy: number;
  readonly membershipTotal: number;
  readonly noHealthyUpstream: number;
}

export function clusterCounters(s: EnvoyStats, cluster: string): ClusterCounters {
  const c = (k: string) => stat(s, `cluster.${statName(cluster)}.${k}`);
  return {
    requests: c('upstream_rq_total'),
    retries: c('upstream_rq_retry'),
    retrySuccess: c('upstream_rq_retry_success'),
    retryOverflow: c('upstream_rq_retry_overflow'),
    ejectionsActive: c('outlier_detection.ejections_active'),
    ejectionsEnforcedTotal: c('outlier_detection.ejections_enforced_total'),
    ejectionsOverflow: c('outlier_detection.ejections_overflow'),
    healthyPanic: c('lb_healthy_panic'),
    membershipHealthy: c('membership_healthy'),
    membershipTotal: c('membership_total'),
    noHealthyUpstream: c('upstream_cx_none_healthy'),
  };
}

/** Requests answered 429 by local rate limit filters, over every stat prefix. */
export function rateLimited(s: EnvoyStats): number {
  let n = 0;
  for (const [k, v] of s) if (k.endsWith('.http_local_rate_limit.rate_limited')) n += Number(v) || 0;
  return n;
}

// ---- /clusters?format=json ----------------------------------------------------

const hostSchema = z.object({
  address: z.object({ socket_address: z.object({ address: z.string(), port_value: z.number() }) }),
  stats: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]).optional() })).default([]),
  health_status: z.record(z.string(), z.union([z.boolean(), z.string()])).default({}),
  weight: z.number().default(1),
  priority: z.number().default(0),
  locality: z.object({ region: z.string().optional(), zone: z.string().optional(), sub_zone: z.string().optional() }).default({}),
});
const clustersSchema = z.object({
  cluster_statuses: z.array(z.object({ name: z.string(), added_via_api: z.boolean().default(false), host_statuses: z.array(hostSchema).default([]) })).default([]),
});

export interface HostStatus {
  /** "ip:port" */
  readonly address: string;
  readonly weight: number;
  readonly priority: number;
  readonly locality: { readonly region: string; readonly zone: string; readonly subZone: string };
  /** EDS health as Envoy holds it: HEALTHY, UNHEALTHY, DRAINING, ... */
  readonly edsHealth: string;
  readonly failedOutlierCheck: boolean;
  readonly failedActiveHealthCheck: boolean;
  /** No failure flag and EDS health HEALTHY/UNKNOWN: the load balancer may pick it outside panic. */
  readonly healthy: boolean;
  /** Per-host counters: rq_total, rq_success, rq_error, rq_active, cx_connect_fail, ... */
  readonly counters: Readonly<Record<string, number>>;
}

export interface ClusterStatus {
  readonly name: string;
  readonly addedViaApi: boolean;
  readonly hosts: readonly HostStatus[];
}

export async function readClusters(a: EnvoyAdmin): Promise<ClusterStatus[]> {
  return parseClusters(await (await call(a, '/clusters?format=json')).json());
}

export function parseClusters(json: unknown): ClusterStatus[] {
  return clustersSchema.parse(json).cluster_statuses.map((c) => ({
    name: c.name,
    addedViaApi: c.added_via_api,
    hosts: c.host_statuses.map((h) => {
      const f = h.health_status;
      const edsHealth = typeof f.eds_health_status === 'string' ? f.eds_health_status : 'UNKNOWN';
      const failed = Object.entries(f).some(([k, v]) => v === true && (k.startsWith('failed_') || k === 'pending_dynamic_removal' || k === 'excluded_via_immediate_hc_fail'));
      return {
        address: `${h.address.socket_address.address}:${h.address.socket_address.port_value}`,
        weight: h.weight,
        priority: h.priority,
        locality: { region: h.locality.region ?? '', zone: h.locality.zone ?? '', subZone: h.locality.sub_zone ?? '' },
        edsHealth,
        failedOutlierCheck: f.failed_outlier_check === true,
        failedActiveHealthCheck: f.failed_active_health_check === true,
        healthy: !failed && (edsHealth === 'HEALTHY' || edsHealth === 'UNKNOWN'),
        counters: Object.fromEntries(h.stats.map((s) => [s.name, Number(s.value ?? 0) || 0])),
      };
    }),
  }));
}
