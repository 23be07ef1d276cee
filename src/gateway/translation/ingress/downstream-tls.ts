// The gateway's HTTPS servers as Higress builds them from Ingresses
// (ingressv1/controller.go ConvertGateway + annotations/downstreamtls.go): one
// server per rule host that a spec.tls entry lists (no host, and a tls entry
// without hosts, both mean "*"), its certificate from the
// Secret over SDS, one-way TLS unless auth-tls-secret names that Secret (or its
// "-cacert" twin), ssl-cipher / tls-*-protocol-version applied per host.
import { Annotations } from './annotations.js';
import type { IngressInput, IngressIssue } from './ingress-types.js';
import { CA_SUFFIX, type SecretStore } from '../secrets.js';
import type { TlsServer, TlsVersion } from '../../xds/tls-server.js';

export type { TlsServer, TlsVersion } from '../../xds/tls-server.js';

/** Istio pkg/config/security ValidCipherSuites. */
const VALID_CIPHERS = new Set([
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA', 'ECDHE-RSA-AES256-SHA', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA',
]);

/** IsValidCipherSuite: "", ALL and operator entries (!x, +x, -x) pass, as Istio lets them through. */
export function isValidCipherSuite(c: string): boolean {
  return c === '' || c === 'ALL' || !/^[\p{L}\p{N}]/u.test(c) || VALID_CIPHERS.has(c);
}

const VERSIONS: Readonly<Record<string, TlsVersion>> = { 'TLSv1.0': 'TLSv1', 'TLSv1.1': 'TLSv1.1', 'TLSv1.2': 'TLSv1.2', 'TLSv1.3': 'TLSv1.3' };

export interface DownstreamTlsConfig {
  readonly caSecret?: { readonly namespace: string; readonly name: string };
  readonly ciphers?: readonly string[];
  readonly minVersion?: string;
  readonly maxVersion?: string;
  /** Parse-time complaints Higress logs (IngressLog.Errorf). */
  readonly problems: readonly string[];
}

/** downstreamTLS.Parse: undefined unless one of its four annotations is present (both prefixes). */
export function parseDownstreamTls(raw: Readonly<Record<string, string>>, namespace: string): DownstreamTlsConfig | undefined {
  const a = new Annotations(raw);
  if (!['ssl-cipher', 'auth-tls-secret', 'tls-min-protocol-version', 'tls-max-protocol-version'].some((k) => a.hasAsap(k))) return undefined;
  const problems: string[] = [];
  let caSecret: DownstreamTlsConfig['caSecret'];
  const ca = a.asap('auth-tls-secret');
  if (ca !== undefined) {
    const [ns, name] = ca.includes('/') ? ca.split('/', 2) : [namespace, ca];
    if (!name) problems.push(`auth-tls-secret "${ca}" is not [namespace/]name: ignored`);
    else caSecret = { namespace: ns || namespace, name };
  }
  const cipherText = a.asap('ssl-cipher');
  const ciphers = cipherText?.split(':').filter((c) => isValidCipherSuite(c) || void problems.push(`ssl-cipher: "${c}" is not a cipher suite Istio accepts: dropped (the list is colon-separated)`));
  const minVersion = a.asap('tls-min-protocol-version');
  const maxVersion = a.asap('tls-max-protocol-version');
  return { problems, ...(caSecret ? { caSecret } : {}), ...(ciphers ? { ciphers } : {}), ...(minVersion ? { minVersion } : {}), ...(maxVersion ? { maxVersion } : {}) };
}

interface HostGateway {
  /** The Ingress whose annotations the host's gateway carries (the first, or the first with TLS annotations). */
  tls: DownstreamTlsConfig | undefined;
  server?: { ingress: string; namespace: string; secretName: string; source: IngressInput['source'] };
}

