// How the gateway talks to a cluster's hosts, from its upstream policy, the
// Secrets istiod serves over SDS and the profile's Istio defaults: HTTP/1.1 or
// HTTP/2, cleartext or TLS (SNI, client certificate, server verification), and
// Envoy's wording for a failed TLS handshake.
import { checkServerIdentity, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { HigressProfile } from '../../../profiles.js';
import { CA_SUFFIX, type SecretStore } from '../../../translation/secrets.js';
import type { UpstreamProtocolPolicy } from '../../../xds/upstream-protocol.js';

export interface UpstreamTransport {
  readonly h2: boolean;
  /** Absent: cleartext. `notReady`: an SDS secret is missing, so every connection fails. */
  readonly tls?: UpstreamTlsOptions | { readonly notReady: string };
}

export interface UpstreamTlsOptions {
  /** Static options: client certificate, CA, verification, ALPN. */
  readonly options: ConnectionOptions;
  /** Istio's SNI (DR sni); undefined: none, or auto_sni. */
  readonly sni: string | undefined;
  /** Envoy auto_sni: SNI = the upstream request's Host (Istio ≥ 1.21 when no sni is set). */
  readonly autoSni: boolean;
  /** Envoy auto_san_validation: the certificate must match the request's Host. */
  readonly autoSan: boolean;
}

export const PLAIN_HTTP1: UpstreamTransport = { h2: false };

/** Envoy NotReadySslSocket's failure reason. */
export const SDS_NOT_READY = 'TLS error: Secret is not supplied by SDS';

/**
 * Istio cluster_builder.go buildUpstreamTLSContext for the gateway: SIMPLE without a
 * CA verifies nothing on Istio 1.19; Istio ≥ 1.21 turns on VERIFY_CERTIFICATE_AT_CLIENT
 * (OS roots) and ENABLE_AUTO_SNI. MUTUAL takes the key pair from the credential and
 * the CA from `<credential>-cacert` (insecureSkipVerify is false or unset).
 */
export function resolveTransport(policy: UpstreamProtocolPolicy | undefined, secrets: SecretStore, profile: HigressProfile): UpstreamTransport {
  if (!policy) return PLAIN_HTTP1;
  const tls = policy.tls;
  if (!tls) return { h2: policy.h2 };
  const modern = profile.upstreamTlsDefaults === 'verify-and-auto-sni';
  const base: ConnectionOptions = policy.h2 ? { ALPNProtocols: ['h2'] } : {};
  const shared = { sni: tls.sni, autoSni: modern && !tls.sni, autoSan: modern };
  if (tls.mode === 'SIMPLE') {
    // Istio 1.19: empty validation context; ≥1.21: the OS CA bundle (Node's default store)
    return { h2: policy.h2, tls: { options: { ...base, rejectUnauthorized: modern }, ...shared } };
  }
  const [ns, name] = tls.credential!.split('/') as [string, string];
  const pair = secrets.keyPair(ns, name);
  const ca = secrets.caCert(ns, name + CA_SUFFIX);
  if (!pair.ok || !ca.ok) return { h2: policy.h2, tls: { notReady: SDS_NOT_READY } };
  return { h2: policy.h2, tls: { options: { ...base, cert: pair.value.cert, key: pair.value.key, ca: ca.value, rejectUnauthorized: true }, ...shared } };
}

/** Per-request TLS options: SNI and the identity check, which may follow the Host header. */
export function requestTlsOptions(t: UpstreamTlsOptions, hostHeader: string | undefined): ConnectionOptions {
  const host = (hostHeader ?? '').replace(/:\d+$/, '');
  const servername = t.sni ?? (t.autoSni && host && !isIP(host) ? host : undefined);
  return {
    ...t.options,
    // '' stops Node's agent from deriving SNI from the Host header (Envoy sends none unless told)
    servername: servername ?? '',
    // Node checks the servername by default; Envoy checks SANs only under auto_san_validation
    checkServerIdentity: (_name: string, cert: PeerCertificate) => (t.autoSan ? checkServerIdentity(host, cert) : undefined),
  };
}

const VERIFY_FAILED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED',
]);

/**
 * SslSocket::drainErrorQueue in the new format (TLS_error:|<code>:<lib>:<func>:<reason>:TLS_error_end);
 * BoringSSL codes for the two failures a gateway meets most; other reasons unnumbered [I].
 */
export function tlsFailureReason(err: NodeJS.ErrnoException): string | undefined {
  let code = err.code ?? '';
  // Node reports some handshake failures as EPROTO with OpenSSL's reason text
  const reason = (err as { reason?: string }).reason ?? /SSL routines:[^:]*:([^:]+):/.exec(err.message)?.[1];
  if (code === 'EPROTO' && reason) code = `ERR_SSL_${reason.toUpperCase().replaceAll(' ', '_')}`;
  if (VERIFY_FAILED.has(code)) return 'TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end';
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') return 'TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end';
  if (code.startsWith('ERR_SSL_')) return `TLS_error:|SSL routines:OPENSSL_internal:${code.slice(8)}:TLS_error_end`;
  return undefined;
}
