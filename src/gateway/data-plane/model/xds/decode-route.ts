// Envoy routes as the model reads them back into its route view: the match, the
// action, the route-level policies and the per-route filter configs it emulates.
// Anything else in a route is refused (fields.ts), so the model never quietly
// serves a route differently from Envoy.
import type { RouteAction, RouteEntry, WeightedCluster } from '../../../xds/route-table.js';
import { decodeRouteMatch } from './decode-route-match.js';
import { decodeRouteHeaders } from './decode-route-headers.js';
import { decodeRedirect } from './decode-redirect.js';
import type { CorsPolicy, InternalRedirectPolicy, RoutePolicy } from '../../../xds/route-policy.js';
import type { RetryOn, RetryPolicy } from '../../../xds/retry-policy.js';
import type { HashKey } from '../../../xds/cluster-policy.js';
import { Fields, UnsupportedConfigError } from './fields.js';
import { FILTER as FILTERS, METADATA, parseDuration as decodeDuration, UNKNOWN_CLUSTER } from '../../../xds/envoy-names.js';

function decodeRetry(r: Fields): RetryPolicy {
  const retryOn = new Set((r.str('retry_on') ?? '').split(',').filter(Boolean) as RetryOn[]);
  const predicates = r.list('retry_host_predicate').map((p) => (p as { name?: string }).name);
  if (predicates.some((n) => n !== 'envoy.retry_host_predicates.previous_hosts')) throw new UnsupportedConfigError(r.where, `retry host predicates ${predicates.join(', ')}`);
  const methods = r.list('retriable_request_headers').map((h) => {
    const f = Fields.of(h, `${r.where}.retriable_request_headers`);
    const regex = (f.sub('string_match')?.sub('safe_regex')?.str('regex')) ?? '';
    if (f.str('name') !== ':method' || f.get('invert_match') !== true) throw new UnsupportedConfigError(f.where, 'only an inverted :method match is modelled');
    return regex;
  });
  const backOff = r.sub('retry_back_off');
  const out: RetryPolicy = {
    numRetries: r.num('num_retries') ?? 1,
    retryOn,
    retriableStatusCodes: r.list('retriable_status_codes').map(Number),
    hostSelectionRetryMaxAttempts: predicates.length > 0 ? (r.num('host_selection_retry_max_attempts') ?? 1) : (r.ignore('host_selection_retry_max_attempts'), 0),
    baseIntervalMs: decodeDuration(backOff?.get('base_interval')) ?? 25,
    maxIntervalMs: decodeDuration(backOff?.get('max_interval')) ?? 10 * (decodeDuration(backOff?.get('base_interval')) ?? 25),
    nonRetriableMethods: methods[0] ?? null,
    ...(r.has('per_try_timeout') ? { perTryTimeoutMs: decodeDuration(r.get('per_try_timeout'))! } : {}),
  };
  backOff?.done();
  r.done();
  return out;
}

function decodeHash(v: unknown, where: string): HashKey {
  const h = Fields.of(v, where);
  const header = h.sub('header');
  const cookie = h.sub('cookie');
  const conn = h.sub('connection_properties');
  const query = h.sub('query_parameter');
  h.done();
  if (header) return { kind: 'header', name: header.str('header_name')! };
  if (cookie) {
    const ttl = cookie.get('ttl');
    return { kind: 'cookie', name: cookie.str('name')!, path: cookie.str('path') ?? '', ttlSeconds: ttl === undefined ? undefined : decodeDuration(ttl)! / 1000 };
  }
  if (conn?.get('source_ip') === true) return { kind: 'source-ip' };
  if (query) return { kind: 'query', name: query.str('name')! };
  throw new UnsupportedConfigError(where, 'a hash policy other than header, cookie, source ip or query parameter');
}

interface ClusterAction {
  readonly action: RouteAction;
  readonly policy: RoutePolicy;
  readonly clusterNotFoundStatus: 500 | 503;
}

