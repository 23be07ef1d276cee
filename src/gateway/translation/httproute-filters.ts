// An HTTPRoute rule's filters as Higress's Gateway API conversion writes them into the
// Istio route (conversion.go convertHTTPRoute, createHeadersFilter, createRedirectFilter,
// createRewriteFilter, createMirrorFilter, createCorsFilter on 2.2), and Istio into Envoy (route.go ApplyRedirect,
// applyHTTPRouteDestination). For each type the last filter wins. A type the conversion
// does not know is a hard error that drops the whole HTTPRoute (InvalidFilter).
import type { HigressProfile } from '../profiles.js';
import type { CorsPolicy, RewritePolicy, RoutePolicy } from '../xds/route-policy.js';
import type { PathMatch, RedirectAction } from '../xds/route-table.js';
import { translateHeaderOperations, type HeaderOpsInput } from './header-operations.js';
import type { HttpRouteFilter } from './httproute-schema.js';
import { resolveBackend } from './backend-ref.js';

type HeaderFilter = NonNullable<HttpRouteFilter['requestHeaderModifier']>;
type Redirect = NonNullable<HttpRouteFilter['requestRedirect']>;
type Rewrite = NonNullable<HttpRouteFilter['urlRewrite']>;
type Mirror = NonNullable<HttpRouteFilter['requestMirror']>;
type Cors = NonNullable<HttpRouteFilter['cors']>;

/** headerListToMap: a later entry for a name wins. */
function headerOps(f: HeaderFilter | undefined): HeaderOpsInput | undefined {
  if (!f) return undefined;
  const map = (l: HeaderFilter['set']) => new Map((l ?? []).map((h) => [h.name, h.value] as const));
  return { set: map(f.set), add: map(f.add), remove: f.remove ?? [] };
}

