// A TLS case's certificates for one run: a fresh CA, the Secrets the case names (server
// key pairs for their hosts, or the CA as ca.crt) added to its manifests, and what a
// TLS request presents (the CA it trusts, a client certificate when it asks for one).
import { join } from 'node:path';
import { createCasePki, secretManifest } from './pki.js';
import type { ConformanceCase, Manifest, RequestEntry } from './schema.js';
import type { ClientTls } from './send.js';

export interface CaseCertificates {
  /** Secret objects to apply with the case's manifests. */
  readonly secrets: readonly Manifest[];
  /** The client side of a TLS request; undefined for plain HTTP. */
  clientTls(request: RequestEntry['request']): ClientTls | undefined;
}

export function prepareCertificates(c: ConformanceCase, workDir: string): CaseCertificates {
  if (c.certificates.length === 0) return { secrets: [], clientTls: () => undefined };
  const pki = createCasePki(join(workDir, 'pki'));
  const secrets = c.certificates.map((spec) => {
    if ('ca' in spec) return secretManifest(spec.namespace, spec.secret, { 'ca.crt': pki.ca.cert }, 'Opaque');
    const pair = pki.issue(spec.hosts, 'server');
    return secretManifest(spec.namespace, spec.secret, { 'tls.crt': pair.cert, 'tls.key': pair.key }, 'kubernetes.io/tls');
  });
  let client: ReturnType<typeof pki.issue> | undefined;
  return {
    secrets,
    clientTls(r) {
      if (!r.tls) return undefined;
      if (r.tls.clientCertificate) client ??= pki.issue(['conformance-client'], 'client');
      return {
        ca: pki.ca.cert,
        ...(r.tls.sni ? { sni: r.tls.sni } : {}),
        ...(r.tls.minVersion ? { minVersion: r.tls.minVersion } : {}),
        ...(r.tls.maxVersion ? { maxVersion: r.tls.maxVersion } : {}),
        ...(r.tls.ciphers ? { ciphers: r.tls.ciphers } : {}),
        ...(r.tls.clientCertificate && client ? { clientCertificate: client } : {}),
      };
    },
  };
}
