// One route of the gateway's route table as Istio and Higress write it into Envoy's
// RouteConfiguration: the match (route-match.ts), the action (clusters, redirect or
// direct response), the header operations (route-headers.ts), the route-level
// policies (timeout 0s unless set, retry policy, mirror, hash policy, rewrites) and
// the per-route filter configs Higress's annotations make (CORS, RBAC allow-list,
// local rate limit, custom-http-errors).
import type { HashKey } from '../../xds/cluster-policy.js';
import type { RetryPolicy } from '../../xds/retry-policy.js';
import type { RoutePolicy } from '../../xds/route-policy.js';
import type { RedirectAction, RouteAction, RouteEntry, WeightedCluster } from '../../xds/route-table.js';
import { routeMatch } from './route-match.js';
import { routeHeaderOperations } from './route-headers.js';
import { duration, FILTER, METADATA, percent, TYPE, typed, UNKNOWN_CLUSTER, type Json } from './json.js';

/** The aggregate cluster standing in for Higress's cluster_fallback: the primary, then its fallbacks. */
export function fallbackClusterName(c: WeightedCluster): string {
  return ['fallback', c.host ?? UNKNOWN_CLUSTER, ...(c.fallbacks ?? [])].join('|');
}

function clusterName(c: WeightedCluster): string {
  return c.fallbacks && c.fallbacks.length > 0 ? fallbackClusterName(c) : (c.host ?? UNKNOWN_CLUSTER);
}

export function retryPolicy(p: RetryPolicy): Json {
  return {
    retry_on: [...p.retryOn].join(','),
    num_retries: p.numRetries,
    ...(p.retriableStatusCodes.length > 0 ? { retriable_status_codes: [...p.retriableStatusCodes] } : {}),
    ...(p.hostSelectionRetryMaxAttempts > 0
      ? {
          retry_host_predicate: [{ name: 'envoy.retry_host_predicates.previous_hosts', typed_config: typed(TYPE.previousHosts, {}) }],
          host_selection_retry_max_attempts: String(p.hostSelectionRetryMaxAttempts),
        }
      : {}),
    ...(p.nonRetriableMethods !== null ? { retriable_request_headers: [{ name: ':method', string_match: { safe_regex: { regex: p.nonRetriableMethods } }, invert_match: true }] } : {}),
    ...(p.perTryTimeoutMs ? { per_try_timeout: duration(p.perTryTimeoutMs) } : {}),
    // Envoy's own defaults (25 ms, 10 × base) are what Istio leaves in place
    ...(p.baseIntervalMs !== 25 || p.maxIntervalMs !== 250 ? { retry_back_off: { base_interval: duration(p.baseIntervalMs), max_interval: duration(p.maxIntervalMs) } } : {}),
  };
}

export function hashPolicy(h: HashKey): Json {
  switch (h.kind) {
    case 'header':
      return { header: { header_name: h.name } };
    case 'cookie':
      return { cookie: { name: h.name, ...(h.path ? { path: h.path } : {}), ...(h.ttlSeconds !== undefined ? { ttl: duration(h.ttlSeconds * 1000) } : {}) } };
    case 'source-ip':
      return { connection_properties: { source_ip: true } };
    case 'query':
      return { query_parameter: { name: h.name } };
  }
}

const REDIRECT_CODES: Readonly<Record<number, string>> = { 301: 'MOVED_PERMANENTLY', 302: 'FOUND', 303: 'SEE_OTHER', 307: 'TEMPORARY_REDIRECT', 308: 'PERMANENT_REDIRECT' };

function redirect(a: RedirectAction): Json {
  return {
    // Istio's ApplyRedirect writes the scheme as scheme_redirect (https too), never https_redirect
    ...(a.scheme ? { scheme_redirect: a.scheme } : {}),
    ...(a.host ? { host_redirect: a.host } : {}),
    ...(a.port !== undefined ? { port_redirect: a.port } : {}),
    ...(a.path ? { path_redirect: a.path } : {}),
    ...(a.prefixRewrite !== undefined ? { prefix_rewrite: a.prefixRewrite } : {}),
    ...(a.status !== 301 ? { response_code: REDIRECT_CODES[a.status] ?? 'MOVED_PERMANENTLY' } : {}),
  };
}

function routeAction(r: RouteEntry, clusters: readonly WeightedCluster[]): Json {
  const p = r.policy;
  const single = clusters.length === 1 && clusters[0]!.weight === 100 ? clusters[0] : undefined;
  return {
    ...(single
      ? { cluster: clusterName(single) }
      : { weighted_clusters: { clusters: clusters.map((c) => ({ name: clusterName(c), weight: c.weight })) } }),
    ...(r.clusterNotFoundStatus === 500 ? { cluster_not_found_response_code: 'INTERNAL_SERVER_ERROR' } : {}),
    // Istio writes 0s (no timeout) unless the route sets one; Envoy's own default is 15 s
    timeout: duration(p?.timeoutMs ?? 0),
    ...(p?.retry ? { retry_policy: retryPolicy(p.retry) } : {}),
    ...(p?.mirror ? { request_mirror_policies: [{ cluster: p.mirror.cluster, ...(p.mirror.percent < 100 ? { runtime_fraction: { default_value: percent(p.mirror.percent) } } : {}) }] } : {}),
    ...(p?.hash ? { hash_policy: [hashPolicy(p.hash)] } : {}),
    ...(p?.rewrite?.regex ? { regex_rewrite: { pattern: { regex: p.rewrite.regex.pattern }, substitution: p.rewrite.regex.substitution } } : {}),
    ...(p?.rewrite?.prefix !== undefined ? { prefix_rewrite: p.rewrite.prefix } : {}),
    ...(p?.rewrite?.authority ? { host_rewrite_literal: p.rewrite.authority } : {}),
  };
}