/** ConvertGateway over the Ingresses Higress processes (class matched, not canary), in order. */
export function tlsServersFrom(ingresses: readonly IngressInput[], secrets: SecretStore): { servers: TlsServer[]; issues: IngressIssue[] } {
  const issues: IngressIssue[] = [];
  const hosts = new Map<string, HostGateway>();
  for (const { doc, source } of ingresses) {
    const ns = doc.metadata.namespace ?? 'default';
    const id = `${ns}/${doc.metadata.name}`;
    const issue = (reason: string) => issues.push({ ...source, name: id, reason });
    const tls = parseDownstreamTls(doc.metadata.annotations ?? {}, ns);
    for (const p of tls?.problems ?? []) issue(p);
    for (const rule of doc.spec.rules ?? []) {
      const host = rule.host || '*';
      let gw = hosts.get(host);
      if (!gw) hosts.set(host, (gw = { tls }));
      else gw.tls ??= tls; // "Fallback to get downstream tls from current ingress"
      // normalizeIngress: a tls entry without hosts is for "*", as is a rule without host,
      // so such an entry serves that rule (a filter chain without server_names: clients without SNI too)
      const entry = (doc.spec.tls ?? []).find((t) => (t.hosts && t.hosts.length > 0 ? t.hosts : ['*']).includes(host));
      if (!entry?.secretName) continue; // no spec.tls for this host: HTTP only
      if (gw.server) {
        issue(`spec.tls for ${host}: the host already has an HTTPS server from Ingress ${gw.server.ingress} (DuplicatedTls): not programmed`);
        continue;
      }
      gw.server = { ingress: id, namespace: ns, secretName: entry.secretName, source };
    }
  }
  const servers: TlsServer[] = [];
  for (const [host, gw] of hosts) if (gw.server) servers.push(buildServer(host, gw.server, gw.tls, secrets, (reason) => issues.push({ ...gw.server!.source, name: gw.server!.ingress, reason })));
  return { servers, issues };
}

function buildServer(host: string, s: NonNullable<HostGateway['server']>, tls: DownstreamTlsConfig | undefined, secrets: SecretStore, issue: (r: string) => void): TlsServer {
  const secret = `${s.namespace}/${s.secretName}`;
  let mode: TlsServer['mode'] = 'SIMPLE';
  const ca = tls?.caSecret;
  if (ca) {
    if (ca.namespace === s.namespace && (ca.name === s.secretName || ca.name === s.secretName + CA_SUFFIX)) mode = 'MUTUAL';
    else issue(`auth-tls-secret ${ca.namespace}/${ca.name} is invalid for ${host} ("CA secret is invalid"): it must be ${secret} or ${secret}${CA_SUFFIX}; the server stays one-way TLS`);
  }
  const version = (v: string | undefined, which: string) => {
    if (v === undefined) return undefined;
    if (!VERSIONS[v]) issue(`tls-${which}-protocol-version "${v}" is invalid (TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3): ignored`);
    return VERSIONS[v];
  };
  const keyPair = secrets.keyPair(s.namespace, s.secretName);
  if (!keyPair.ok) issue(`HTTPS for ${host}: istiod cannot serve the certificate of ${secret} (${keyPair.error}): Envoy refuses every TLS handshake for this host; create a Secret ${secret} with tls.crt and tls.key`);
  const caCert = mode === 'MUTUAL' ? secrets.caCert(s.namespace, s.secretName + CA_SUFFIX) : undefined;
  if (caCert && !caCert.ok) issue(`mTLS for ${host}: istiod cannot serve the CA ${secret}${CA_SUFFIX} (${caCert.error}): Envoy refuses every TLS handshake for this host; put the CA in ca.crt of ${secret}${CA_SUFFIX} or of ${secret}`);
  return {
    host: host.toLowerCase(), secret, mode,
    ciphers: tls?.ciphers && tls.ciphers.length > 0 ? tls.ciphers : undefined,
    minVersion: version(tls?.minVersion, 'min'), maxVersion: version(tls?.maxVersion, 'max'),
    keyPair, ca: caCert,
  };
}
