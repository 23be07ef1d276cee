// Turns one Ingress's parsed annotations into what each of its Envoy routes
// carries: the route policy (rewrite, header control, CORS, timeout, retry, rate
// limit bucket, allow-list, mirror, custom-http-errors redirect) and a redirect action.
import type { IngressAnnotationConfig } from './ingress-annotations.js';
import type { RoutePolicy, RewritePolicy } from '../../xds/route-policy.js';
import type { RedirectAction } from '../../xds/route-table.js';
import { translateHeaderOperations } from '../header-operations.js';

/** Ingress path types after Higress's conversion (common.PathType). */
export type IngressPathType = 'Exact' | 'Prefix' | 'PrefixRegex' | 'FullPathRegex';

/** annotations.go NeedRegexMatch(path): use-regex, full-path-regex, or a rewrite-target that needs regex. */
export function needRegexMatch(cfg: IngressAnnotationConfig, path: string): boolean {
  if (cfg.useRegex || cfg.fullPathRegex) return true;
  if (!cfg.rewriteTarget) return false;
  return /[\\.+*?()|[\]{}^$]/.test(path) || /[$\\]/.test(cfg.rewriteTarget);
}

/** RE2 escaping of a literal (RE2::QuoteMeta for the characters paths carry). */
function quoteMeta(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * rewrite.go ApplyRoute. rewrite-path (higress only) on a Prefix path is the regex
 * ^<prefix>(/.*)? → <path>\1 unless the path ends in "/" (then a prefix rewrite); rewrite-target
 * is an Envoy regex_rewrite whose pattern is the route's first match: the exact path,
 * the Exact `/foo` a Prefix `/foo` expands to (so every `/foo` in the path is replaced),
 * `/` for the root prefix (every `/`!), or the route regex.
 */
export function rewriteFor(cfg: IngressAnnotationConfig, pathType: IngressPathType, path: string, regex: string | undefined): RewritePolicy | undefined {
  const authority = cfg.upstreamVhost;
  let out: RewritePolicy | undefined;
  if (cfg.rewritePath) {
    if (pathType === 'Prefix' && !cfg.rewritePath.endsWith('/')) {
      // Higress's own regex for a Prefix path (its matches are Exact /foo and Prefix /foo/):
      // ^/foo(/.*)? → <rewrite-path>\1, the prefix as written (not quoted), so /foo → /test
      const prefix = path === '/' ? '' : path;
      out = { regex: { pattern: `^${prefix}(/.*)?`, substitution: `${cfg.rewritePath}\\1` } };
    } else {
      // Istio's prefix_rewrite (rewrite.Uri) of each match: Exact /foo is replaced whole; the
      // Prefix /foo/ match's /foo/ is replaced: one anchored regex on region-lab's one route
      const pattern = pathType === 'Prefix' && path !== '/' ? `^${quoteMeta(path)}(?:/|$)` : `^${quoteMeta(path)}`;
      out = { regex: { pattern, substitution: cfg.rewritePath.replaceAll('\\', '\\\\') } };
    }
  } else if (cfg.rewriteTarget) {
    const pattern = regex ?? path;
    try {
      new RegExp(pattern, 'g');
      // RE2::GlobalReplace replaces nothing when the rewrite names a group the pattern lacks
      const groups = new RegExp(`${pattern}|`).exec('')!.length - 1;
      const maxGroup = Math.max(0, ...[...cfg.rewriteTarget.matchAll(/\\(\d)/g)].map((m) => Number(m[1])));
      out = maxGroup > groups ? undefined : { regex: { pattern, substitution: cfg.rewriteTarget } };
    } catch {
      out = undefined; // Envoy would reject the route's regex; Higress logs and the route is not programmed
    }
  }
  if (!out && !authority) return undefined;
  return { ...out, ...(authority ? { authority } : {}) };
}

/**
 * redirect.go ApplyRoute: a URL redirect sets scheme, authority and Uri = Go's url.Path;
 * a URL without a path gives Uri "" ⇒ Envoy path_redirect empty ⇒ the request path is
 * kept (http/utility.cc createRedirectUrl). ssl-redirect only switches to https.
 */
export function redirectFor(cfg: IngressAnnotationConfig): RedirectAction | undefined {
  const r = cfg.redirect;
  if (!r) return undefined;
  if (r.url) return { kind: 'redirect', status: r.code, scheme: r.url.protocol.slice(0, -1), host: r.url.host, ...(r.path ? { path: r.path } : {}) };
  return { kind: 'redirect', status: 308, scheme: 'https' };
}

export interface PolicyClusters {
  readonly mirror?: string;
  readonly fallback?: string;
  /** The default backend as namespace/name (the x-envoy-fallback-service header). */
  readonly fallbackService?: string;
}

/** default_backend.go: the headers the internal redirect adds, which the hidden fallback route matches. */
export const FALLBACK_ROUTE_HEADER = 'x-envoy-route-name';
export const FALLBACK_SERVICE_HEADER = 'x-envoy-fallback-service';
export const FALLBACK_ROUTE_SUFFIX = '-fallback';

/** A fresh policy per Envoy route: each route has its own local rate limit bucket. */
export function routePolicyFor(cfg: IngressAnnotationConfig, rewriteOfPath: RewritePolicy | undefined, clusters: PolicyClusters, routeName: string): RoutePolicy | undefined {
  const headers = translateHeaderOperations(cfg.headerControl?.request, cfg.headerControl?.response);
  // a request header-control host becomes the authority rewrite, unless upstream-vhost names one
  const rewrite = headers.authority && !rewriteOfPath?.authority ? { ...rewriteOfPath, authority: headers.authority } : rewriteOfPath;
  const p: RoutePolicy = {
    ...(rewrite ? { rewrite } : {}),
    ...(headers.request ? { requestHeaders: headers.request } : {}),
    ...(headers.response ? { responseHeaders: headers.response } : {}),
    ...(cfg.cors ? { cors: cfg.cors } : {}),
    ...(cfg.timeoutMs ? { timeoutMs: cfg.timeoutMs } : {}),
    ...(cfg.retry ? { retry: cfg.retry } : {}),
    ...(cfg.rateLimit ? { rateLimit: cfg.rateLimit } : {}),
    ...(cfg.ipAllow ? { ipAllow: cfg.ipAllow } : {}),
    ...(cfg.mirror && clusters.mirror ? { mirror: { cluster: clusters.mirror, percent: cfg.mirror.percent } } : {}),
    ...(clusters.fallback && cfg.customHttpErrors.length > 0
      ? {
          internalRedirect: {
            codes: [...new Set(cfg.customHttpErrors)],
            headers: [
              { name: FALLBACK_ROUTE_HEADER, value: routeName + FALLBACK_ROUTE_SUFFIX },
              { name: FALLBACK_SERVICE_HEADER, value: clusters.fallbackService ?? '' },
            ],
            cluster: clusters.fallback,
          },
        }
      : {}),
  };
  return Object.keys(p).length > 0 ? p : undefined;
}
