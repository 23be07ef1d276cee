// What Higress does with each Ingress annotation name (facts B, read in higress
// pkg/ingress/kube/annotations/*.go): read under both prefixes, only under higress.io/,
// or not at all (with the supported replacement).

/** Parsed under nginx.ingress.kubernetes.io/ first, else higress.io/ (parser.go *ASAP). */
export const BOTH_PREFIXES: ReadonlySet<string> = new Set([
  'canary', 'canary-by-header', 'canary-by-header-value', 'canary-by-header-pattern', 'canary-by-cookie', 'canary-weight', 'canary-weight-total',
  'rewrite-target', 'use-regex', 'upstream-vhost', 'ssl-redirect', 'force-ssl-redirect', 'permanent-redirect', 'permanent-redirect-code',
  'temporal-redirect', 'app-root', 'enable-cors', 'cors-allow-origin', 'cors-allow-methods', 'cors-allow-headers', 'cors-expose-headers',
  'cors-allow-credentials', 'cors-max-age', 'proxy-next-upstream', 'proxy-next-upstream-tries', 'proxy-next-upstream-timeout',
  'backend-protocol', 'proxy-ssl-secret', 'proxy-ssl-verify', 'proxy-ssl-name', 'proxy-ssl-server-name', 'auth-tls-secret', 'ssl-cipher',
  'tls-min-protocol-version', 'tls-max-protocol-version', 'load-balance', 'upstream-hash-by', 'affinity', 'affinity-mode',
  'session-cookie-name', 'session-cookie-path', 'session-cookie-max-age', 'session-cookie-expires', 'whitelist-source-range',
  'default-backend', 'custom-http-errors', 'mirror-target-service', 'mirror-percentage', 'mirror-target-fqdn', 'mirror-target-fqdn-port',
  'ignore-path-case',
]);

/** Parsed only under higress.io/ (parser.go *ForHigress); under the nginx prefix they are ignored. */
const HIGRESS_ONLY_NAMES = [
  'timeout', 'route-limit-rpm', 'route-limit-rps', 'route-limit-burst-multiplier', 'rewrite-path', 'full-path-regex', 'destination',
  'request-header-control-add', 'request-header-control-update', 'request-header-control-remove',
  'response-header-control-add', 'response-header-control-update', 'response-header-control-remove', 'match-method',
];
const HIGRESS_ONLY_PATTERN = /^(exact|regex|prefix)-match-(header|query|pseudo-header)-.+$/;

export function isHigressOnly(name: string): boolean {
  return HIGRESS_ONLY_NAMES.includes(name) || HIGRESS_ONLY_PATTERN.test(name);
}

/** Basic auth: parsed until 1.x, removed in 2.0.0 (auth.go only logs an error). */
export const BASIC_AUTH: ReadonlySet<string> = new Set(['auth-type', 'auth-secret', 'auth-secret-type', 'auth-realm']);

/** nginx names Higress has no parser for, with what to use instead. */
export const UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ['limit-rps', 'higress.io/route-limit-rps'],
  ['limit-rpm', 'higress.io/route-limit-rpm'],
  ['limit-connections', 'no equivalent annotation; use a Higress plugin'],
  ['limit-burst-multiplier', 'higress.io/route-limit-burst-multiplier'],
  ['proxy-connect-timeout', 'higress.io/timeout (whole-request timeout, seconds)'],
  ['proxy-read-timeout', 'higress.io/timeout (whole-request timeout, seconds)'],
  ['proxy-send-timeout', 'higress.io/timeout (whole-request timeout, seconds)'],
  ['proxy-body-size', 'no annotation; use the request-block or a Wasm plugin'],
  ['configuration-snippet', 'no snippets in Higress; use a Wasm plugin or an EnvoyFilter'],
  ['server-snippet', 'no snippets in Higress; use a Wasm plugin or an EnvoyFilter'],
  ['denylist-source-range', 'whitelist-source-range (allow-list) or the ip-restriction plugin'],
  ['mirror-target', 'higress.io/mirror-target-service'],
  ['auth-url', 'the ext-auth plugin'],
  ['auth-signin', 'the ext-auth plugin'],
  ['service-upstream', 'nothing: Higress always routes to endpoints'],
  ['x-forwarded-prefix', 'request-header-control-add'],
  ['ssl-passthrough', 'nothing in Ingress annotations'],
  ['custom-headers', 'higress.io/request-header-control-add'],
  ['enable-access-log', 'the gateway access log settings'],
  ['session-cookie-samesite', 'nothing: Higress cookie affinity sets no SameSite'],
]);
