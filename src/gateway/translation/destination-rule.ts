// Istio DestinationRule (networking.istio.io/v1; Higress ≥ 2.1 sets
// global.enableIstioAPI) as a cluster policy: trafficPolicy.loadBalancer (simple,
// consistentHash, localityLbSetting) and outlierDetection, translated as Istio's
// cluster_traffic_policy.go does. Subsets, TLS and connection pools are not modelled.
import { z } from 'zod';
import type { ClusterPolicy, HashKey, LbPolicy } from '../xds/cluster-policy.js';
import { parseDurationMs } from './duration.js';
import { serviceFqdn } from './services.js';

const duration = z.string().refine((s) => parseDurationMs(s) !== undefined, 'write a duration such as 10s, 500ms or 1m');

const loadBalancer = z.looseObject({
  simple: z.enum(['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST'], { message: 'simple is one of LEAST_REQUEST, ROUND_ROBIN, RANDOM, LEAST_CONN, PASSTHROUGH' }).optional(),
  consistentHash: z
    .looseObject({
      httpHeaderName: z.string().optional(),
      httpCookie: z.looseObject({ name: z.string(), path: z.string().optional(), ttl: duration.optional() }).optional(),
      useSourceIp: z.boolean().optional(),
      httpQueryParameterName: z.string().optional(),
    })
    .optional(),
  localityLbSetting: z
    .looseObject({
      enabled: z.boolean().optional(),
      failover: z.array(z.looseObject({ from: z.string(), to: z.string() })).optional(),
      failoverPriority: z.array(z.string()).optional(),
      distribute: z.array(z.unknown()).optional(),
    })
    .optional(),
});

const outlierDetection = z.looseObject({
  consecutive5xxErrors: z.number().int().min(0).optional(),
  consecutiveGatewayErrors: z.number().int().min(0).optional(),
  interval: duration.optional(),
  baseEjectionTime: duration.optional(),
  maxEjectionPercent: z.number().int().min(0).max(100).optional(),
  minHealthPercent: z.number().int().min(0).max(100).optional(),
  splitExternalLocalOriginErrors: z.boolean().optional(),
});

export const destinationRuleSchema = z.looseObject({
  apiVersion: z.enum(['networking.istio.io/v1', 'networking.istio.io/v1beta1', 'networking.istio.io/v1alpha3'], { message: 'DestinationRule apiVersion is networking.istio.io/v1' }),
  kind: z.literal('DestinationRule'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.looseObject({
    host: z.string().min(1, 'host is required: the Nacos host (svc.DEFAULT-GROUP.public.nacos) or the Service'),
    trafficPolicy: z.looseObject({ loadBalancer: loadBalancer.optional(), outlierDetection: outlierDetection.optional() }).optional(),
  }),
});

export type DestinationRuleDoc = z.output<typeof destinationRuleSchema>;

/** A short Service name is qualified with the DR's namespace; Nacos hosts and FQDNs are kept. */
export function destinationRuleHost(doc: DestinationRuleDoc): string {
  const h = doc.spec.host;
  return h.includes('.') ? h : serviceFqdn(h, doc.metadata.namespace ?? 'default');
}

const SIMPLE: Readonly<Record<string, LbPolicy>> = { LEAST_CONN: 'LEAST_REQUEST', LEAST_REQUEST: 'LEAST_REQUEST', ROUND_ROBIN: 'ROUND_ROBIN', RANDOM: 'RANDOM', UNSPECIFIED: 'LEAST_REQUEST' };

function hashOf(c: NonNullable<z.output<typeof loadBalancer>['consistentHash']>): HashKey | undefined {
  if (c.httpHeaderName) return { kind: 'header', name: c.httpHeaderName.toLowerCase() };
  if (c.httpCookie) return { kind: 'cookie', name: c.httpCookie.name, path: c.httpCookie.path ?? '', ttlSeconds: c.httpCookie.ttl === undefined ? undefined : (parseDurationMs(c.httpCookie.ttl) ?? 0) / 1000 };
  if (c.useSourceIp) return { kind: 'source-ip' };
  if (c.httpQueryParameterName) return { kind: 'query', name: c.httpQueryParameterName };
  return undefined;
}

/** The fields this DR sets; the rest stay as annotations or Istio defaults left them. */
export function destinationRulePolicy(doc: DestinationRuleDoc): Partial<ClusterPolicy> {
  const tp = doc.spec.trafficPolicy;
  const lb = tp?.loadBalancer;
  const od = tp?.outlierDetection;
  const out: { -readonly [K in keyof ClusterPolicy]?: ClusterPolicy[K] } = {};
  if (lb?.simple) out.lb = SIMPLE[lb.simple] ?? 'LEAST_REQUEST';
  const hash = lb?.consistentHash ? hashOf(lb.consistentHash) : undefined;
  if (hash) (out.lb = 'RING_HASH'), (out.hash = hash);
  if (lb?.localityLbSetting) {
    const l = lb.localityLbSetting;
    out.localityLb = { enabled: l.enabled ?? true, failover: l.failover ?? [], failoverPriority: l.failoverPriority ?? [] };
  }
  if (od) {
    out.outlierDetection = {
      // unset ⇒ Envoy's own default 5 (enforcing 100); 0 ⇒ off
      consecutive5xx: od.consecutive5xxErrors ?? 5,
      consecutiveGatewayFailure: od.consecutiveGatewayErrors || undefined,
      intervalMs: parseDurationMs(od.interval) ?? 10_000,
      baseEjectionTimeMs: parseDurationMs(od.baseEjectionTime) ?? 30_000,
      maxEjectionTimeMs: 300_000,
      maxEjectionPercent: od.maxEjectionPercent && od.maxEjectionPercent > 0 ? od.maxEjectionPercent : 10,
    };
    // Istio: healthy_panic_threshold = minHealthPercent (0 unless set) whenever OD is set
    out.panicThresholdPercent = od.minHealthPercent ?? 0;
  }
  return out;
}
