// proxy-ssl-without-tls: proxy-ssl-* annotations on an Ingress whose backend-protocol is
// not HTTPS or GRPCS. Higress drops every upstream TLS setting then, so the backend gets
// plain HTTP (seed 35 as the runbook writes it). The rule asks the gateway model's own
// parser (gateway/upstream-tls.ts), so lint and model cannot disagree.
import { parseUpstreamTls } from '../../gateway/translation/ingress/upstream-tls.js';
import type { Rule } from '../types.js';
import { annotations } from './manifest-parts.js';

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
    const all = annotations(m);
    const note = parseUpstreamTls(Object.fromEntries(all.map((a) => [a.key, a.value])), m.namespace)?.note;
    const first = all.find((a) => a.prefix !== 'other' && a.name.startsWith('proxy-ssl-'));
    // the note names every dropped annotation: one finding, at the first of them
    return note && first ? [{ path: first.path, message: `the backend gets plain HTTP: ${note}` }] : [];
  },
};
