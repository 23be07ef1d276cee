// What an Ingress route carries besides its match and destinations, as Higress's
// annotation handlers write it into the Istio VirtualService route and Envoy
// per-route filter configs: rewrite, CORS, timeout, retry, local rate limit, IP
// allow-list, mirror and the custom-http-errors internal redirect.
import type { RetryPolicy } from './retry.js';
import type { LocalRateLimit } from './rate-limit.js';
import type { IpAllowList } from './cidr.js';

export interface RewritePolicy {
  /** Envoy regex_rewrite: every match of `pattern` (global) in the path is substituted. */
  readonly regex?: { readonly pattern: RegExp; readonly substitution: string };
  /** Envoy prefix_rewrite (higress.io/rewrite-path): the matched prefix is replaced. */
  readonly prefix?: { readonly matched: string; readonly replacement: string };
  /** host_rewrite_literal (upstream-vhost). */
  readonly authority?: string;
}

export interface CorsPolicy {
  /** Exact origins, or regexes for `*`-patterns (`*` alone ⇒ `.*`). */
  readonly allowOrigins: readonly ({ readonly exact: string } | { readonly regex: RegExp })[];
  readonly allowMethods: string;
  readonly allowHeaders: string;
  readonly exposeHeaders: string;
  readonly allowCredentials: boolean;
  readonly maxAge: string;
}

export interface MirrorPolicy {
  /** Cluster key the shadow goes to. */
  readonly cluster: string;
  /** 0–100. */
  readonly percent: number;
}

/** custom-http-errors: one internal redirect to the default backend with the path rewritten to `/`. */
export interface InternalRedirectPolicy {
  readonly codes: ReadonlySet<number>;
  readonly cluster: string;
}

export interface RoutePolicy {
  readonly rewrite?: RewritePolicy;
  readonly cors?: CorsPolicy;
  /** Route timeout, including every retry (higress.io/timeout). */
  readonly timeoutMs?: number;
  /** Replaces the Istio default retry policy. */
  readonly retry?: RetryPolicy;
  readonly rateLimit?: LocalRateLimit;
  readonly ipAllow?: IpAllowList;
  readonly mirror?: MirrorPolicy;
  readonly internalRedirect?: InternalRedirectPolicy;
}
