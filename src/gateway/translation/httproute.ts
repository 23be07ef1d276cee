// HTTPRoute (gateway.networking.k8s.io/v1) converted the way Higress's Gateway API
// conversion does it (pkg/ingress/kube/gateway/istio/conversion.go): one route per
// match, weight default 1, weight 0 dropped, a lone backend takes all, duplicates
// to one host become one cluster with summed weight, invalid backends answer 500;
// a RequestMirror filter becomes the route's shadow (mirror) policy.
import { z } from 'zod';
import { parentRefSchema } from './gateway-api.js';
import type { HigressProfile } from '../profiles.js';
import type { RoutePolicy } from '../xds/route-policy.js';
import { outboundCluster, serviceFqdn } from './services.js';
import { fullMatch, type HeaderMatch, type PathMatch, type RouteEntry, type WeightedCluster } from '../xds/route-table.js';

const HIGRESS_GROUP = 'networking.higress.io';

const backendRefSchema = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().min(1, 'backendRef name is required'),
  namespace: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  weight: z.number().int().min(0, 'weight must be 0 or more').max(1_000_000).optional(),
  filters: z.array(z.unknown()).optional(),
});

const mirrorFilterSchema = z.looseObject({
  type: z.literal('RequestMirror'),
  requestMirror: z.looseObject({
    backendRef: backendRefSchema.omit({ weight: true, filters: true }),
    percent: z.number().int().min(0).max(100).optional(),
    fraction: z.looseObject({ numerator: z.number().int().min(0), denominator: z.number().int().min(1).optional() }).optional(),
  }),
});

const matchSchema = z.strictObject({
  path: z
    .strictObject({
      type: z.enum(['PathPrefix', 'Exact', 'RegularExpression'], { message: 'path type is PathPrefix, Exact or RegularExpression' }).default('PathPrefix'),
      value: z.string().default('/'),
    })
    .optional(),
  headers: z
    .array(
      z.strictObject({
        type: z.enum(['Exact', 'RegularExpression'], { message: 'header match type is Exact or RegularExpression' }).default('Exact'),
        name: z.string().min(1),
        value: z.string(),
      }),
    )
    .optional(),
  queryParams: z.array(z.unknown()).optional(),
  method: z.string().optional(),
}).superRefine((m, ctx) => {
  const check = (pattern: string, path: (string | number)[]) => {
    try {
      fullMatch(pattern);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path, message: `not a valid regular expression (${(e as Error).message}); Envoy uses RE2 syntax` });
    }
  };
  if (m.path?.type === 'RegularExpression') check(m.path.value, ['path', 'value']);
  m.headers?.forEach((h, i) => h.type === 'RegularExpression' && check(h.value, ['headers', i, 'value']));
});

