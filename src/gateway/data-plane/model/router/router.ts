// Route matching as Envoy does it: virtual host by Host (exact, then longest
// wildcard, then "*"), then the host's routes in the order the control plane gave
// them, first match wins; then one weighted cluster per request, kept for all its
// retries.
import type { IncomingHttpHeaders } from 'node:http';
import type { Random } from '../random.js';
import type { RouteEntry, WeightedCluster } from '../../../xds/route-table.js';
import { routeMatches } from './route-match.js';

export class Router {
  private readonly exact = new Map<string, RouteEntry[]>();
  private readonly wildcard: { suffix: string; routes: RouteEntry[] }[] = [];
  private readonly any: RouteEntry[] = [];

  constructor(readonly routes: readonly RouteEntry[]) {
    const add = (list: RouteEntry[], r: RouteEntry) => list.push(r);
    for (const r of routes) {
      if (r.hostnames.length === 0) add(this.any, r);
      for (const h of r.hostnames) {
        if (h.startsWith('*.')) {
          let w = this.wildcard.find((x) => x.suffix === h.slice(1));
          if (!w) this.wildcard.push((w = { suffix: h.slice(1), routes: [] }));
          add(w.routes, r);
        } else {
          const list = this.exact.get(h) ?? [];
          add(list, r);
          this.exact.set(h, list);
        }
      }
    }
    this.wildcard.sort((a, b) => b.suffix.length - a.suffix.length);
  }

  /** The virtual host's routes for a Host header (port stripped, case-insensitive). */
  private virtualHost(hostHeader: string | undefined): RouteEntry[] {
    let host = (hostHeader ?? '').toLowerCase();
    const colon = host.lastIndexOf(':');
    if (colon > 0 && !host.endsWith(']')) host = host.slice(0, colon);
    const exact = this.exact.get(host);
    if (exact) return exact;
    for (const w of this.wildcard) if (host.endsWith(w.suffix) && host.length > w.suffix.length) return w.routes;
    return this.any;
  }

  /** The first route of the Host's virtual host whose match holds (method and scheme default to GET over http). */
  match(hostHeader: string | undefined, url: string, headers: IncomingHttpHeaders, request: { readonly method?: string; readonly scheme?: string } = {}): RouteEntry | undefined {
    const req = { host: hostHeader, url, headers, ...request };
    for (const r of this.virtualHost(hostHeader)) if (routeMatches(r, req)) return r;
    return undefined;
  }
}

/** Envoy WeightedClusterEntry pick: random % total weight, walked cumulatively. */
export function pickWeightedCluster(clusters: readonly WeightedCluster[], totalWeight: number, random: Random): WeightedCluster {
  if (clusters.length === 1) return clusters[0]!;
  let selected = Math.floor(random() * totalWeight);
  for (const c of clusters) {
    if (selected < c.weight) return c;
    selected -= c.weight;
  }
  return clusters[clusters.length - 1]!;
}
