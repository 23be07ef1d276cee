// Higress version profiles: the behaviours that differ between Higress 2.1.x and
// 2.2.x, as data. Every rule here is pinned in docs/fidelity.md with its source.

export type HigressProfileName = '2.1' | '2.2';

/** What a cluster does when its Nacos service's instance list becomes empty. */
export type EmptyInstancesBehaviour = 'keep-stale' | 'delete-cluster';

export interface HigressProfile {
  readonly name: HigressProfileName;
  /** Versions the profile stands for, for reports. */
  readonly versions: string;
  readonly istio: string;
  readonly envoy: string;
  /** HTTPRoute backendRef `group: networking.higress.io` resolves to the Nacos host (else the backend is invalid → 500). */
  readonly gatewayApiNacosBackend: boolean;
  /** Istio's default retry policy lists 503 in retriable_status_codes. */
  readonly defaultRetry503: boolean;
  /** Default retry carries the Higress idempotency guard (POST|PATCH|LOCK never retried). */
  readonly retryIdempotentOnly: boolean;
  /** Nacos instance weight becomes the endpoint's LB weight (round, ≤0 → 1); otherwise all 1. */
  readonly nacosInstanceWeight: boolean;
  /** Empty push: nacos-sdk-go with updateCacheWhenEmpty=false drops it, so endpoints stay stale. */
  readonly emptyInstances: EmptyInstancesBehaviour;
  /** How Envoy prints the connect errno in "delayed connect error: …". */
  readonly connectErrorStyle: 'errno' | 'strerror';
  /** Istio ≥1.27 DefaultConsistentHashPolicy: no previous_hosts predicate on consistent-hash destinations. */
  readonly consistentHashDropsPreviousHosts: boolean;
  /** Higress global.enableGatewayAPI default (false ≤2.1.x, true from 2.2.0). */
  readonly gatewayApiEnabledByDefault: boolean;
  /** Upstream TLS origination: Istio 1.19 verifies nothing without a CA; ≥1.21 VERIFY_CERTIFICATE_AT_CLIENT + ENABLE_AUTO_SNI. */
  readonly upstreamTlsDefaults: 'none' | 'verify-and-auto-sni';
  /** The McpBridge CRD has registries[].nacosTimeout (added in 2.2; the 2.1 CRD refuses it). */
  readonly mcpBridgeNacosTimeout: boolean;
  /** A registry endpoint's locality from its `istio-locality` label (Istio ≥ 1.20); Istio 1.19 reads none. */
  readonly localityFromLabel: boolean;
  /**
   * A request to an exact host that none of its routes match falls back to the routes of
   * the wildcard host covering it (Higress 2.2, e2e HTTPRouteExactDomainFallback); on 2.1
   * the exact host's virtual host answers 404, as Envoy does.
   */
  readonly exactDomainFallback: boolean;
  /**
   * The Envoy the profile's Higress ships: 1.27 ejects a host while fewer than
   * max_ejection_percent are ejected (the first always) and refills the rate-limit bucket
   * on a timer; 1.28+ caps from the first ejection and refills continuously.
   */
  readonly envoyMinor: '1.27' | '1.36';
}

