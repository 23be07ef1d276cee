// An Envoy RedirectAction read back: scheme (https_redirect or scheme_redirect), host,
// port, path or prefix rewrite, and the response code (301 when unset).
import type { RouteAction } from '../../../xds/route-table.js';
import type { Fields } from './fields.js';

const REDIRECT_STATUS: Readonly<Record<string, number>> = { MOVED_PERMANENTLY: 301, FOUND: 302, SEE_OTHER: 303, TEMPORARY_REDIRECT: 307, PERMANENT_REDIRECT: 308 };

export function decodeRedirect(r: Fields): RouteAction {
  const scheme = r.get('https_redirect') === true ? 'https' : r.str('scheme_redirect');
  const host = r.str('host_redirect');
  const port = r.num('port_redirect');
  const path = r.str('path_redirect');
  const prefixRewrite = r.str('prefix_rewrite');
  const code = r.str('response_code');
  r.done();
  return {
    kind: 'redirect',
    status: code ? (REDIRECT_STATUS[code] ?? 301) : 301,
    ...(scheme ? { scheme } : {}),
    ...(host ? { host } : {}),
    ...(port ? { port } : {}),
    ...(path ? { path } : {}),
    ...(prefixRewrite !== undefined ? { prefixRewrite } : {}),
  };
}