function decodeRouteAction(a: Fields, fallbacks: (cluster: string) => readonly string[] | undefined): ClusterAction {
  const entry = (name: string, weight: number): WeightedCluster => {
    const agg = fallbacks(name);
    if (agg) return { host: agg[0] === UNKNOWN_CLUSTER ? null : agg[0]!, weight, fallbacks: agg.slice(1) };
    return { host: name === UNKNOWN_CLUSTER ? null : name, weight };
  };
  const single = a.str('cluster');
  const wc = a.sub('weighted_clusters');
  const clusters = single !== undefined ? [entry(single, 100)] : (wc?.list('clusters') ?? []).map((c) => (({ name, weight }) => entry(name, Number(weight)))(c as { name: string; weight: number }));
  wc?.done();
  const timeout = decodeDuration(a.get('timeout') ?? '15s')!;
  const retry = a.sub('retry_policy');
  const mirrors = a.list('request_mirror_policies');
  const hash = a.list('hash_policy');
  const rx = a.sub('regex_rewrite');
  const prefix = a.str('prefix_rewrite');
  const authority = a.str('host_rewrite_literal');
  const notFound = a.str('cluster_not_found_response_code');
  a.done();
  const mirror = mirrors[0] as { cluster: string; runtime_fraction?: { default_value?: { numerator?: number } } } | undefined;
  const pattern = rx?.sub('pattern')?.str('regex');
  const policy: RoutePolicy = {
    ...(timeout > 0 ? { timeoutMs: timeout } : {}),
    ...(retry ? { retry: decodeRetry(retry) } : {}),
    ...(mirror ? { mirror: { cluster: mirror.cluster, percent: mirror.runtime_fraction?.default_value?.numerator ?? 100 } } : {}),
    ...(hash.length > 0 ? { hash: decodeHash(hash[0], `${a.where}.hash_policy`) } : {}),
    ...(pattern !== undefined || prefix !== undefined || authority
      ? { rewrite: { ...(pattern !== undefined ? { regex: { pattern, substitution: rx!.str('substitution') ?? '' } } : {}), ...(prefix !== undefined ? { prefix } : {}), ...(authority ? { authority } : {}) } }
      : {}),
  };
  return {
    action: { kind: 'clusters', clusters, totalWeight: clusters.reduce((s, c) => s + c.weight, 0) },
    policy,
    clusterNotFoundStatus: notFound === 'INTERNAL_SERVER_ERROR' ? 500 : 503,
  };
}

function decodeCors(f: Fields): CorsPolicy {
  const out: CorsPolicy = {
    allowOrigins: f.list('allow_origin_string_match').map((o) => {
      const m = o as { exact?: string; safe_regex?: { regex: string } };
      return m.exact !== undefined ? { exact: m.exact } : { regex: m.safe_regex!.regex };
    }),
    allowMethods: f.str('allow_methods') ?? '',
    allowHeaders: f.str('allow_headers') ?? '',
    exposeHeaders: f.str('expose_headers') ?? '',
    allowCredentials: f.get('allow_credentials') === true,
    maxAge: f.str('max_age') ?? '',
  };
  f.ignore('@type').done();
  return out;
}

function decodeInternalRedirect(f: Fields, cluster: (routeName: string) => string): InternalRedirectPolicy {
  const matchers = f.sub('custom_response_matcher')?.sub('matcher_list')?.list('matchers') ?? [];
  const m = matchers[0] as { predicate: { single_predicate: { value_match: { safe_regex: { regex: string } } } }; on_match: { action: { typed_config: { request_headers_to_add?: { header: { key: string; value: string } }[] } } } };
  const codes = m.predicate.single_predicate.value_match.safe_regex.regex.split('|').map(Number);
  const headers = (m.on_match.action.typed_config.request_headers_to_add ?? []).map((h) => ({ name: h.header.key, value: h.header.value }));
  f.ignore('@type').done();
  return { codes, headers, cluster: cluster(headers.find((h) => h.name === 'x-envoy-route-name')?.value ?? '') };
}

