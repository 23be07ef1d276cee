// Service-scoped upstream protocol annotations (annotations/upstreamtls.go):
// backend-protocol and proxy-ssl-* become the DestinationRule's connectionPool
// h2UpgradePolicy and ClientTLSSettings. With backend-protocol HTTP (or unset)
// Higress drops the whole config, proxy-ssl-* included.
import { Annotations } from './annotations.js';
import type { UpstreamProtocolPolicy, UpstreamTlsPolicy } from '../../xds/upstream-protocol.js';

const PROTOCOLS = /^(HTTP|HTTP2|HTTPS|GRPC|GRPCS)$/;

/** The policy, or why the annotations do nothing (undefined when none of them is present). */
export function parseUpstreamTls(raw: Readonly<Record<string, string>>, namespace: string): { policy?: UpstreamProtocolPolicy; note?: string } | undefined {
  const a = new Annotations(raw);
  if (!a.hasAsap('backend-protocol') && !a.hasAsap('proxy-ssl-secret')) return undefined;
  const wanted = (a.asap('backend-protocol') ?? '').trim().toUpperCase();
  const protocol = PROTOCOLS.test(wanted) ? wanted : 'HTTP';
  if (protocol === 'HTTP') {
    const ssl = ['proxy-ssl-secret', 'proxy-ssl-name', 'proxy-ssl-server-name', 'proxy-ssl-verify'].filter((k) => a.hasAsap(k));
    return ssl.length === 0 ? {} : { note: `${ssl.join(', ')} ignored: backend-protocol is ${wanted || 'unset'} (HTTP), and Higress writes no upstream TLS for HTTP (upstreamtls.go sets UpstreamTLS to nil); add backend-protocol: HTTPS` };
  }
  const enableSni = a.asap('proxy-ssl-server-name') === 'on';
  const name = a.asap('proxy-ssl-name');
  const sni = enableSni && name ? name : undefined;
  // util.SplitNamespacedName: "ns/name" or "name" (the Ingress's namespace)
  const secret = a.asap('proxy-ssl-secret') ?? '';
  const slash = secret.indexOf('/');
  const secretName = slash < 0 ? secret : secret.slice(slash + 1);
  const credential = secretName ? `${(slash < 0 ? '' : secret.slice(0, slash)) || namespace}/${secretName}` : undefined;
  const https = protocol === 'HTTPS' || protocol === 'GRPCS';
  // proxy-ssl-verify is read but only ever writes insecureSkipVerify=false: verification stays on for MUTUAL
  const tls: UpstreamTlsPolicy | undefined = credential ? { mode: 'MUTUAL', credential, sni } : https ? { mode: 'SIMPLE', credential: undefined, sni } : undefined;
  return { policy: { protocol, h2: protocol === 'HTTP2' || protocol === 'GRPC' || protocol === 'GRPCS', tls } };
}
