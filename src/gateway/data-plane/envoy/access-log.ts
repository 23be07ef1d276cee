// The JSON access log every gateway HCM writes (the translation calls
// accessLogConfig), and the schema that reads it back for region-lab's events: one
// place names each field, so writer and reader cannot drift apart.
import { z } from 'zod';
import type { EnvoyResource } from '../../xds/snapshot.js';

/** Field → Envoy command operator. START_TIME as epoch seconds with ms, so no time zone is involved. */
export const ACCESS_LOG_FIELDS = {
  start_time: '%START_TIME(%s.%3f)%',
  method: '%REQ(:METHOD)%',
  path: '%REQ(:PATH)%',
  authority: '%REQ(:AUTHORITY)%',
  status: '%RESPONSE_CODE%',
  response_flags: '%RESPONSE_FLAGS%',
  response_code_details: '%RESPONSE_CODE_DETAILS%',
  upstream_host: '%UPSTREAM_HOST%',
  upstream_cluster: '%UPSTREAM_CLUSTER%',
  upstream_failure: '%UPSTREAM_TRANSPORT_FAILURE_REASON%',
  attempts: '%UPSTREAM_REQUEST_ATTEMPT_COUNT%',
  duration_ms: '%DURATION%',
  route_name: '%ROUTE_NAME%',
  request_id: '%REQ(X-REQUEST-ID)%',
  served_by: '%RESP(X-SERVED-BY)%',
  served_region: '%RESP(X-SERVED-REGION)%',
  served_instance: '%RESP(X-SERVED-INSTANCE)%',
  // set on the endpoints of a fallback sub-cluster (fallbackEndpointMetadata): Envoy
  // logs an aggregate cluster's own name as %UPSTREAM_CLUSTER%, not the sub-cluster's
  fallback_for: '%METADATA(UPSTREAM_HOST:region-lab:fallback_for)%',
  fallback_cluster: '%METADATA(UPSTREAM_HOST:region-lab:fallback_cluster)%',
} as const;

/**
 * Endpoint metadata for the hosts of a fallback cluster standing in for `primary`
 * (Higress's cluster_fallback emulated with an aggregate cluster): the access log
 * then tells a request the fallback served. Goes in an lb_endpoint's `metadata`.
 */
export function fallbackEndpointMetadata(primary: string, fallback: string): EnvoyResource {
  return { filter_metadata: { 'region-lab': { fallback_for: primary, fallback_cluster: fallback } } };
}

/** An `access_log` entry for an HttpConnectionManager (envoy.access_loggers.file, json_format). */
export function accessLogConfig(path: string): EnvoyResource {
  return {
    name: 'envoy.access_loggers.file',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog',
      path,
      log_format: { json_format: ACCESS_LOG_FIELDS },
    },
  };
}

// Envoy writes "-" or null for a value it does not have; numbers come as numbers
const text = z.union([z.string(), z.number(), z.null()]).transform((v) => (v === null || v === '-' ? '' : String(v)));
const num = z.union([z.number(), z.string(), z.null()]).transform((v) => (typeof v === 'number' ? v : Number(v ?? 0) || 0));

export const accessLogRecordSchema = z.object({
  start_time: z.union([z.string(), z.number()]).transform((v) => Math.round(Number(v) * 1000)),
  method: text,
  path: text,
  authority: text,
  status: num,
  response_flags: text,
  response_code_details: text,
  upstream_host: text,
  upstream_cluster: text,
  upstream_failure: text.optional(),
  attempts: num,
  duration_ms: num,
  route_name: text,
  request_id: text,
  served_by: text,
  served_region: text.optional(),
  served_instance: text.optional(),
  fallback_for: text.optional(),
  fallback_cluster: text.optional(),
});
/** One request as Envoy logged it; start_time in epoch ms. */
export type AccessLogRecord = z.output<typeof accessLogRecordSchema>;

/** Parses the access log's lines; a line cut by a killed process is skipped. */
export function parseAccessLog(content: string): AccessLogRecord[] {
  const out: AccessLogRecord[] = [];
  for (const line of content.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = accessLogRecordSchema.safeParse(JSON.parse(line));
      if (r.success) out.push(r.data);
    } catch {
      /* a torn last line */
    }
  }
  return out;
}

/** Envoy's response flags in a record ("UF,URX" → ["UF", "URX"]). */
export const flagsOf = (r: AccessLogRecord): string[] => (r.response_flags ? r.response_flags.split(',').filter(Boolean) : []);
