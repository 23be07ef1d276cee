// The gateway's listeners as Istio writes them for Higress: port 80 with one HTTP
// connection manager (routes over RDS; Higress's filters CORS, RBAC, local rate
// limit and the custom-response stand-in before the router), and, when Ingresses
// carry spec.tls, port 443 with one filter chain per host picked by SNI, each with
// its certificate (and CA for mTLS) and a route configuration of its own.
import type { TlsServer, TlsVersion } from '../../xds/tls-server.js';
import { duration, FILTER, socketAddress, TYPE, typed, type Json } from './json.js';
import { sdsName, unservedSecret } from './upstream-tls-context.js';

/** Higress downstream.idleTimeout (configmap/global.go). */
export const DOWNSTREAM_IDLE_TIMEOUT_MS = 180_000;

export const HTTP_ROUTE_CONFIG = 'http.80';
export const httpsRouteConfig = (host: string) => `https.443.${host}`;

export interface HcmOptions {
  readonly statPrefix: string;
  readonly routeConfigName: string;
  /** The RDS config source for that route configuration. */
  readonly rdsConfig: Json;
  /** @default none */
  readonly accessLog?: readonly Json[];
}

function hcm(o: HcmOptions): Json {
  return {
    name: FILTER.hcm,
    typed_config: typed(TYPE.hcm, {
      stat_prefix: o.statPrefix,
      rds: { route_config_name: o.routeConfigName, config_source: o.rdsConfig },
      http_filters: [
        { name: FILTER.cors, typed_config: typed(TYPE.cors, {}) },
        // no rules at the listener: only a route's RBACPerRoute (whitelist-source-range) denies
        { name: FILTER.rbac, typed_config: typed(TYPE.rbac, {}) },
        // no bucket at the listener: only a route's token bucket limits
        { name: FILTER.localRateLimit, typed_config: typed(TYPE.localRateLimit, { stat_prefix: 'http_local_rate_limiter' }) },
        { name: FILTER.customResponse, typed_config: typed(TYPE.customResponse, {}) },
        { name: FILTER.router, typed_config: typed(TYPE.router, {}) },
      ],
      // Istio gateways: the peer is the client, x-forwarded-for gets it, x-request-id is generated
      use_remote_address: true,
      server_name: 'istio-envoy',
      normalize_path: true,
      path_with_escaped_slashes_action: 'KEEP_UNCHANGED',
      common_http_protocol_options: { idle_timeout: duration(DOWNSTREAM_IDLE_TIMEOUT_MS) },
      upgrade_configs: [{ upgrade_type: 'websocket' }],
      ...(o.accessLog && o.accessLog.length > 0 ? { access_log: [...o.accessLog] } : {}),
    }),
  };
}

export interface HttpListenerOptions {
  readonly address: string;
  readonly rdsConfig: Json;
  readonly accessLog?: readonly Json[];
}

export function emitHttpListener(o: HttpListenerOptions): Json {
  return {
    name: `http_${o.address}`,
    address: socketAddress(o.address),
    filter_chains: [{ filters: [hcm({ statPrefix: 'outbound_http', routeConfigName: HTTP_ROUTE_CONFIG, rdsConfig: o.rdsConfig, ...(o.accessLog ? { accessLog: o.accessLog } : {}) })] }],
  };
}

const VERSION: Readonly<Record<TlsVersion, string>> = { TLSv1: 'TLSv1_0', 'TLSv1.1': 'TLSv1_1', 'TLSv1.2': 'TLSv1_2', 'TLSv1.3': 'TLSv1_3' };

function downstreamTls(s: TlsServer, sdsSource: Json): Json {
  const certificate = s.keyPair.ok
    ? { tls_certificates: [{ certificate_chain: { inline_string: s.keyPair.value.cert }, private_key: { inline_string: s.keyPair.value.key } }] }
    : { tls_certificate_sds_secret_configs: [unservedSecret(sdsName(s.secret), sdsSource)] };
  const ca = s.mode === 'MUTUAL' ? (s.ca?.ok ? { validation_context: { trusted_ca: { inline_string: s.ca.value } } } : { validation_context_sds_secret_config: unservedSecret(sdsName(`${s.secret}-cacert`), sdsSource) }) : {};
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: typed(TYPE.downstreamTls, {
      common_tls_context: {
        tls_params: {
          tls_minimum_protocol_version: VERSION[s.minVersion ?? 'TLSv1.2'],
          tls_maximum_protocol_version: VERSION[s.maxVersion ?? 'TLSv1.3'],
          ...(s.ciphers ? { cipher_suites: [...s.ciphers] } : {}),
        },
        alpn_protocols: ['h2', 'http/1.1'],
        ...certificate,
        ...ca,
      },
      ...(s.mode === 'MUTUAL' ? { require_client_certificate: true } : {}),
    }),
  };
}

export interface HttpsListenerOptions {
  readonly address: string;
  readonly servers: readonly TlsServer[];
  readonly rdsConfig: (routeConfigName: string) => Json;
  /** Where a secret istiod cannot serve would come from (a source that never has it). */
  readonly sdsConfig: Json;
  readonly accessLog?: readonly Json[];
}

export function emitHttpsListener(o: HttpsListenerOptions): Json {
  return {
    name: `https_${o.address}`,
    address: socketAddress(o.address),
    listener_filters: [{ name: FILTER.tlsInspector, typed_config: typed(TYPE.tlsInspector, {}) }],
    filter_chains: o.servers.map((s) => ({
      ...(s.host === '*' ? {} : { filter_chain_match: { server_names: [s.host] } }),
      transport_socket: downstreamTls(s, o.sdsConfig),
      filters: [hcm({ statPrefix: `outbound_https_${s.host}`, routeConfigName: httpsRouteConfig(s.host), rdsConfig: o.rdsConfig(httpsRouteConfig(s.host)), ...(o.accessLog ? { accessLog: o.accessLog } : {}) })],
    })),
  };
}
