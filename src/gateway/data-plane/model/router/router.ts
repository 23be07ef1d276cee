// Route matching as Envoy does it: virtual host by Host (exact, then longest
// wildcard, then "*"), then the host's routes in the order the control plane gave
// them, first match wins; then one weighted cluster per request, kept for all its
// retries.
import type { IncomingHttpHeaders } from 'node:http';
import type { Random } from '../random.js';
import type { PathMatch, RouteEntry, WeightedCluster } from '../../../xds/route-table.js';

/** Gateway API PathPrefix is segment-aware: /foo matches /foo and /foo/x, not /foobar. */
export function pathMatches(m: PathMatch, path: string): boolean {
  switch (m.type) {
    case 'Exact':
      return path === m.value;
    case 'RegularExpression':
      return m.regex.test(path);
    case 'Prefix':
      return path.startsWith(m.value);
    case 'PathPrefix':
      if (m.value === '/') return true;
      return path.startsWith(m.value) && (path.length === m.value.length || path.charCodeAt(m.value.length) === 47 /* / */);
  }
}

function headersMatch(r: RouteEntry, headers: IncomingHttpHeaders): boolean {
  for (const h of r.headers) {
    const raw = headers[h.name];
    if (raw === undefined) return false;
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    if (h.type === 'Exact' ? value !== h.value : !h.regex.test(value)) return false;
  }
  return true;
}

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

  match(hostHeader: string | undefined, url: string, headers: IncomingHttpHeaders): RouteEntry | undefined {
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    for (const r of this.virtualHost(hostHeader)) if (pathMatches(r.path, path) && headersMatch(r, headers)) return r;
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