/** Go's regexp.QuoteMeta. */
const quoteMeta = (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/**
 * createRedirectFilter + ApplyRedirect: scheme, host, status (default 301); the port when
 * given, else none (Istio's "derive" ports name the listener's port, 80 here, which is
 * dropped for http); ReplaceFullPath ⇒ path_redirect, ReplacePrefixMatch ⇒ prefix_rewrite.
 */
function redirectAction(r: Redirect): RedirectAction {
  const scheme = r.scheme ?? 'http';
  const port = r.port !== undefined && !(r.port === 80 && scheme === 'http') && !(r.port === 443 && scheme === 'https') ? r.port : undefined;
  return {
    kind: 'redirect',
    status: r.statusCode ?? 301,
    ...(r.scheme ? { scheme: r.scheme } : {}),
    ...(r.hostname ? { host: r.hostname } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(r.path?.type === 'ReplaceFullPath' ? { path: r.path.replaceFullPath! } : {}),
    ...(r.path?.type === 'ReplacePrefixMatch' ? { prefixRewrite: r.path.replacePrefixMatch! } : {}),
  };
}

/**
 * createRewriteFilter + applyHTTPRouteDestination. ReplaceFullPath ⇒ regex_rewrite "/.*".
 * ReplacePrefixMatch: 2.1 writes prefix_rewrite as given; 2.2 trims a trailing "/" and
 * turns "/" (remove the prefix) into the regex ^<prefix>(/?)(.*) → /\2 (Istio 1.27).
 */
function rewritePolicy(r: Rewrite, path: PathMatch, profile: HigressProfile): RewritePolicy | undefined {
  let out: { -readonly [K in keyof RewritePolicy]: RewritePolicy[K] } = {};
  if (r.path?.type === 'ReplaceFullPath') out.regex = { pattern: '/.*', substitution: r.path.replaceFullPath! };
  if (r.path?.type === 'ReplacePrefixMatch') {
    const raw = r.path.replacePrefixMatch!;
    const uri = profile.name === '2.1' ? raw : raw.replace(/\/$/, '') || '/';
    if (profile.name !== '2.1' && uri === '/') {
      const sep = path.type === 'PathPrefix' && path.value !== '/' ? path.value : '';
      out.regex = { pattern: `^${quoteMeta(sep)}(/?)(.*)`, substitution: '/\\2' };
    } else if (uri !== '') out = { prefix: uri };
  }
  if (r.hostname) out.authority = r.hostname;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * createMirrorFilter: the backendRef resolved as a destination. 2.1 (API v0.8.0): one
 * `vs.Mirror`, the last filter wins, always 100%. 2.2: `vs.Mirrors` with percent /
 * fraction; the model keeps only the first. An unresolvable backend: no mirror.
 */
function mirrorPolicy(mirrors: readonly Mirror[], profile: HigressProfile, ns: string): RoutePolicy['mirror'] {
  const m = profile.name === '2.1' ? mirrors[mirrors.length - 1] : mirrors[0];
  if (!m) return undefined;
  const { host } = resolveBackend(m.backendRef, profile, ns);
  if (!host) return undefined;
  const percent = profile.name === '2.1' ? 100 : m.fraction ? (100 * m.fraction.numerator) / (m.fraction.denominator ?? 100) : (m.percent ?? 100);
  return { cluster: host, percent };
}

export interface ConvertedFilters {
  readonly policy?: RoutePolicy;
  readonly redirect?: RedirectAction;
}

const KNOWN = new Set(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite', 'RequestMirror']);

/** Whether the profile's conversion knows a filter type (2.2 also knows CORS); any other fails the whole HTTPRoute. */
export function filterTypeKnown(type: string, profile: HigressProfile): boolean {
  return KNOWN.has(type) || (type === 'CORS' && profile.name !== '2.1');
}

/** Why the rule's filters drop the HTTPRoute, if they do: a type the profile's conversion does not know. */
export function filterError(filters: readonly HttpRouteFilter[], profile: HigressProfile): string | undefined {
  const bad = filters.find((f) => !filterTypeKnown(f.type, profile));
  return bad ? `unsupported filter type "${bad.type}" (InvalidFilter)` : undefined;
}

/**
 * createCorsFilter (2.2) + Istio's CORS translation: every origin an exact match (no
 * wildcards yet, gateway-api#3648), lists joined by ",", credentials only when true, and
 * maxAge in seconds with the CRD's default 5 (the API server fills it in before Higress reads it).
 */
function corsPolicy(c: Cors): CorsPolicy {
  return {
    allowOrigins: (c.allowOrigins ?? []).filter((o) => o !== '').map((exact) => ({ exact })),
    allowMethods: (c.allowMethods ?? []).join(','),
    allowHeaders: (c.allowHeaders ?? []).join(','),
    exposeHeaders: (c.exposeHeaders ?? []).join(','),
    allowCredentials: c.allowCredentials === true,
    maxAge: String(c.maxAge ?? 5),
  };
}

/** The route's policy and redirect from its rule's filters, for one match's path. */
export function convertFilters(filters: readonly HttpRouteFilter[], path: PathMatch, profile: HigressProfile, ns: string): ConvertedFilters {
  const last = <K extends keyof HttpRouteFilter>(type: string, key: K) => filters.filter((f) => f.type === type).map((f) => f[key]).filter((v) => v !== undefined).at(-1);
  const headers = translateHeaderOperations(headerOps(last('RequestHeaderModifier', 'requestHeaderModifier')), headerOps(last('ResponseHeaderModifier', 'responseHeaderModifier')));
  const redirect = last('RequestRedirect', 'requestRedirect');
  const rewriteFilter = last('URLRewrite', 'urlRewrite');
  const rewrite = rewriteFilter ? rewritePolicy(rewriteFilter, path, profile) : undefined;
  // a URLRewrite hostname wins over a header modifier's host
  const authority = rewrite?.authority ?? headers.authority;
  const fullRewrite = rewrite || authority ? { ...rewrite, ...(authority ? { authority } : {}) } : undefined;
  const mirror = mirrorPolicy(filters.flatMap((f) => (f.type === 'RequestMirror' && f.requestMirror ? [f.requestMirror] : [])), profile, ns);
  // 2.1 never gets here with a CORS filter: filterError drops the route
  const corsFilter = last('CORS', 'cors');
  const cors = corsFilter && profile.name !== '2.1' ? corsPolicy(corsFilter) : undefined;
  const policy: RoutePolicy = {
    ...(fullRewrite ? { rewrite: fullRewrite } : {}),
    ...(headers.request ? { requestHeaders: headers.request } : {}),
    ...(headers.response ? { responseHeaders: headers.response } : {}),
    ...(mirror ? { mirror } : {}),
    ...(cors ? { cors } : {}),
  };
  return { ...(Object.keys(policy).length > 0 ? { policy } : {}), ...(redirect ? { redirect: redirectAction(redirect) } : {}) };
}
