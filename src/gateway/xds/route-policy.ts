// What a route carries besides its match and destinations, as Higress's annotation
// handlers and Gateway API filters write it into the Istio VirtualService route and
// Envoy per-route filter configs: rewrite, header operations, CORS, timeout, retry,
// local rate limit, IP allow-list, mirror and the custom-http-errors internal redirect.
import type { RetryPolicy } from './retry-policy.js';
import type { CidrRange } from './cidr.js';
import type { HashKey } from './cluster-policy.js';

export interface RewritePolicy {
  /**
   * Envoy regex_rewrite: every match of `pattern` in the path is replaced by
   * `substitution`, both in RE2 syntax (\\1 for a group, $ literal). rewrite-target
   * and rewrite-path on a Prefix path write it as Higress does; rewrite-path's other
   * prefix rewrites are written as an anchored one on region-lab's single route.
   */
  readonly regex?: { readonly pattern: string; readonly substitution: string };
  /** prefix_rewrite (HTTPRoute URLRewrite ReplacePrefixMatch): the part of the path the route matched is replaced. */
  readonly prefix?: string;
  /** host_rewrite_literal (upstream-vhost). */
  readonly authority?: string;
}

export interface CorsPolicy {
  /** Exact origins, or RE2 regexes (whole-value) for `*`-patterns (`*` alone ⇒ `.*`). */
  readonly allowOrigins: readonly ({ readonly exact: string } | { readonly regex: string })[];
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

/**
 * custom-http-errors (Higress's InternalActiveRedirect): on one of `codes`, one internal
 * redirect to `/` on the same Host with `headers` added before the route match, which
 * the hidden fallback route (Exact `/` + those headers) sends to the default backend.
 */
export interface InternalRedirectPolicy {
  readonly codes: readonly number[];
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  /** The default backend's cluster (for events and the admin page). */
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

/** A header name and value (names as written; Envoy compares them case-insensitively). */
export interface HeaderValue {
  readonly name: string;
  readonly value: string;
}

/**
 * Envoy's route-level header operations as Istio writes them from a VirtualService's
 * `headers` (Ingress header-control annotations, HTTPRoute header modifier filters):
 * removals first, then `set` (OVERWRITE_IF_EXISTS_OR_ADD), then `add`
 * (APPEND_IF_EXISTS_OR_ADD); a header with an empty value is not added.
 */
export interface HeaderOperations {
  readonly set: readonly HeaderValue[];
  readonly add: readonly HeaderValue[];
  readonly remove: readonly string[];
}

export interface RoutePolicy {
  readonly rewrite?: RewritePolicy;
  /** Applied to the request sent upstream (and to its mirror copy). */
  readonly requestHeaders?: HeaderOperations;
  /** Applied to the upstream's response and to the router's own replies for this route. */
  readonly responseHeaders?: HeaderOperations;
  readonly cors?: CorsPolicy;
  /** Route timeout, including every retry (higress.io/timeout). */
  readonly timeoutMs?: number;
  /** Replaces the Istio default retry policy. */
  readonly retry?: RetryPolicy;
  readonly rateLimit?: LocalRateLimitSpec;
  readonly ipAllow?: IpAllowPolicy;
  readonly mirror?: MirrorPolicy;
  readonly internalRedirect?: InternalRedirectPolicy;
  /**
   * Envoy route hash_policy: Istio writes it from the destination's DestinationRule
   * consistentHash (or the Ingress hash annotations); used only by RING_HASH clusters.
   */
  readonly hash?: HashKey;
}