const PROFILES: Readonly<Record<HigressProfileName, HigressProfile>> = {
  '2.1': {
    name: '2.1',
    versions: 'Higress 2.1.0–2.1.11',
    istio: 'higress-group/istio istio-1.19',
    envoy: 'higress-group/envoy envoy-1.27',
    gatewayApiNacosBackend: true,
    defaultRetry503: true,
    retryIdempotentOnly: true,
    nacosInstanceWeight: false,
    emptyInstances: 'keep-stale',
    connectErrorStyle: 'errno',
    consistentHashDropsPreviousHosts: false,
    gatewayApiEnabledByDefault: false,
    upstreamTlsDefaults: 'none',
    mcpBridgeNacosTimeout: false,
    localityFromLabel: false,
    exactDomainFallback: false,
    envoyMinor: '1.27',
  },
  '2.2': {
    name: '2.2',
    versions: 'Higress 2.2.0–2.2.4',
    istio: 'higress-group/istio istio-1.27',
    envoy: 'higress-group/envoy envoy-1.36',
    gatewayApiNacosBackend: false,
    defaultRetry503: false,
    // the fork keeps its "Add by ingress" patches: 2.2.4 still emits non_idempotent (annotations/retry.go)
    retryIdempotentOnly: true,
    nacosInstanceWeight: true,
    // PR #4596 (updateCacheWhenEmpty) is after v2.2.4
    emptyInstances: 'keep-stale',
    connectErrorStyle: 'strerror',
    consistentHashDropsPreviousHosts: true,
    gatewayApiEnabledByDefault: true,
    // v2.2.2 alone set insecureSkipVerify on SIMPLE (#3770, reverted by #4016 before v2.2.3)
    upstreamTlsDefaults: 'verify-and-auto-sni',
    mcpBridgeNacosTimeout: true,
    localityFromLabel: true,
    exactDomainFallback: true,
    envoyMinor: '1.36',
  },
};

export function profileFor(name: HigressProfileName): HigressProfile {
  return PROFILES[name];
}

/** One line per behaviour, for summaries and reports ("verdicts are on Higress X"). */
export function describeProfile(p: HigressProfile): { name: string; versions: string; behaviours: Record<string, string> } {
  return {
    name: `Higress ${p.name}`,
    versions: p.versions,
    behaviours: {
      base: `${p.istio}, ${p.envoy}`,
      'HTTPRoute → Nacos backend': p.gatewayApiNacosBackend ? 'routed to the Nacos service' : 'rejected by the Gateway API conversion: 500',
      'default retry': `2 retries on connect-failure,refused-stream,unavailable,cancelled${p.defaultRetry503 ? ',503' : ''}${p.retryIdempotentOnly ? '; POST/PATCH/LOCK never retried' : ''}`,
      'Nacos instance weight': p.nacosInstanceWeight ? 'endpoint LB weight round(w), ≤0 → 1' : 'ignored (all endpoints weight 1)',
      'empty instance list': p.emptyInstances === 'keep-stale' ? 'last non-empty endpoints kept (stale)' : 'cluster deleted',
      'load balancing': 'LEAST_REQUEST (P2C; weighted when weights differ) unless an annotation or DestinationRule sets one',
      'consistent hash retries': p.consistentHashDropsPreviousHosts ? 'no previous_hosts predicate (a retry may hit the same host)' : 'previous_hosts predicate kept',
      'Gateway API': p.gatewayApiEnabledByDefault ? 'enabled by default' : 'disabled by default (global.enableGatewayAPI)',
      'upstream TLS (backend-protocol HTTPS)': p.upstreamTlsDefaults === 'none' ? 'no SNI unless proxy-ssl-server-name on; server certificate not verified' : 'SNI = Host unless proxy-ssl-name; server certificate verified (OS roots) against the Host',
      'route timeout': 'none (Istio writes 0s) unless higress.io/timeout',
      'outlier detection / health check': 'none unless a DestinationRule / EnvoyFilter sets them (then panic threshold 0)',
      'endpoint locality': p.localityFromLabel ? 'from the istio-locality label of the registry instance' : 'none for registry endpoints (Istio 1.19 reads no label)',
      'outlier max_ejection_percent': p.envoyMinor === '1.27' ? 'the first ejection ignores it (Envoy 1.27)' : 'respected from the first ejection (Envoy ≥ 1.28)',
      'exact host without a matching route': p.exactDomainFallback ? 'falls back to the wildcard host\'s routes' : '404 (the exact host\'s virtual host only)',
      'local rate limit refill': p.envoyMinor === '1.27' ? 'tokens_per_fill every fill_interval (timer)' : 'continuous (Envoy ≥ 1.31)',
    },
  };
}
