// The gateway's route configurations: `http.80` with one virtual host per route host
// name (exact, wildcard, or "*" for routes without one), the routes of each in the
// translation's order; and for each HTTPS server one `https.443.<host>` holding only
// what that server's hosts can reach, with each route's 443 action (Istio's
// IgnoreRedirect drops a plain https redirect there).
import type { TlsServer } from '../../xds/tls-server.js';
import type { RouteAction, RouteEntry } from '../../xds/route-table.js';
import type { Json } from './json.js';
import { HTTP_ROUTE_CONFIG, httpsRouteConfig } from './listeners.js';
import { emitRoute } from './route.js';

type Pick = (r: RouteEntry) => RouteAction;

/** Routes by virtual host key (a host name, "*.suffix" or "*"), each list in route order. */
function byHost(routes: readonly RouteEntry[]): Map<string, RouteEntry[]> {
  const out = new Map<string, RouteEntry[]>();
  for (const r of routes) {
    for (const h of r.hostnames.length > 0 ? r.hostnames : ['*']) {
      const list = out.get(h) ?? [];
      list.push(r);
      out.set(h, list);
    }
  }
  return out;
}

const domainsFor = (host: string) => (host === '*' ? ['*'] : [host, `${host}:*`]);

function virtualHost(name: string, domains: readonly string[], routes: readonly RouteEntry[], pick: Pick): Json {
  return { name, domains: [...domains], routes: routes.map((r) => emitRoute(r, pick(r))) };
}

function routeConfig(name: string, vhosts: readonly Json[]): Json {
  // Istio leaves validate_clusters off: a route may name a cluster not (yet) in CDS
  return { name, virtual_hosts: [...vhosts], validate_clusters: false };
}

/** Does a host pattern `a` (exact or "*.suffix") cover host pattern `b` entirely? */
function covers(a: string, b: string): boolean {
  if (a === '*' || a === b) return true;
  if (!a.startsWith('*.')) return false;
  const suffix = a.slice(1);
  return b.endsWith(suffix) && b.length > suffix.length && (!b.startsWith('*.') || b.length >= a.length);
}

/** Envoy's virtual host precedence for a name: exact, then the longest wildcard, then "*". */
function specificity(h: string): number {
  return h === '*' ? 0 : h.startsWith('*.') ? h.length : Number.MAX_SAFE_INTEGER;
}

/**
 * One HTTPS server's view: vhosts inside the server's host keep their domains; the one
 * vhost that serves the server's host itself (the most specific covering it) is
 * narrowed to that host, so a Host outside the server finds no route (404).
 */
function httpsVirtualHosts(server: string, hosts: Map<string, RouteEntry[]>, pick: Pick): Json[] {
  if (server === '*') return [...hosts].map(([h, rs]) => virtualHost(h, domainsFor(h), rs, pick));
  const out: Json[] = [];
  const inside = [...hosts].filter(([h]) => h !== server && h !== '*' && covers(server, h));
  for (const [h, rs] of inside) out.push(virtualHost(h, domainsFor(h), rs, pick));
  const serving = [...hosts].filter(([h]) => covers(h, server)).sort((a, b) => specificity(b[0]) - specificity(a[0]))[0];
  if (serving) out.push(virtualHost(server, domainsFor(server), serving[1], pick));
  return out;
}

export function emitRouteConfigs(routes: readonly RouteEntry[], tlsServers: readonly TlsServer[]): Json[] {
  const hosts = byHost(routes);
  const http: Pick = (r) => r.action;
  const https: Pick = (r) => r.tlsAction ?? r.action;
  return [
    routeConfig(HTTP_ROUTE_CONFIG, [...hosts].map(([h, rs]) => virtualHost(h, domainsFor(h), rs, http))),
    ...tlsServers.map((s) => routeConfig(httpsRouteConfig(s.host), httpsVirtualHosts(s.host, hosts, https))),
  ];
}
