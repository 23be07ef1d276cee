// One Ingress's annotations parsed the way Higress's annotation handlers do
// (pkg/ingress/kube/annotations/*.go), into the route policies, redirect, canary,
// destination and fallback settings the converter applies. Prefix rules per key
// follow facts B: ASAP (nginx first, then higress) or higress-only.
import { Annotations } from './annotations.js';
import { parseCidrList } from '../../xds/cidr.js';
import type { HigressProfile } from '../../profiles.js';

import { annotationRetryPolicy } from '../retry-policies.js';
import { parseIngressMatch, type IngressMatchConfig } from './ingress-match.js';
import { parseHeaderControl, type HeaderControlConfig } from './header-control.js';
import type { RetryPolicy } from '../../xds/retry-policy.js';
import type { CorsPolicy, IpAllowPolicy, LocalRateLimitSpec } from '../../xds/route-policy.js';

export interface CanaryConfig {
  readonly header?: string;
  readonly headerValue?: string;
  readonly headerPattern?: string;
  readonly cookie?: string;
  readonly weight: number;
  readonly weightTotal: number;
}

export interface IngressAnnotationConfig {
  readonly canary?: CanaryConfig;
  readonly rewriteTarget?: string;
  readonly useRegex: boolean;
  readonly fullPathRegex: boolean;
  readonly rewritePath?: string;
  readonly upstreamVhost?: string;
  /** URL redirect (temporal wins over permanent) or https redirect. */
  readonly redirect?: { readonly url?: URL; readonly path?: string; readonly code: number; readonly https: boolean };
  readonly appRoot?: string;
  readonly cors?: CorsPolicy;
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly rateLimit?: LocalRateLimitSpec;
  readonly ipAllow?: IpAllowPolicy;
  readonly mirror?: { readonly namespace?: string; readonly name: string; readonly port?: number; readonly percent: number };
  readonly defaultBackend?: { readonly namespace?: string; readonly name: string };
  readonly customHttpErrors: readonly number[];
  /** higress.io/destination lines. */
  readonly destinations?: readonly { readonly host: string; readonly port?: number; readonly weight: number }[];
  /** match-method, *-match-header/pseudo-header/query-*, ignore-path-case. */
  readonly match: IngressMatchConfig;
  /** request- and response-header-control-*. */
  readonly headerControl?: HeaderControlConfig;
}

const CORS_DEFAULT_METHODS = 'GET, PUT, POST, DELETE, PATCH, OPTIONS';
const CORS_DEFAULT_HEADERS = 'DNT,X-CustomHeader,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Authorization';

/** canary.go Parse: returns early after header-value / pattern / cookie, so weight is then not read. */
function parseCanary(a: Annotations): CanaryConfig | undefined {
  if (!a.asapBool('canary')) return undefined;
  const weightTotal = a.asapInt('canary-weight-total') ?? 100;
  const header = a.asap('canary-by-header');
  const headerValue = a.asap('canary-by-header-value');
  const headerPattern = a.asap('canary-by-header-pattern');
  const cookie = a.asap('canary-by-cookie');
  const base = { weightTotal, weight: 0, ...(header ? { header } : {}) };
  if (headerValue) return { ...base, headerValue };
  if (headerPattern) return { ...base, headerPattern };
  if (cookie) return { ...base, cookie };
  return { ...base, weight: a.asapInt('canary-weight') ?? 0 };
}

/** cors.go: `*` ⇒ regex .*; `scheme://*.a.com` ⇒ regex .*\.a\.com (scheme dropped); else exact. */
function parseCors(a: Annotations): CorsPolicy | undefined {
  if (!a.asapBool('enable-cors')) return undefined;
  const origins = (a.asap('cors-allow-origin') ?? '*').split(',').map((o) => o.trim()).filter(Boolean);
  return {
    allowOrigins: origins.map((o) => {
      if (o === '*') return { regex: '.*' };
      const star = o.indexOf('*');
      if (star < 0) return { exact: o };
      const rest = o.slice(star + 1).replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      return { regex: `.*${rest}` };
    }),
    allowMethods: a.asap('cors-allow-methods') ?? CORS_DEFAULT_METHODS,
    allowHeaders: a.asap('cors-allow-headers') ?? CORS_DEFAULT_HEADERS,
    exposeHeaders: a.asap('cors-expose-headers') ?? '',
    allowCredentials: a.asap('cors-allow-credentials') === undefined ? true : a.asapBool('cors-allow-credentials'),
    maxAge: String(a.asapInt('cors-max-age') ?? 1728000),
  };
}

