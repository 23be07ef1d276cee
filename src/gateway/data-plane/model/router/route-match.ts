// Whether one route's match holds for a request, as Envoy's RouteEntryImplBase::matchRoute
// decides it: the path (query stripped; case-insensitive when case_sensitive is false,
// regexes excepted), every header matcher (pseudo-headers read from the request line:
// `:authority` the Host as sent, port included; `:path` with its query; `:method`, `:scheme`),
// and every query parameter matcher against the parameter's first value, as written.
import type { IncomingHttpHeaders } from 'node:http';
import { stringMatches, type PathMatch, type RouteEntry } from '../../../xds/route-table.js';

/** What a route match reads of a request. */
export interface MatchRequest {
  readonly host: string | undefined;
  /** The request target: path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** @default "GET" */
  readonly method?: string;
  /** @default "http" */
  readonly scheme?: string;
}

/** Gateway API PathPrefix is segment-aware: /foo matches /foo and /foo/x, not /foobar. */
export function pathMatches(m: PathMatch, path: string, ignoreCase = false): boolean {
  if (m.type === 'RegularExpression') return m.regex.test(path);
  const [p, v] = ignoreCase ? [path.toLowerCase(), m.value.toLowerCase()] : [path, m.value];
  switch (m.type) {
    case 'Exact':
      return p === v;
    case 'Prefix':
      return p.startsWith(v);
    case 'PathPrefix':
      if (v === '/') return true;
      return p.startsWith(v) && (p.length === v.length || p.charCodeAt(v.length) === 47 /* / */);
  }
}

function headerValue(name: string, r: MatchRequest): string | undefined {
  switch (name) {
    case ':authority':
      return r.host;
    case ':path':
      return r.url;
    case ':method':
      return r.method ?? 'GET';
    case ':scheme':
      return r.scheme ?? 'http';
  }
  const raw = r.headers[name];
  return Array.isArray(raw) ? raw.join(',') : raw;
}

/** The parameter's first value as written: Envoy 1.36 matches it undecoded (measured: `a%20b` and `a+b` are not `a b`). */
function firstQueryValue(query: string, name: string): string | undefined {
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if ((eq < 0 ? part : part.slice(0, eq)) === name) return eq < 0 ? '' : part.slice(eq + 1);
  }
  return undefined;
}

export function routeMatches(route: RouteEntry, r: MatchRequest): boolean {
  const q = r.url.indexOf('?');
  const path = q < 0 ? r.url : r.url.slice(0, q);
  if (!pathMatches(route.path, path, route.ignorePathCase)) return false;
  for (const h of route.headers) if (!stringMatches(h, headerValue(h.name, r))) return false;
  if (route.method && !stringMatches(route.method, r.method ?? 'GET')) return false;
  if (route.queryParams && route.queryParams.length > 0) {
    const query = q < 0 ? '' : r.url.slice(q + 1);
    for (const p of route.queryParams) if (!stringMatches(p, firstQueryValue(query, p.name))) return false;
  }
  return true;
}
