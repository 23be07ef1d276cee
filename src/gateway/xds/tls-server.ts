// An HTTPS server of the gateway's 443 listener as the control plane sets it up and
// the data plane serves it: the host it answers for (SNI), its certificate, the CA
// for mTLS, and the TLS versions and ciphers.

/** A key pair or a CA bundle, PEM; or why istiod could not serve it (SDS then never answers). */
export type CertLookup<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface TlsServer {
  /** Rule host, lower case; "*" for a rule without host (any SNI). */
  readonly host: string;
  /** namespace/name of the Secret (credentialName kubernetes-ingress://<cluster>/<ns>/<name>). */
  readonly secret: string;
  readonly mode: 'SIMPLE' | 'MUTUAL';
  /** TLS ≤1.2 suites (BoringSSL has no TLS 1.3 suite setting); undefined: Envoy's defaults. */
  readonly ciphers: readonly string[] | undefined;
  readonly minVersion: TlsVersion | undefined;
  readonly maxVersion: TlsVersion | undefined;
  /** What SDS can serve; an error means Envoy's filter chain is never ready and refuses handshakes. */
  readonly keyPair: CertLookup<KeyPair>;
  /** MUTUAL only: the CA from SDS `<secret>-cacert`. */
  readonly ca: CertLookup<string> | undefined;
}