export const httpRouteSchema = z.looseObject({
  apiVersion: z.enum(['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'], { message: 'HTTPRoute apiVersion is gateway.networking.k8s.io/v1' }),
  kind: z.literal('HTTPRoute'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.looseObject({
    parentRefs: z.array(parentRefSchema).optional(),
    hostnames: z.array(z.string().min(1)).optional(),
    rules: z
      .array(
        z.looseObject({
          matches: z.array(matchSchema).optional(),
          backendRefs: z.array(backendRefSchema).optional(),
          filters: z.array(z.unknown()).optional(),
        }),
      )
      .default([]),
  }),
});

export type HttpRouteDoc = z.output<typeof httpRouteSchema>;
type BackendRef = z.output<typeof backendRefSchema>;

/** What a backendRef resolves to on this profile (conversion.go buildDestination). */
export function resolveBackend(ref: BackendRef, profile: HigressProfile, namespace = 'default'): { host: string | null; invalidReason?: string } {
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  if (group === HIGRESS_GROUP && kind === 'Service') {
    if (profile.gatewayApiNacosBackend) return { host: ref.name };
    // 2.2: the switch's default returns InvalidDestinationKind before Higress's own branch
    return { host: null, invalidReason: `referencing unsupported backendRef: group "${group}" kind "${kind}" (Higress ${profile.name})` };
  }
  if (group === '' && kind === 'Service') {
    // the destination is kept; a Service missing from the gateway's `services` has no cluster ⇒ 500
    if (ref.port === undefined) return { host: null, invalidReason: `backendRef ${ref.name} needs a port` };
    return { host: outboundCluster(serviceFqdn(ref.name, ref.namespace ?? namespace), ref.port) };
  }
  return { host: null, invalidReason: `referencing unsupported backendRef: group "${group}" kind "${kind}"` };
}

/** backendRefs → Envoy weighted clusters (conversion.go buildHTTPDestination + Istio route.go). */
export function weightedClusters(refs: readonly BackendRef[], profile: HigressProfile, namespace = 'default'): WeightedCluster[] {
  const kept = refs.filter((r) => (r.weight ?? 1) !== 0);
  const byHost = new Map<string, { host: string | null; weight: number; invalidReason?: string }>();
  for (const ref of kept) {
    const resolved = resolveBackend(ref, profile, namespace);
    // a lone backend gets weight 0 from Higress, which Istio turns into 100
    const weight = kept.length === 1 ? 100 : (ref.weight ?? 1);
    const key = resolved.host ?? '';
    const prev = byHost.get(key);
    // duplicates: two ClusterWeight entries with one cluster name; Envoy's cumulative pick sums them
    if (prev) prev.weight += weight;
    else byHost.set(key, { ...resolved, weight });
  }
  return [...byHost.values()];
}

function pathMatch(m: z.output<typeof matchSchema> | undefined): PathMatch {
  const type = m?.path?.type ?? 'PathPrefix';
  const value = m?.path?.value ?? '/';
  if (type === 'RegularExpression') return { type, value, regex: fullMatch(value) };
  if (type === 'Exact') return { type, value };
  return { type, value: value !== '/' && value.endsWith('/') ? value.slice(0, -1) : value };
}

function headerMatches(m: z.output<typeof matchSchema> | undefined): HeaderMatch[] {
  return (m?.headers ?? []).map((h) =>
    h.type === 'RegularExpression'
      ? { type: h.type, name: h.name.toLowerCase(), value: h.value, regex: fullMatch(h.value) }
      : { type: h.type, name: h.name.toLowerCase(), value: h.value },
  );
}

/**
 * RequestMirror (conversion.go createMirrorFilter): the backendRef resolved as a
 * destination. 2.1 (API v0.8.0): one `vs.Mirror`, the last filter wins, always 100%.
 * 2.2: `vs.Mirrors` with percent / fraction; the model keeps only the first.
 * An unresolvable backend: no mirror.
 */
function mirrorPolicy(filters: readonly unknown[] | undefined, profile: HigressProfile, ns: string): RoutePolicy | undefined {
  const mirrors = (filters ?? []).flatMap((f) => {
    const r = mirrorFilterSchema.safeParse(f);
    return r.success ? [r.data.requestMirror] : [];
  });
  const m = profile.name === '2.1' ? mirrors[mirrors.length - 1] : mirrors[0];
  if (!m) return undefined;
  const { host } = resolveBackend(m.backendRef, profile, ns);
  if (!host) return undefined;
  const percent = profile.name === '2.1' ? 100 : m.fraction ? (100 * m.fraction.numerator) / (m.fraction.denominator ?? 100) : (m.percent ?? 100);
  return { mirror: { cluster: host, percent } };
}

/**
 * conversion.go buildDestination: a Kubernetes Service backendRef whose name has a dot,
 * or that has no port, is InvalidDestination — not an "invalid backend" kept with an
 * empty host, but a hard error that drops the whole HTTPRoute.
 */
export function hardConversionError(doc: HttpRouteDoc): string | undefined {
  for (const [ri, rule] of doc.spec.rules.entries()) {
    for (const [bi, ref] of (rule.backendRefs ?? []).entries()) {
      if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') continue;
      const why = ref.name.includes('.') ? `its name ${ref.name} has a dot (write the Service name, not its FQDN)` : ref.port === undefined ? 'it has no port' : undefined;
      if (why) return `rules[${ri}].backendRefs[${bi}] is not a valid Service reference: ${why}. Higress drops the whole HTTPRoute (a conversion error): its requests get 404, or fall through to another route of the host`;
    }
  }
  return undefined;
}

/** The route's Envoy routes, with the host names its attachment gave it; or why none is programmed. */
export function convertHttpRoute(doc: HttpRouteDoc, profile: HigressProfile, source: RouteEntry['source'], attachedHostnames: readonly string[] = doc.spec.hostnames ?? []): { routes: RouteEntry[] } | { error: string } {
  const error = hardConversionError(doc);
  if (error) return { error };
  const ns = doc.metadata.namespace ?? 'default';
  const hostnames = attachedHostnames.map((h) => h.toLowerCase());
  const routes = doc.spec.rules.flatMap((rule, ri) => {
    const refs = rule.backendRefs ?? [];
    const weightSum = refs.reduce((s, r) => s + (r.weight ?? 1), 0);
    const clusters = weightedClusters(refs, profile, ns);
    const action: RouteEntry['action'] =
      weightSum === 0
        ? { kind: 'direct', status: 500, body: '' } // "The spec requires us to return 500 when there are no >0 weight backends"
        : { kind: 'clusters', clusters, totalWeight: clusters.reduce((s, c) => s + c.weight, 0) };
    const policy = mirrorPolicy(rule.filters, profile, ns);
    const matches = rule.matches && rule.matches.length > 0 ? rule.matches : [undefined];
    return matches.map((m, mi) => ({
      name: `httproute/${ns}/${doc.metadata.name}/rule-${ri}/match-${mi}`,
      hostnames,
      path: pathMatch(m),
      headers: headerMatches(m),
      action,
      clusterNotFoundStatus: 500 as const,
      ...(policy ? { policy } : {}),
      source,
    }));
  });
  return { routes };
}
