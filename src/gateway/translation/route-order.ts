// The order Higress gives a host's routes (conversion.go sortHTTPRoutes): Exact before
// PathPrefix before RegularExpression, longer paths first, more header matches first,
// the catch-all last; equal routes keep manifest order. Envoy takes the first match.
import type { PathMatch, RouteEntry } from '../xds/route-table.js';

const RANK: Readonly<Record<PathMatch['type'], number>> = { Exact: 3, PathPrefix: 2, Prefix: 2, RegularExpression: 1 };

function isCatchAll(r: RouteEntry): boolean {
  return r.path.type === 'PathPrefix' && r.path.value === '/' && r.headers.length === 0;
}

/** conversion.go sortHTTPRoutes (stable: equal routes keep manifest order). */
export function compareRoutes(a: RouteEntry, b: RouteEntry): number {
  if (isCatchAll(a) !== isCatchAll(b)) return isCatchAll(a) ? 1 : -1;
  if (RANK[a.path.type] !== RANK[b.path.type]) return RANK[b.path.type] - RANK[a.path.type];
  if (a.path.value.length !== b.path.value.length) return b.path.value.length - a.path.value.length;
  return b.headers.length - a.headers.length;
}

/** Every route in Higress's order (a stable sort, so each host's routes are in order too). */
export function sortRoutes(routes: readonly RouteEntry[]): RouteEntry[] {
  return [...routes].sort(compareRoutes);
}
