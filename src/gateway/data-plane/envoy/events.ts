// Turns a real Envoy's own files into region-lab's gateway events, so the report's
// event lanes and the verdicts that read gateway events (retries, ejections, rate
// limits) work on Envoy as on the model: the outlier event log (EJECT / UNEJECT),
// the health-check event log, and the JSON access log (attempts > 1 ⇒ retries, flag
// RL ⇒ rate-limited, a fallback host ⇒ fallback-served, every response flag counted
// per second).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { GatewayEvent } from '../../events.js';
import { flagsOf, parseAccessLog, type AccessLogRecord } from './access-log.js';

/** Envoy-only: requests with a response flag (UF, UH, URX, NR, RL, UT, ...) in one second of one route. */
export type ResponseFlagEvent = { kind: 'response-flag'; flag: string; route: string; cluster: string; details: string; count: number };
export type EnvoyGatewayEvent = (GatewayEvent | ResponseFlagEvent) & { readonly t: number };

const outlierLine = z.object({
  type: z.string(),
  timestamp: z.string(),
  cluster_name: z.string(),
  upstream_url: z.string(),
  action: z.enum(['EJECT', 'UNEJECT']),
  num_ejections: z.number().optional(),
  enforced: z.boolean().optional(),
});

/** CONSECUTIVE_5XX → "consecutive 5xx", as the model words its reasons. */
const reasonOf = (type: string) => type.toLowerCase().replace(/_/g, ' ').replace('gateway failure', 'gateway errors');

export function outlierEvents(text: string): EnvoyGatewayEvent[] {
  return lines(text, outlierLine).flatMap((o): EnvoyGatewayEvent[] => {
    const t = Date.parse(o.timestamp);
    if (o.action === 'UNEJECT') return [{ t, kind: 'host-returned', cluster: o.cluster_name, host: o.upstream_url, by: 'outlier-detection' }];
    // an EJECT Envoy did not enforce (enforcing_* below 100 lost the draw) left the host in rotation
    if (o.enforced === false) return [];
    return [{ t, kind: 'host-ejected', cluster: o.cluster_name, host: o.upstream_url, by: 'outlier-detection', reason: reasonOf(o.type), ...(o.num_ejections ? { ejections: o.num_ejections } : {}) }];
  });
}

const hcLine = z.object({
  cluster_name: z.string(),
  timestamp: z.string(),
  host: z.object({ socket_address: z.object({ address: z.string(), port_value: z.number() }) }),
  eject_unhealthy_event: z.object({ failure_type: z.string().optional() }).optional(),
  add_healthy_event: z.object({ first_check: z.boolean().optional() }).optional(),
});

export function healthCheckEvents(text: string): EnvoyGatewayEvent[] {
  return lines(text, hcLine).flatMap((h): EnvoyGatewayEvent[] => {
    const t = Date.parse(h.timestamp);
    const host = `${h.host.socket_address.address}:${h.host.socket_address.port_value}`;
    if (h.eject_unhealthy_event) {
      const why = (h.eject_unhealthy_event.failure_type ?? 'unknown').toLowerCase();
      return [{ t, kind: 'host-ejected', cluster: h.cluster_name, host, by: 'active-health-check', reason: `health check failed (${why})` }];
    }
    // new hosts start failed until their first check passes, as the model's do
    if (h.add_healthy_event) return [{ t, kind: 'host-returned', cluster: h.cluster_name, host, by: 'active-health-check' }];
    return [];
  });
}

export function accessLogEvents(records: readonly AccessLogRecord[]): EnvoyGatewayEvent[] {
  const out: EnvoyGatewayEvent[] = [];
  const perSecond = new Map<string, EnvoyGatewayEvent & { count: number }>();
  const count = (key: string, make: () => EnvoyGatewayEvent & { count: number }) => {
    const e = perSecond.get(key);
    if (e) e.count++;
    else perSecond.set(key, make());
  };
  for (const r of records) {
    const t = r.start_time;
    const second = Math.floor(t / 1000);
    // one event per retry, as Envoy's upstream_rq_retry counts them; the log has only the last host
    for (let i = 1; i < r.attempts; i++) {
      out.push({ t, kind: 'retry', route: r.route_name, cluster: r.upstream_cluster, retry: i, host: r.upstream_host, reason: r.response_flags || r.response_code_details, backoffMs: 0 });
    }
    for (const flag of flagsOf(r)) {
      count(`f\0${second}\0${flag}\0${r.route_name}`, () => ({ t, kind: 'response-flag', flag, route: r.route_name, cluster: r.upstream_cluster, details: r.response_code_details, count: 1 }));
      if (flag === 'RL') count(`rl\0${second}\0${r.route_name}`, () => ({ t, kind: 'rate-limited', route: r.route_name, count: 1 }));
    }
    // the host's metadata says it belongs to a fallback (access-log.ts fallbackEndpointMetadata)
    if (r.fallback_for) {
      const fallback = r.fallback_cluster || r.upstream_cluster;
      count(`fb\0${second}\0${r.route_name}\0${fallback}`, () => ({ t, kind: 'fallback-served', route: r.route_name, cluster: r.fallback_for!, fallback, reason: 'no-healthy-host', count: 1 }));
    }
  }
  return [...out, ...perSecond.values()];
}

export interface EnvoyEventFiles {
  readonly accessLog?: string;
  readonly outlierEvents?: string;
  readonly healthCheckEvents?: string;
}

/** Every event Envoy's files hold, oldest first. A file not there yet counts as empty. */
export function envoyGatewayEvents(files: EnvoyEventFiles): EnvoyGatewayEvent[] {
  const read = (f?: string) => (f && existsSync(f) ? readFileSync(f, 'utf8') : '');
  return [...outlierEvents(read(files.outlierEvents)), ...healthCheckEvents(read(files.healthCheckEvents)), ...accessLogEvents(parseAccessLog(read(files.accessLog)))].sort((a, b) => a.t - b.t);
}

/**
 * Writes them as the model writes its event log (`{ t, gateway, kind, ... }` lines),
 * to `<logDir>/<gateway>.events.jsonl`, where src/run/events.ts collects them. Returns the count.
 */
export function writeEnvoyGatewayEvents(outFile: string, gateway: string, files: EnvoyEventFiles, hostName: (dialled: string) => string = (h) => h): number {
  // Envoy names the address it dialled; events name the endpoint as registered
  const events = envoyGatewayEvents(files).map((e) => ('host' in e && typeof e.host === 'string' ? { ...e, host: hostName(e.host) } : e));
  writeFileSync(outFile, events.map(({ t, ...e }) => `${JSON.stringify({ t, gateway, ...e })}\n`).join(''));
  return events.length;
}

function lines<T>(text: string, schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = schema.safeParse(JSON.parse(line));
      if (r.success) out.push(r.data);
    } catch {
      /* a line cut by a killed process */
    }
  }
  return out;
}
