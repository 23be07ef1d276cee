// The gateway's HTTPS listener (Higress gateway.httpsPort, 443): Envoy picks the
// filter chain by SNI (exact name, then the longest wildcard, then a server for
// any host), presents that host's certificate, requires a client certificate
// signed by the CA on MUTUAL servers, and refuses the handshake when no chain
// matches or SDS never supplied the secret. Behind each chain, its own route
// configuration (which holds only the hosts that server serves).
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import type { TlsServer, TlsVersion } from '../../../xds/tls-server.js';
import { NO_ROUTE, sendLocalReply } from './local-reply.js';
import { SDS_NOT_READY } from '../upstream/upstream-transport.js';

/** Envoy's default server cipher list for TLS ≤1.2 (tls.proto cipher_suites; equal-preference groups flattened) [I]. */
export const ENVOY_DEFAULT_CIPHERS = 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384';

interface Chain {
  readonly server: TlsServer;
  /** Undefined: a secret SDS cannot serve, so the chain never becomes ready. */
  readonly context: SecureContext | undefined;
}

function contextFor(s: TlsServer): SecureContext | undefined {
  if (!s.keyPair.ok || (s.ca && !s.ca.ok)) return undefined;
  return createSecureContext({
    cert: s.keyPair.value.cert,
    key: s.keyPair.value.key,
    ...(s.ca?.ok ? { ca: s.ca.value } : {}),
    ciphers: s.ciphers ? s.ciphers.join(':') : ENVOY_DEFAULT_CIPHERS,
    minVersion: s.minVersion ?? 'TLSv1.2',
    maxVersion: s.maxVersion ?? 'TLSv1.3',
  });
}

/** Filter chain match on server_names: exact, longest "*." suffix, then a chain without names ("*"). */
export function matchServer<T extends { readonly host: string }>(items: readonly T[], sni: string | undefined): T | undefined {
  const name = (sni ?? '').toLowerCase();
  if (name) {
    const exact = items.find((i) => i.host === name);
    if (exact) return exact;
    const wild = items.filter((i) => i.host.startsWith('*.') && name.endsWith(i.host.slice(1))).sort((a, b) => b.host.length - a.host.length)[0];
    if (wild) return wild;
  }
  return items.find((i) => i.host === '*');
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** An https.Server for the hosts of `servers`, each request handled by its chain's handler. */
export function createHttpsListener(servers: readonly TlsServer[], handlerFor: (serverHost: string) => Handler): Server {
  const chains = servers.map((server) => ({ host: server.host, chain: { server, context: contextFor(server) } as Chain }));
  const chainFor = (sni: string | undefined) => matchServer(chains, sni)?.chain;
  const anyHost = chainFor(undefined);
  const mutual = servers.some((s) => s.mode === 'MUTUAL');
  // OpenSSL keeps the first context's suites and versions after an SNI switch, so the
  // listener offers the union and each connection is checked against its chain below
  const ciphers = [...new Set(servers.flatMap((s) => s.ciphers ?? ENVOY_DEFAULT_CIPHERS.split(':')))].join(':');
  const server = createServer(
    {
      // a client without SNI only reaches a server for any host ("*")
      ...(anyHost?.server.keyPair.ok ? { cert: anyHost.server.keyPair.value.cert, key: anyHost.server.keyPair.value.key } : {}),
      SNICallback: (sni, cb) => {
        const c = chainFor(sni);
        if (!c) return cb(new Error(`no filter chain matches SNI ${sni}`), undefined);
        if (!c.context) return cb(new Error(SDS_NOT_READY), undefined);
        cb(null, c.context);
      },
      // Node sets client-certificate requests per listener; MUTUAL chains are enforced below
      requestCert: mutual,
      rejectUnauthorized: false,
      ciphers,
      honorCipherOrder: true,
      minVersion: lowest(servers.map((s) => s.minVersion ?? 'TLSv1.2')),
      keepAliveTimeout: 180_000,
    },
    (req, res) => {
      const chain = chainFor((req.socket as TLSSocket).servername || undefined);
      if (!chain) return void (req.resume(), sendLocalReply(res, NO_ROUTE));
      handlerFor(chain.server.host)(req, res);
    },
  );
  server.on('secureConnection', (socket: TLSSocket) => {
    const chain = chainFor(socket.servername || undefined);
    // require_client_certificate with the CA as validation context
    if (chain?.server.mode === 'MUTUAL' && !socket.authorized) socket.destroy();
    else if (chain && !withinChain(chain.server, socket)) socket.destroy();
  });
  server.requestTimeout = 0;
  return server;
}

const ORDER: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

function lowest(versions: readonly TlsVersion[]): TlsVersion {
  return ORDER[Math.min(...versions.map((v) => ORDER.indexOf(v)))] ?? 'TLSv1.2';
}

/** The chain's own versions and (TLS ≤1.2) suites; TLS 1.3 suites are not configurable in BoringSSL. */
function withinChain(s: TlsServer, socket: TLSSocket): boolean {
  const v = ORDER.indexOf((socket.getProtocol() ?? '') as TlsVersion);
  if (v < ORDER.indexOf(s.minVersion ?? 'TLSv1.2') || v > ORDER.indexOf(s.maxVersion ?? 'TLSv1.3')) return false;
  return v === 3 || (s.ciphers ?? ENVOY_DEFAULT_CIPHERS.split(':')).includes(socket.getCipher().name);
}
