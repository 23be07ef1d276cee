// HTTPRoute (gateway.networking.k8s.io/v1) converted the way Higress's Gateway API
// conversion does it (pkg/ingress/kube/gateway/istio/conversion.go): one route per
// match, with its path, headers, query parameters and method; weight default 1, weight 0
// dropped, a lone backend takes all, duplicates to one host become one cluster with
// summed weight, invalid backends answer 500; the rule's filters become the route's
// header operations, rewrite, mirror or redirect (httproute-filters.ts).
import type { HigressProfile } from '../profiles.js';
import { fullMatch, type HeaderMatch, type PathMatch, type QueryParamMatch, type RouteEntry, type StringMatch } from '../xds/route-table.js';
import { weightedClusters } from './backend-ref.js';
import { convertFilters, filterError } from './httproute-filters.js';
import { prunedOn21, ruleRetryAndTimeout } from './httproute-retry.js';
import type { HttpRouteDoc, HttpRouteMatch } from './httproute-schema.js';

export { httpRouteSchema, type HttpRouteDoc } from './httproute-schema.js';
export { resolveBackend, weightedClusters } from './backend-ref.js';

function pathMatch(m: HttpRouteMatch | undefined): PathMatch {
  const type = m?.path?.type ?? 'PathPrefix';
  const value = m?.path?.value ?? '/';
  if (type === 'RegularExpression') return { type, value, regex: fullMatch(value) };
  if (type === 'Exact') return { type, value };
  return { type, value: value !== '/' && value.endsWith('/') ? value.slice(0, -1) : value };
}

/** createHeadersMatch / createQueryParamsMatch → Istio StringMatch (a regex "*" is Istio's present_match). */
function valueMatch(type: 'Exact' | 'RegularExpression', value: string): StringMatch {
  if (type === 'Exact') return { type, value };
  return value === '*' ? { type: 'Present' } : { type, value, regex: fullMatch(value) };
}

/** Header matchers, names lower-cased and sorted as Istio writes them; a later entry for a name wins (a map). */
function headerMatches(m: HttpRouteMatch | undefined): HeaderMatch[] {
  const byName = new Map((m?.headers ?? []).map((h) => [h.name.toLowerCase(), { ...valueMatch(h.type, h.value), name: h.name.toLowerCase() }] as const));
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function queryMatches(m: HttpRouteMatch | undefined): QueryParamMatch[] {
  const byName = new Map((m?.queryParams ?? []).map((q) => [q.name, { ...valueMatch(q.type, q.value), name: q.name }] as const));
  return [...byName.values()];
}

/**
 * conversion.go buildDestination: a Kubernetes Service backendRef whose name has a dot,
 * or that has no port, is InvalidDestination — not an "invalid backend" kept with an
 * empty host, but a hard error that drops the whole HTTPRoute; so is a filter type the
 * conversion does not know (InvalidFilter).
 */
export function hardConversionError(doc: HttpRouteDoc, profile: HigressProfile): string | undefined {
  for (const [ri, rule] of doc.spec.rules.entries()) {
    const filter = filterError(rule.filters ?? [], profile);
    if (filter) return `rules[${ri}].filters: ${filter}. Higress drops the whole HTTPRoute (a conversion error): its requests get 404, or fall through to another route of the host`;
    for (const [bi, ref] of (rule.backendRefs ?? []).entries()) {
      if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') continue;
      const why = ref.name.includes('.') ? `its name ${ref.name} has a dot (write the Service name, not its FQDN)` : ref.port === undefined ? 'it has no port' : undefined;
      if (why) return `rules[${ri}].backendRefs[${bi}] is not a valid Service reference: ${why}. Higress drops the whole HTTPRoute (a conversion error): its requests get 404, or fall through to another route of the host`;
    }
  }
  return undefined;
}

/** The route's Envoy routes, with the host names its attachment gave it; or why none is programmed. */
export function convertHttpRoute(doc: HttpRouteDoc, profile: HigressProfile, source: RouteEntry['source'], attachedHostnames: readonly string[] = doc.spec.hostnames ?? []): { routes: RouteEntry[]; notes: string[] } | { error: string } {
  const error = hardConversionError(doc, profile);
  if (error) return { error };
  const notes = doc.spec.rules.flatMap((rule, ri) => prunedOn21(rule, profile).map((n) => `rules[${ri}]: ${n}`));
  const ns = doc.metadata.namespace ?? 'default';
  const hostnames = attachedHostnames.map((h) => h.toLowerCase());
  const routes = doc.spec.rules.flatMap((rule, ri) => {
    const refs = rule.backendRefs ?? [];
    const weightSum = refs.reduce((s, r) => s + (r.weight ?? 1), 0);
    const clusters = weightedClusters(refs, profile, ns);
    const matches = rule.matches && rule.matches.length > 0 ? rule.matches : [undefined];
    return matches.map((m, mi): RouteEntry => {
      const path = pathMatch(m);
      const converted = convertFilters(rule.filters ?? [], path, profile, ns);
      const redirect = converted.redirect;
      const timing = ruleRetryAndTimeout(rule, profile);
      const policy = timing.retry || timing.timeoutMs !== undefined ? { ...converted.policy, ...timing } : converted.policy;
      const query = queryMatches(m);
      const action: RouteEntry['action'] = redirect
        ? redirect
        : weightSum === 0
          ? { kind: 'direct', status: 500, body: '' } // "The spec requires us to return 500 when there are no >0 weight backends"
          : { kind: 'clusters', clusters, totalWeight: clusters.reduce((s, c) => s + c.weight, 0) };
      return {
        name: `httproute/${ns}/${doc.metadata.name}/rule-${ri}/match-${mi}`,
        hostnames,
        path,
        headers: headerMatches(m),
        ...(m?.method ? { method: { type: 'Exact', value: m.method } } : {}),
        ...(query.length > 0 ? { queryParams: query } : {}),
        action,
        clusterNotFoundStatus: 500,
        ...(policy ? { policy } : {}),
        source,
      };
    });
  });
  return { routes, notes };
}
