// The last step of the Ingress conversion: each host's wrapper routes become Envoy
// routes (app-root redirect first, then path match, redirect or weighted clusters,
// the route policy), in the order the converter sorted them.
import { dropZeroWeights } from './ingress-canary.js';
import { FALLBACK_ROUTE_HEADER, FALLBACK_ROUTE_SUFFIX, redirectFor, rewriteFor, routePolicyFor, type IngressPathType } from './ingress-policy.js';
import type { WrapperRoute } from './ingress-types.js';
import { fullMatch, type PathMatch, type RouteEntry } from '../../xds/route-table.js';

function pathMatch(pathType: IngressPathType, path: string): { match: PathMatch; regex?: string } {
  if (pathType === 'PrefixRegex' || pathType === 'FullPathRegex') {
    const value = pathType === 'PrefixRegex' ? `${path}.*` : `${path}$`;
    return { match: { type: 'RegularExpression', value, regex: fullMatch(value) }, regex: value };
  }
  return { match: pathType === 'Exact' ? { type: 'Exact', value: path } : { type: 'PathPrefix', value: path } };
}

export function emitRoutes(byHost: Map<string, WrapperRoute[]>, appRoot: Map<string, string>): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const [host, routes] of byHost) {
    const hostnames = host === '*' ? [] : [host.toLowerCase()];
    const root = appRoot.get(host);
    if (root) out.push({ name: `ingress/${host}/app-root`, hostnames, path: { type: 'Exact', value: '/' }, headers: [], action: { kind: 'redirect', status: 302, path: root }, clusterNotFoundStatus: 503, source: routes[0]!.source });
    for (const w of routes) {
      const { match, regex } = pathMatch(w.pathType, w.path);
      const redirect = redirectFor(w.cfg);
      const clusters = dropZeroWeights(w.clusters);
      const totalWeight = clusters.reduce((s, c) => s + c.weight, 0);
      const policy = routePolicyFor(w.cfg, rewriteFor(w.cfg, w.pathType, w.path, regex), w.extras, w.name);
      const route: RouteEntry = {
        name: w.name,
        hostnames,
        path: match,
        headers: w.headers,
        ...(w.cfg.match.method ? { method: w.cfg.match.method } : {}),
        ...(w.cfg.match.queryParams.length > 0 ? { queryParams: w.cfg.match.queryParams } : {}),
        ...(w.cfg.match.ignorePathCase ? { ignorePathCase: true } : {}),
        action: redirect ?? { kind: 'clusters', clusters, totalWeight },
        ...(redirect && !redirect.host && !redirect.path && redirect.scheme === 'https' ? { tlsAction: { kind: 'clusters' as const, clusters, totalWeight } } : {}),
        clusterNotFoundStatus: 503,
        ...(policy ? { policy } : {}),
        source: w.source,
      };
      out.push(route);
      const hidden = fallbackRoute(route);
      if (hidden) out.push(hidden);
    }
  }
  return out;
}

/**
 * ingress_config.go: for custom-http-errors, a hidden route — a copy of the base route
 * whose match is `Exact /` plus the two headers the internal redirect adds, and whose
 * destination is the default backend.
 */
function fallbackRoute(base: RouteEntry): RouteEntry | undefined {
  const ir = base.policy?.internalRedirect;
  if (!ir) return undefined;
  const { internalRedirect: _, ...policy } = base.policy!;
  // upstream Envoy redirects with the Host the route rewrote (Higress's fork forces the
  // original one): the hidden route answers under the rewritten host too
  const authority = base.policy?.rewrite?.authority;
  const hostnames = authority && base.hostnames.length > 0 && !base.hostnames.includes(authority) ? [...base.hostnames, authority.toLowerCase()] : base.hostnames;
  // the hidden route's match is Exact / and the two headers only (applyInternalActiveRedirect)
  const { method: _m, queryParams: _q, ignorePathCase: _i, ...rest } = base;
  return {
    ...rest,
    hostnames,
    name: ir.headers.find((h) => h.name === FALLBACK_ROUTE_HEADER)?.value ?? `${base.name}${FALLBACK_ROUTE_SUFFIX}`,
    path: { type: 'Exact', value: '/' },
    headers: ir.headers.map((h) => ({ type: 'Exact' as const, name: h.name, value: h.value })),
    action: { kind: 'clusters', clusters: [{ host: ir.cluster, weight: 100 }], totalWeight: 100 },
    ...(Object.keys(policy).length > 0 ? { policy } : { policy: undefined }),
  };
}