function perFilterConfig(p: RoutePolicy | undefined): Json | undefined {
  if (!p) return undefined;
  const out: Record<string, Json> = {};
  if (p.cors) {
    out[FILTER.cors] = typed(TYPE.corsPolicy, {
      allow_origin_string_match: p.cors.allowOrigins.map((o) => ('exact' in o ? { exact: o.exact } : { safe_regex: { regex: o.regex } })),
      // an empty list is no header at all in Envoy: written only when set
      ...(p.cors.allowMethods ? { allow_methods: p.cors.allowMethods } : {}),
      ...(p.cors.allowHeaders ? { allow_headers: p.cors.allowHeaders } : {}),
      ...(p.cors.exposeHeaders ? { expose_headers: p.cors.exposeHeaders } : {}),
      ...(p.cors.maxAge ? { max_age: p.cors.maxAge } : {}),
      allow_credentials: p.cors.allowCredentials,
    });
  }
  if (p.ipAllow) {
    out[FILTER.rbac] = typed(TYPE.rbacPerRoute, {
      rbac: {
        rules: {
          action: 'ALLOW',
          policies: {
            'whitelist-source-range': {
              permissions: [{ any: true }],
              // no range parsed: a principal that matches nothing (Envoy refuses an empty list), so every client is denied
              principals: p.ipAllow.ranges.length > 0 ? p.ipAllow.ranges.map((c) => ({ direct_remote_ip: { address_prefix: c.addressPrefix, prefix_len: c.prefixLen } })) : [{ not_id: { any: true } }],
            },
          },
        },
      },
    });
  }
  if (p.rateLimit) {
    out[FILTER.localRateLimit] = typed(TYPE.localRateLimit, {
      stat_prefix: 'http_local_rate_limiter',
      token_bucket: { max_tokens: p.rateLimit.maxTokens, tokens_per_fill: p.rateLimit.tokensPerFill, fill_interval: duration(p.rateLimit.fillIntervalMs) },
      filter_enabled: { runtime_key: 'local_rate_limit_enabled', default_value: percent(100) },
      filter_enforced: { runtime_key: 'local_rate_limit_enforced', default_value: percent(100) },
      response_headers_to_add: [{ append_action: 'OVERWRITE_IF_EXISTS_OR_ADD', header: { key: 'x-local-rate-limit', value: 'true' } }],
    });
  }
  if (p.internalRedirect) {
    const ir = p.internalRedirect;
    // upstream Envoy's stand-in for Higress's InternalActiveRedirect: a custom_response
    // redirect to / (Host kept) with the headers the hidden fallback route matches
    out[FILTER.customResponse] = typed(TYPE.customResponse, {
      custom_response_matcher: {
        matcher_list: {
          matchers: [
            {
              predicate: { single_predicate: { input: { name: 'status', typed_config: typed(TYPE.statusInput, {}) }, value_match: { safe_regex: { google_re2: {}, regex: ir.codes.join('|') } } } },
              on_match: {
                action: {
                  name: 'custom-http-errors',
                  typed_config: typed(TYPE.redirectPolicy, {
                    redirect_action: { path_redirect: '/' },
                    // Higress relays the fallback's own status; here a non-error answer becomes 200
                    status_code: 200,
                    request_headers_to_add: ir.headers.map((h) => ({ header: { key: h.name, value: h.value }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' })),
                  }),
                },
              },
            },
          ],
        },
      },
    });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The route's own metadata: where it came from, and why a backend has no cluster. */
function metadata(r: RouteEntry, action: RouteAction): Json {
  const invalid = action.kind === 'clusters' ? action.clusters.flatMap((c) => (c.host === null ? [c.invalidReason ?? 'unresolved backend'] : [])) : [];
  const fallbackOf = action.kind === 'clusters' ? action.clusters.flatMap((c) => (c.fallbacks && c.fallbacks.length > 0 ? [clusterName(c)] : [])) : [];
  return {
    filter_metadata: {
      [METADATA]: {
        source: { file: r.source.file, document: r.source.document },
        ...(invalid.length > 0 ? { invalid_backends: invalid } : {}),
        ...(fallbackOf.length > 0 ? { fallback_clusters: fallbackOf } : {}),
      },
    },
  };
}

/** One Envoy route for `r`, with `action` (the port 80 or the 443 action). */
export function emitRoute(r: RouteEntry, action: RouteAction): Json {
  const filters = perFilterConfig(r.policy);
  const head = { name: r.name, match: routeMatch(r) };
  const tail = { ...routeHeaderOperations(r.policy), ...(filters ? { typed_per_filter_config: filters } : {}), metadata: metadata(r, action) };
  if (action.kind === 'direct') return { ...head, direct_response: { status: action.status, ...(action.body ? { body: { inline_string: action.body } } : {}) }, ...tail };
  if (action.kind === 'redirect') return { ...head, redirect: redirect(action), ...tail };
  return { ...head, route: routeAction(r, action.clusters), ...tail };
}