function decodeFilterConfigs(v: unknown, where: string, redirectCluster: (routeName: string) => string): RoutePolicy {
  if (v === undefined) return {};
  const f = Fields.of(v, where);
  const cors = f.sub(FILTERS.cors);
  const rbac = f.sub(FILTERS.rbac);
  const rl = f.sub(FILTERS.localRateLimit);
  const cr = f.sub(FILTERS.customResponse);
  f.done();
  const out: { -readonly [K in keyof RoutePolicy]: RoutePolicy[K] } = {};
  if (cors) out.cors = decodeCors(cors);
  if (rbac) {
    const policies = (rbac.get('rbac') as { rules: { action: string; policies: Record<string, { principals: { direct_remote_ip?: { address_prefix: string; prefix_len: number } }[] }> } }).rules;
    if (policies.action !== 'ALLOW') throw new UnsupportedConfigError(`${where}.rbac`, 'only ALLOW rules on direct_remote_ip are modelled');
    rbac.ignore('@type').done();
    // a principal that is not a remote IP is the match-nothing one: it admits no range
    const ranges = Object.values(policies.policies).flatMap((p) => p.principals.flatMap((x) => (x.direct_remote_ip ? [{ addressPrefix: x.direct_remote_ip.address_prefix, prefixLen: x.direct_remote_ip.prefix_len }] : [])));
    out.ipAllow = { text: ranges.map((r) => `${r.addressPrefix}/${r.prefixLen}`).join(','), ranges };
  }
  if (rl) {
    const tb = rl.sub('token_bucket')!;
    out.rateLimit = { maxTokens: tb.num('max_tokens')!, tokensPerFill: tb.num('tokens_per_fill') ?? 1, fillIntervalMs: decodeDuration(tb.get('fill_interval'))! };
    tb.done();
    rl.ignore('@type', 'stat_prefix', 'filter_enabled', 'filter_enforced', 'response_headers_to_add').done();
  }
  if (cr) out.internalRedirect = decodeInternalRedirect(cr, redirectCluster);
  return out;
}

export interface RouteContext {
  /** The virtual host's names (empty: any host). */
  readonly hostnames: readonly string[];
  /** An aggregate cluster's members (primary first), or undefined for a plain cluster. */
  readonly fallbacks: (cluster: string) => readonly string[] | undefined;
  /** The cluster the hidden fallback route named `routeName` sends to. */
  readonly redirectCluster: (routeName: string) => string;
}

export function decodeRoute(v: unknown, where: string, ctx: RouteContext): RouteEntry {
  const r = Fields.of(v, where);
  const name = r.str('name') ?? '';
  const match = decodeRouteMatch(r.sub('match')!);
  const filterPolicy = { ...decodeFilterConfigs(r.get('typed_per_filter_config'), `${where}.typed_per_filter_config`, ctx.redirectCluster), ...decodeRouteHeaders(r) };
  const meta = (r.get('metadata') as { filter_metadata?: Record<string, { source?: RouteEntry['source']; invalid_backends?: string[] }> } | undefined)?.filter_metadata?.[METADATA];
  const direct = r.sub('direct_response');
  const redirect = r.sub('redirect');
  const route = r.sub('route');
  r.done();
  let action: RouteAction;
  let policy: RoutePolicy = filterPolicy;
  let clusterNotFoundStatus: 500 | 503 = 503;
  if (direct) {
    const body = direct.sub('body');
    action = { kind: 'direct', status: direct.num('status')!, body: body?.str('inline_string') ?? '' };
    body?.done();
    direct.done();
  } else if (redirect) action = decodeRedirect(redirect);
  else if (route) {
    const a = decodeRouteAction(route, ctx.fallbacks);
    const invalid = meta?.invalid_backends ?? [];
    let i = 0;
    action = a.action.kind === 'clusters' ? { ...a.action, clusters: a.action.clusters.map((c) => (c.host === null ? { ...c, invalidReason: invalid[i++] ?? 'unresolved backend' } : c)) } : a.action;
    policy = { ...a.policy, ...filterPolicy };
    clusterNotFoundStatus = a.clusterNotFoundStatus;
  } else throw new UnsupportedConfigError(where, 'a route without route, redirect or direct_response');
  return {
    name,
    hostnames: ctx.hostnames,
    ...match,
    action,
    clusterNotFoundStatus,
    ...(Object.keys(policy).length > 0 ? { policy } : {}),
    source: meta?.source ?? { file: '', document: 0 },
  };
}
