// The one EnvoyFilter shape the model reads: a CLUSTER patch that MERGEs Envoy
// health_checks (HTTP), and ignore_health_on_host_removal with them, into a cluster: the
// only way to get active health checking on Higress/Istio. Other patches, and other fields
// of the merged value, are reported as not modelled.
import { z } from 'zod';
import type { HealthCheckPolicy } from '../xds/cluster-policy.js';
import { parseDurationMs } from './duration.js';
import { parseOutboundCluster } from './services.js';

const duration = z.string().refine((s) => parseDurationMs(s) !== undefined, 'write a duration such as 5s');

const healthCheck = z.looseObject({
  timeout: duration,
  interval: duration,
  unhealthy_threshold: z.number().int().min(1),
  healthy_threshold: z.number().int().min(1),
  no_traffic_interval: duration.optional(),
  unhealthy_interval: duration.optional(),
  http_health_check: z.looseObject({
    path: z.string().min(1),
    host: z.string().optional(),
    expected_statuses: z.array(z.looseObject({ start: z.number().int(), end: z.number().int() })).optional(),
  }),
});

const patch = z.looseObject({
  applyTo: z.string(),
  match: z.looseObject({ cluster: z.looseObject({ service: z.string().optional(), name: z.string().optional(), portNumber: z.number().optional() }).optional() }).optional(),
  patch: z.looseObject({ operation: z.string(), value: z.looseObject({ health_checks: z.array(healthCheck).optional(), ignore_health_on_host_removal: z.boolean().optional() }).optional() }),
});

export const envoyFilterSchema = z.looseObject({
  apiVersion: z.enum(['networking.istio.io/v1alpha3', 'networking.istio.io/v1'], { message: 'EnvoyFilter apiVersion is networking.istio.io/v1alpha3' }),
  kind: z.literal('EnvoyFilter'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.looseObject({ configPatches: z.array(patch).default([]) }),
});

export type EnvoyFilterDoc = z.output<typeof envoyFilterSchema>;

/** (service host, health check) per modelled patch, and a reason per patch that is not. */
export function envoyFilterHealthChecks(doc: EnvoyFilterDoc): { checks: { host: string; hc: HealthCheckPolicy }[]; skipped: string[] } {
  const checks: { host: string; hc: HealthCheckPolicy }[] = [];
  const skipped: string[] = [];
  doc.spec.configPatches.forEach((p, i) => {
    const hc = p.patch.value?.health_checks?.[0];
    const target = p.match?.cluster?.service ?? (p.match?.cluster?.name ? (parseOutboundCluster(p.match.cluster.name)?.fqdn ?? p.match.cluster.name) : undefined);
    if (p.applyTo !== 'CLUSTER' || p.patch.operation !== 'MERGE' || !hc || !target) {
      skipped.push(`configPatches[${i}]: only CLUSTER MERGE of health_checks with match.cluster.service is modelled`);
      return;
    }
    const modelled = new Set(['health_checks', 'ignore_health_on_host_removal']);
    for (const k of Object.keys(p.patch.value ?? {})) if (!modelled.has(k)) skipped.push(`configPatches[${i}]: value.${k} is not modelled (health_checks and ignore_health_on_host_removal are applied; the rest of the cluster is as Higress writes it)`);
    const interval = parseDurationMs(hc.interval)!;
    checks.push({
      host: target,
      hc: {
        timeoutMs: parseDurationMs(hc.timeout)!,
        intervalMs: interval,
        unhealthyThreshold: hc.unhealthy_threshold,
        healthyThreshold: hc.healthy_threshold,
        noTrafficIntervalMs: parseDurationMs(hc.no_traffic_interval) ?? 60_000,
        unhealthyIntervalMs: parseDurationMs(hc.unhealthy_interval) ?? interval,
        path: hc.http_health_check.path,
        host: hc.http_health_check.host,
        expectedStatuses: (hc.http_health_check.expected_statuses ?? [{ start: 200, end: 201 }]).map((r) => [r.start, r.end] as const),
        ...(p.patch.value?.ignore_health_on_host_removal === true ? { ignoreHealthOnHostRemoval: true } : {}),
      },
    });
  });
  return { checks, skipped };
}
