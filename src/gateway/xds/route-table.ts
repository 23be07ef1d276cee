// The gateway's route table as Envoy holds it after Higress's conversion: one
// route per HTTPRoute match (or Ingress path), each with a path, header, method and
// query match and either weighted clusters, a redirect or a direct response, plus
// the route's policies (Ingress annotations, HTTPRoute filters). Shared by every
// manifest kind.
import type { RoutePolicy } from './route-policy.js';

export type PathMatch =
  /** Segment-aware prefix (Envoy path_separated_prefix; `/` matches everything). */
  | { readonly type: 'PathPrefix'; readonly value: string }
  /** Plain string prefix (Envoy prefix). */
  | { readonly type: 'Prefix'; readonly value: string }
  | { readonly type: 'Exact'; readonly value: string }
  | { readonly type: 'RegularExpression'; readonly value: string; readonly regex: RegExp };

/** Envoy StringMatcher as Istio writes it; `Present`: Istio's catch-all regex "*" (present_match). */
export type StringMatch =
  | { readonly type: 'Exact'; readonly value: string }
  | { readonly type: 'Prefix'; readonly value: string }
  | { readonly type: 'RegularExpression'; readonly value: string; readonly regex: RegExp }
  | { readonly type: 'Present' };

/**
 * A header condition. Pseudo-headers are matched as Envoy does: `:authority` is the
 * Host, `:path` the path with its query, `:method`, `:scheme`.
 */
export type HeaderMatch = StringMatch & { readonly name: string };

/** An Envoy query_parameters condition: the parameter's first value, percent-decoded. */
export type QueryParamMatch = StringMatch & { readonly name: string };

/** One entry of an Envoy weighted_clusters list. `host` null: an invalid backend (no cluster). */
export interface WeightedCluster {
  readonly host: string | null;
  readonly weight: number;
  /** Why the backend has no cluster (shown on the admin /routes page). */
  readonly invalidReason?: string;
  /**
   * cluster_fallback plugin (Higress's Envoy): clusters tried in order, at route
   * selection, when this one has no healthy host (default-backend; canary → base).
   */
  readonly fallbacks?: readonly string[];
}

/** Envoy RedirectAction: only the parts given replace the request's. */
export interface RedirectAction {
  readonly kind: 'redirect';
  readonly status: number;
  readonly scheme?: string;
  readonly host?: string;
  /** port_redirect: the Location names this port (the request's own port is dropped). */
  readonly port?: number;
  /** path_redirect: the whole path (the request's query is kept). */
  readonly path?: string;
  /** prefix_rewrite: the part of the path the route matched is replaced by this. */
  readonly prefixRewrite?: string;
}

export type RouteAction =
  | { readonly kind: 'clusters'; readonly clusters: readonly WeightedCluster[]; readonly totalWeight: number }
  | { readonly kind: 'direct'; readonly status: number; readonly body: string }
  | RedirectAction;

export interface RouteEntry {
  /** e.g. httproute/default/proximity-route/rule-0/match-0 */
  readonly name: string;
  /** Lower-case; empty means any host. A leading "*." is a wildcard. */
  readonly hostnames: readonly string[];
  readonly path: PathMatch;
  readonly headers: readonly HeaderMatch[];
  /** The `:method` condition Istio appends to the headers (Ingress match-method, HTTPRoute match.method). @default any method */
  readonly method?: StringMatch;
  /** @default none */
  readonly queryParams?: readonly QueryParamMatch[];
  /** Envoy case_sensitive false (higress.io/ignore-path-case): Exact and prefix paths match in any case. @default false */
  readonly ignorePathCase?: boolean;
  readonly action: RouteAction;
  /**
   * The action on the HTTPS (443) listener when it differs: Istio's IgnoreRedirect drops
   * a plain https redirect (ssl-redirect) there, so the route forwards instead.
   */
  readonly tlsAction?: RouteAction;
  /**
   * Envoy cluster_not_found_response_code: Istio sets 500 on Gateway API routes
   * (route-semantics: gateway), Envoy's default 503 elsewhere (Ingress).
   */
  readonly clusterNotFoundStatus: 500 | 503;
  /** Rewrite, header operations, CORS, timeout, retry, rate limit, … (Ingress annotations, HTTPRoute filters). */
  readonly policy?: RoutePolicy;
  /** Where it came from, for errors and the admin page. */
  readonly source: { readonly file: string; readonly document: number };
}

/** Does a string matcher hold for `value` (undefined: the header or parameter is absent)? */
export function stringMatches(m: StringMatch, value: string | undefined): boolean {
  if (value === undefined) return false;
  switch (m.type) {
    case 'Present':
      return true;
    case 'Exact':
      return value === m.value;
    case 'Prefix':
      return value.startsWith(m.value);
    case 'RegularExpression':
      return m.regex.test(value);
  }
}

/** Envoy regexes (RE2) must match the whole value. */
export function fullMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}
