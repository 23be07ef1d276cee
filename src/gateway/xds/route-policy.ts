// What an Ingress route carries besides its match and destinations, as Higress's
// annotation handlers write it into the Istio VirtualService route and Envoy
// per-route filter configs: rewrite, CORS, timeout, retry, local rate limit, IP
// allow-list, mirror and the custom-http-errors internal redirect.
import type { RetryPolicy } from './retry-policy.js';
import type { CidrRange } from './cidr.js';

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

/** Envoy local_ratelimit token bucket (times in ms). */
export interface LocalRateLimitSpec {
  readonly maxTokens: number;
  readonly tokensPerFill: number;
  readonly fillIntervalMs: number;
}

/** whitelist-source-range: RBAC allow on the peer address, as written and as ranges. */
export interface IpAllowPolicy {
  readonly text: string;
  readonly ranges: readonly CidrRange[];
}

export interface RoutePolicy {
  readonly rewrite?: RewritePolicy;
  readonly cors?: CorsPolicy;
  /** Route timeout, including every retry (higress.io/timeout). */
  readonly timeoutMs?: number;
  /** Replaces the Istio default retry policy. */
  readonly retry?: RetryPolicy;
  readonly rateLimit?: LocalRateLimitSpec;
  readonly ipAllow?: IpAllowPolicy;
  readonly mirror?: MirrorPolicy;
  readonly internalRedirect?: InternalRedirectPolicy;
}