/** Go url.Parse(v).Path: "" when the URL names no path (WHATWG URL would say "/"). */
function goUrlPath(v: string): string {
  const rest = v.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const raw = rest.replace(/[?#].*$/s, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** redirect.go: temporal 302 wins over permanent (code 300–308, else 301); ssl/force-ssl ⇒ https 308. */
function parseRedirect(a: Annotations): IngressAnnotationConfig['redirect'] {
  const https = a.asapBool('ssl-redirect') || a.asapBool('force-ssl-redirect');
  const url = (v: string | undefined) => {
    if (!v) return undefined;
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
    } catch {
      return undefined;
    }
  };
  const temporal = url(a.asap('temporal-redirect'));
  if (temporal) return { url: temporal, path: goUrlPath(a.asap('temporal-redirect')!), code: 302, https };
  const permanent = url(a.asap('permanent-redirect'));
  if (permanent) {
    const code = a.asapInt('permanent-redirect-code') ?? 301;
    return { url: permanent, path: goUrlPath(a.asap('permanent-redirect')!), code: code >= 300 && code <= 308 ? code : 301, https };
  }
  return https ? { code: 308, https } : undefined;
}

/** destination.go: lines `[w%] host[:port] [subset]`, weight default 100. */
function parseDestinations(text: string | undefined): IngressAnnotationConfig['destinations'] {
  if (!text) return undefined;
  const out: { host: string; port?: number; weight: number }[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const parts = line.split(/\s+/);
    let weight = 100;
    if (parts[0]?.endsWith('%')) weight = Number(parts.shift()!.slice(0, -1));
    const [host, port] = (parts[0] ?? '').split(':');
    if (!host || !Number.isFinite(weight)) continue;
    out.push({ host, weight, ...(port ? { port: Number(port) } : {}) });
  }
  return out.length > 0 ? out : undefined;
}

function nsName(v: string): { namespace?: string; name: string } {
  const i = v.indexOf('/');
  return i < 0 ? { name: v } : { namespace: v.slice(0, i), name: v.slice(i + 1) };
}

export function parseIngressAnnotations(raw: Readonly<Record<string, string>>, profile: HigressProfile): IngressAnnotationConfig {
  const a = new Annotations(raw);
  const canary = parseCanary(a);
  const redirect = parseRedirect(a);
  const cors = parseCors(a);
  const timeout = a.higressInt('timeout');
  const rpm = a.higressInt('route-limit-rpm');
  const rps = a.higressInt('route-limit-rps');
  const burst = a.higressInt('route-limit-burst-multiplier') ?? 5;
  const rate = rpm && rpm > 0 ? { n: rpm, ms: 60_000 } : rps && rps > 0 ? { n: rps, ms: 1000 } : undefined;
  const hasRetry = a.hasAsap('proxy-next-upstream') || a.hasAsap('proxy-next-upstream-tries') || a.hasAsap('proxy-next-upstream-timeout');
  const whitelist = a.asap('whitelist-source-range');
  const mirrorTarget = a.asap('mirror-target-service');
  const defaultBackend = a.asap('default-backend');
  const rewriteTarget = a.asap('rewrite-target');
  const rewritePath = a.higress('rewrite-path');
  const upstreamVhost = a.asap('upstream-vhost');
  const appRoot = a.asap('app-root');
  const destinations = parseDestinations(a.higress('destination'));
  const headerControl = parseHeaderControl(raw);
  let mirror: IngressAnnotationConfig['mirror'];
  if (mirrorTarget) {
    const { namespace, name } = nsName(mirrorTarget);
    const [svc, port] = name.split(':');
    const pct = Number(a.asap('mirror-percentage') ?? '100');
    mirror = { ...(namespace ? { namespace } : {}), name: svc!, ...(port ? { port: Number(port) } : {}), percent: Number.isFinite(pct) && pct < 100 ? Math.max(0, pct) : 100 };
  }
  return {
    ...(canary ? { canary } : {}),
    // convertToRE2: $n → \n when the target has a $-digit
    ...(rewriteTarget ? { rewriteTarget: /\$[0-9]/.test(rewriteTarget) ? rewriteTarget.replaceAll('$', '\\') : rewriteTarget } : {}),
    useRegex: a.asapBool('use-regex'),
    fullPathRegex: a.higress('full-path-regex') === 'true',
    ...(rewritePath ? { rewritePath } : {}),
    ...(upstreamVhost ? { upstreamVhost } : {}),
    ...(redirect ? { redirect } : {}),
    ...(appRoot ? { appRoot } : {}),
    ...(cors ? { cors } : {}),
    ...(timeout && timeout > 0 ? { timeoutMs: timeout * 1000 } : {}),
    ...(hasRetry
      ? {
          retry: annotationRetryPolicy(profile, {
            ...(a.asap('proxy-next-upstream') !== undefined ? { nextUpstream: a.asap('proxy-next-upstream')! } : {}),
            ...(a.asapInt('proxy-next-upstream-tries') !== undefined ? { tries: a.asapInt('proxy-next-upstream-tries')! } : {}),
            ...(a.asapInt('proxy-next-upstream-timeout') ? { timeoutS: a.asapInt('proxy-next-upstream-timeout')! } : {}),
          }),
        }
      : {}),
    ...(rate ? { rateLimit: { maxTokens: rate.n * burst, tokensPerFill: rate.n, fillIntervalMs: rate.ms } } : {}),
    ...(whitelist ? { ipAllow: { text: whitelist, ranges: parseCidrList(whitelist) } } : {}),
    ...(mirror ? { mirror } : {}),
    ...(defaultBackend ? { defaultBackend: nsName(defaultBackend) } : {}),
    customHttpErrors: (a.asap('custom-http-errors') ?? '').split(',').map((c) => Number(c.trim())).filter((c) => Number.isInteger(c) && c >= 100 && c <= 599),
    ...(destinations ? { destinations } : {}),
    match: parseIngressMatch(raw),
    ...(headerControl ? { headerControl } : {}),
  };
}
