// proxy-ssl-without-tls: proxy-ssl-* annotations on an Ingress whose backend-protocol is
// not HTTPS or GRPCS. Higress drops every upstream TLS setting then, so the backend gets
// plain HTTP (seed 35 as the runbook writes it).
import type { Hit, Rule } from '../types.js';
import { annotations, annotationValue } from './manifest-parts.js';

const TLS_PROTOCOLS = new Set(['HTTPS', 'GRPCS']);

export const proxySslWithoutTls: Rule = {
  id: 'proxy-ssl-without-tls',
  severity: 'error',
  title: 'proxy-ssl-* without backend-protocol HTTPS: the backend gets plain HTTP',
  explanation:
    'Higress builds upstream TLS from proxy-ssl-secret, -name and -server-name, but a deferred step resets it whenever ' +
    'the backend protocol is HTTP, HTTP2 or GRPC (the default is HTTP): the client certificate, the SNI and TLS itself ' +
    'are all dropped, and the gateway speaks plain HTTP to the backend port (8443 in the runbook\'s example), which a ' +
    'TLS backend answers with a reset.',
  source: 'higress pkg/ingress/kube/annotations/upstreamtls.go L65-72 (v2.2.4); region-lab seed-behaviour-tls-auth.test "seed 35"',
  fix: 'Add backend-protocol: "HTTPS" (or "GRPCS" for gRPC) to the same Ingress.',
  checkManifest(m) {
    const ssl = annotations(m).filter((a) => a.prefix !== 'other' && a.name.startsWith('proxy-ssl-'));
    if (ssl.length === 0) return [];
    const protocol = annotationValue(m, 'backend-protocol')?.value.trim().toUpperCase() ?? 'HTTP';
    if (TLS_PROTOCOLS.has(protocol)) return [];
    return ssl.map((a): Hit => ({ path: a.path, message: `${a.key} is dropped: backend-protocol is ${protocol}, so Higress sends plain HTTP to the backend with no TLS at all` }));
  },
};
