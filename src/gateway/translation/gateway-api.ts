// Gateway API attachment as Higress's conversion decides it (istio/conversion.go,
// route binding): an HTTPRoute serves only through the listeners its parentRefs name
// — an existing Gateway of Higress's class, the listener by sectionName and port,
// a listener whose allowedRoutes admits the route's namespace (Same by default) and
// whose hostname intersects the route's. Higress creates the GatewayClass only, never
// a Gateway: a route naming a Gateway nobody applied attaches nowhere (404).
import { z } from 'zod';

/** Higress's GatewayClass (its controller creates it; the chart names it `higress`). */
export const HIGRESS_GATEWAY_CLASS = 'higress';

const listenerSchema = z.looseObject({
  name: z.string().min(1),
  hostname: z.string().optional(),
  port: z.number().int(),
  protocol: z.string(),
  allowedRoutes: z
    .looseObject({
      namespaces: z
        .looseObject({
          from: z.enum(['Same', 'All', 'Selector']).default('Same'),
          selector: z
            .looseObject({
              matchLabels: z.record(z.string(), z.string()).optional(),
              matchExpressions: z.array(z.looseObject({ key: z.string(), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: z.array(z.string()).optional() })).optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

export const gatewaySchema = z.looseObject({
  apiVersion: z.enum(['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'], { message: 'Gateway apiVersion is gateway.networking.k8s.io/v1' }),
  kind: z.literal('Gateway'),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.looseObject({ gatewayClassName: z.string().min(1), listeners: z.array(listenerSchema).min(1) }),
});

export type GatewayDoc = z.output<typeof gatewaySchema>;
type Listener = z.output<typeof listenerSchema>;

export const parentRefSchema = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().min(1),
  sectionName: z.string().optional(),
  port: z.number().int().optional(),
});

export type ParentRef = z.output<typeof parentRefSchema>;

/** Where a route attached, or why it did not. */
export type Attachment = { readonly attached: true; readonly hostnames: readonly string[] } | { readonly attached: false; readonly reason: string };

/** Does host pattern `pattern` (exact or "*.suffix") match the name `host` (which may be a wildcard too)? */
function covers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && host.length > suffix.length;
}

/**
 * The hostnames a route serves through one listener: the listener's hostname narrows
 * the route's (a route wildcard broader than the listener becomes the listener's);
 * [] = any host; undefined = no intersection (the route does not attach there).
 */
export function intersectHostnames(listener: string | undefined, route: readonly string[]): string[] | undefined {
  if (!listener) return [...route];
  if (route.length === 0) return [listener];
  const out = route.flatMap((r) => (covers(listener, r) ? [r] : covers(r, listener) ? [listener] : []));
  return out.length > 0 ? [...new Set(out)] : undefined;
}

/** A Namespace's labels, as the API server would hold them (from Namespace objects in the manifests). */
export type NamespaceLabels = ReadonlyMap<string, Readonly<Record<string, string>>>;

type Selector = NonNullable<NonNullable<NonNullable<Listener['allowedRoutes']>['namespaces']>['selector']>;

/** A Kubernetes label selector (matchLabels and matchExpressions, all must hold). */
function selects(s: Selector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!s) return false;
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions ?? []) {
    const has = e.key in labels;
    const inValues = has && (e.values ?? []).includes(labels[e.key]!);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function admits(l: Listener, gatewayNs: string, routeNs: string, namespaces: NamespaceLabels): boolean {
  const ns = l.allowedRoutes?.namespaces;
  const from = ns?.from ?? 'Same';
  if (from === 'Selector') return selects(ns?.selector, namespaces.get(routeNs) ?? { 'kubernetes.io/metadata.name': routeNs });
  return from === 'All' || gatewayNs === routeNs;
}

/** The route's attachment to the Gateways Higress serves (those of its class). */
export function attachRoute(routeNs: string, refs: readonly ParentRef[], hostnames: readonly string[], gateways: readonly GatewayDoc[], namespaces: NamespaceLabels = new Map()): Attachment {
  if (refs.length === 0) return { attached: false, reason: 'no parentRefs: an HTTPRoute attaches only to the Gateways it names' };
  const reasons: string[] = [];
  let any = false;
  const served = new Set<string>();
  for (const ref of refs) {
    if ((ref.group ?? 'gateway.networking.k8s.io') !== 'gateway.networking.k8s.io' || (ref.kind ?? 'Gateway') !== 'Gateway') {
      reasons.push(`parentRef ${ref.kind}/${ref.name} is not a Gateway`);
      continue;
    }
    const ns = ref.namespace ?? routeNs;
    const gw = gateways.find((g) => g.metadata.name === ref.name && (g.metadata.namespace ?? 'default') === ns);
    if (!gw) {
      reasons.push(`parentRef ${ns}/${ref.name}: no such Gateway (Higress creates only the GatewayClass; apply a Gateway)`);
      continue;
    }
    if (gw.spec.gatewayClassName !== HIGRESS_GATEWAY_CLASS) {
      reasons.push(`Gateway ${ns}/${ref.name} has gatewayClassName ${gw.spec.gatewayClassName}, not ${HIGRESS_GATEWAY_CLASS}: Higress does not serve it`);
      continue;
    }
    const listeners = gw.spec.listeners.filter((l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port));
    if (listeners.length === 0) {
      reasons.push(`parentRef ${ns}/${ref.name}${ref.sectionName ? ` sectionName ${ref.sectionName}` : ''}${ref.port ? ` port ${ref.port}` : ''}: no such listener`);
      continue;
    }
    for (const l of listeners) {
      if (!admits(l, ns, routeNs, namespaces)) {
        reasons.push(`listener ${l.name} of ${ns}/${ref.name} does not admit routes from namespace ${routeNs} (allowedRoutes from ${l.allowedRoutes?.namespaces?.from ?? 'Same'})`);
        continue;
      }
      const hosts = intersectHostnames(l.hostname, hostnames);
      if (!hosts) {
        reasons.push(`listener ${l.name} of ${ns}/${ref.name} (hostname ${l.hostname}) shares no hostname with the route`);
        continue;
      }
      any = true;
      if (hosts.length === 0) served.add('*');
      for (const h of hosts) served.add(h.toLowerCase());
    }
  }
  if (!any) return { attached: false, reason: `attaches nowhere, so it serves no request (404): ${reasons.join('; ')}` };
  return { attached: true, hostnames: served.has('*') ? [] : [...served] };
}
