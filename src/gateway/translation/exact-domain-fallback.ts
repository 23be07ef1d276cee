// Higress 2.2's exact-domain fallback (e2e HTTPRouteExactDomainFallback, first in v2.2.0
// with the Istio 1.27 fork): a request to an exact host that matches none of that host's
// routes is served by the routes of the wildcard host covering it. Upstream Envoy picks
// one virtual host and answers 404 there, so the translation writes the fallback into the
// config: after an exact host's own routes, a copy of the routes of the longest "*."
// wildcard host that covers it. Where Higress implements it (its Envoy fork's scoped
// routes, or its Istio fork) is not in the sources read here [I]; the any-host "*" routes
// are not appended [U].
import type { RouteEntry } from '../xds/route-table.js';

/** The longest wildcard ("*.suffix") among `wildcards` that covers `host`. */
function coveringWildcard(host: string, wildcards: readonly string[]): string | undefined {
  return wildcards.filter((w) => host.endsWith(w.slice(1)) && host.length > w.length - 1).sort((a, b) => b.length - a.length)[0];
}

/** `routes` in order, then per exact host the covering wildcard host's routes (copies naming only that host). */
export function withExactDomainFallback(routes: readonly RouteEntry[]): RouteEntry[] {
  const hosts = [...new Set(routes.flatMap((r) => r.hostnames))];
  const wildcards = hosts.filter((h) => h.startsWith('*.'));
  const out = [...routes];
  for (const host of hosts.filter((h) => !h.startsWith('*.'))) {
    const w = coveringWildcard(host, wildcards);
    if (!w) continue;
    for (const r of routes) if (r.hostnames.includes(w)) out.push({ ...r, hostnames: [host] });
  }
  return out;
}
