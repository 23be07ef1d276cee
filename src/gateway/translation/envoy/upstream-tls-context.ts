// The TLS an Envoy cluster originates towards its hosts, as Istio's cluster builder
// writes it for a DestinationRule's ClientTLSSettings (buildUpstreamTLSContext): SNI,
// ALPN h2 for HTTP/2, the client certificate and CA of MUTUAL from the Secrets istiod
// serves over SDS (inline here), and the profile's defaults for SIMPLE: Istio 1.19
// verifies nothing; Istio ≥ 1.21 verifies against the OS roots.
import type { HigressProfile } from '../../profiles.js';
import type { UpstreamProtocolPolicy } from '../../xds/upstream-protocol.js';
import { CA_SUFFIX, type SecretStore } from '../secrets.js';
import { TYPE, typed, type Json } from './json.js';

/** Where Debian (and most distributions) keep the OS CA bundle Istio's VERIFY_CERTIFICATE_AT_CLIENT uses. */
export const OS_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** SDS names Istio gives a credential and its CA. */
export const sdsName = (credential: string) => `kubernetes://${credential}`;

/**
 * A secret istiod cannot serve, as Envoy sees it: an SDS resource that never arrives.
 * After the initial fetch timeout the listener or cluster works without it, and every
 * TLS connection that needs it fails ("Secret is not supplied by SDS").
 */
export function unservedSecret(name: string, source: Json): Json {
  return { name, sds_config: { ...source, initial_fetch_timeout: '1s' } };
}

export function upstreamTransportSocket(policy: UpstreamProtocolPolicy | undefined, secrets: SecretStore, profile: HigressProfile, sdsSource: Json): Json | undefined {
  const tls = policy?.tls;
  if (!policy || !tls) return undefined;
  const modern = profile.upstreamTlsDefaults === 'verify-and-auto-sni';
  const alpn = policy.h2 ? { alpn_protocols: ['h2'] } : {};
  let common: Json;
  if (tls.mode === 'SIMPLE') {
    common = { ...alpn, ...(modern ? { validation_context: { trusted_ca: { filename: OS_CA_BUNDLE } } } : {}) };
  } else {
    const [ns, name] = tls.credential!.split('/') as [string, string];
    const pair = secrets.keyPair(ns, name);
    const ca = secrets.caCert(ns, name + CA_SUFFIX);
    common = {
      ...alpn,
      // a Secret istiod cannot serve: Envoy waits on SDS for it and every connection fails
      ...(pair.ok
        ? { tls_certificates: [{ certificate_chain: { inline_string: pair.value.cert }, private_key: { inline_string: pair.value.key } }] }
        : { tls_certificate_sds_secret_configs: [unservedSecret(sdsName(tls.credential!), sdsSource)] }),
      ...(ca.ok ? { validation_context: { trusted_ca: { inline_string: ca.value } } } : { validation_context_sds_secret_config: unservedSecret(sdsName(tls.credential! + CA_SUFFIX), sdsSource) }),
    };
  }
  return { name: 'envoy.transport_sockets.tls', typed_config: typed(TYPE.upstreamTls, { common_tls_context: common, ...(tls.sni ? { sni: tls.sni } : {}) }) };
}
