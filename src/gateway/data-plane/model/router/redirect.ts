// A redirect route's Location as Envoy builds it (router rewritePathHeader with the
// redirect's prefix_rewrite, then Http::Utility::newUri): the scheme (the redirect's,
// else the request's), the host (the redirect's, else the request's Host without its
// port when a port is given or the port is the old scheme's default), the port, and the
// path (path_redirect keeping the request's query, else the request path).
import type { RedirectAction, RouteEntry } from '../../../xds/route-table.js';
import { replaceMatchedPrefix } from './rewrite.js';

export interface RedirectRequest {
  readonly host: string | undefined;
  /** Path and query. */
  readonly url: string;
  /** The downstream scheme (Envoy's x-forwarded-proto at an edge proxy). */
  readonly scheme: 'http' | 'https';
}

/** processRequestHost: the request's Host, its port dropped as newUri says. */
function requestHost(host: string, newScheme: string, newPort: string, requestScheme: string): string {
  const end = host.startsWith('[') ? (host.lastIndexOf(']:') < 0 ? -1 : host.lastIndexOf(']:') + 1) : host.lastIndexOf(':');
  if (end < 0) return host;
  const port = host.slice(end);
  let remove = newPort !== '';
  if (newScheme !== requestScheme) remove ||= (requestScheme === 'https' && port === ':443') || (requestScheme === 'http' && port === ':80');
  return remove ? host.slice(0, end) : host;
}

export function redirectLocation(a: RedirectAction, route: RouteEntry, req: RedirectRequest): string {
  const current = a.prefixRewrite !== undefined && !a.path ? replaceMatchedPrefix(route, req.url, a.prefixRewrite) : req.url;
  const scheme = a.scheme ?? req.scheme;
  const port = a.port !== undefined ? `:${a.port}` : '';
  const host = a.host ?? requestHost(req.host ?? '', scheme, port, req.scheme);
  const q = current.indexOf('?');
  let path = a.path ? (a.path.includes('?') || q < 0 ? a.path : a.path + current.slice(q)) : current;
  if (!path.startsWith('/')) path = `/${path}`;
  return `${scheme}://${host}${port}${path}`;
}
