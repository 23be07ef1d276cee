// How a cluster talks to its hosts, as Istio's DestinationRule writes it onto the
// Envoy cluster: HTTP/2 (http2_protocol_options) and the client TLS settings.

/** Istio ClientTLSSettings as Higress writes it. */
export interface UpstreamTlsPolicy {
  readonly mode: 'SIMPLE' | 'MUTUAL';
  /** MUTUAL: namespace/name of the client-certificate Secret (credentialName). */
  readonly credential: string | undefined;
  /** Set only when proxy-ssl-server-name is "on" and proxy-ssl-name is not empty. */
  readonly sni: string | undefined;
}

export interface UpstreamProtocolPolicy {
  /** HTTP2, HTTPS, GRPC or GRPCS, as read. */
  readonly protocol: string;
  /** h2UpgradePolicy UPGRADE ⇒ Envoy http2_protocol_options (h2c, or h2 over TLS with ALPN h2). */
  readonly h2: boolean;
  readonly tls: UpstreamTlsPolicy | undefined;
}
