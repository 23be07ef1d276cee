// Test support for TLS and HTTP/2 (plain code, no vitest import): upstreams that
// speak TLS and/or HTTP/2 and record what the gateway's connection looked like
// (SNI, client certificate, ALPN, HTTP version), and an HTTPS client that reports
// the certificate and cipher the gateway presented.
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer, createServer as createH2cServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import type { TestCert } from './test-certs.js';
import type { Cleanup } from './gateway-kit.js';

export interface SeenConnection {
  readonly url: string;
  readonly httpVersion: string;
  readonly headers: IncomingHttpHeaders;
  /** SNI the gateway sent; undefined for cleartext or no SNI. */
  readonly servername: string | undefined;
  /** CN of the client certificate the gateway presented (verified against `clientCa`). */
  readonly clientCert: string | undefined;
  readonly alpn: string | false | undefined;
}

export interface SecureUpstream {
  readonly address: string;
  readonly seen: SeenConnection[];
}

/** An upstream answering 200 with its name: TLS when `tls` is given (clients verified against `clientCa`), HTTP/2 when `h2`. */
export async function secureUpstream(cleanup: Cleanup, name: string, opts: { tls?: TestCert; clientCa?: string; h2?: boolean } = {}): Promise<SecureUpstream> {
  const seen: SeenConnection[] = [];
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const sock = req.socket as Partial<TLSSocket>;
    const peer = sock.getPeerCertificate?.();
    seen.push({
      url: req.url ?? '', httpVersion: req.httpVersion, headers: req.headers,
      servername: typeof sock.servername === 'string' ? sock.servername : undefined,
      clientCert: sock.authorized && peer?.subject ? String(peer.subject.CN) : undefined,
      alpn: sock.alpnProtocol ?? undefined,
    });
    req.resume();
    res.writeHead(200, { 'x-served-by': name });
    res.end(name);
  };
  const tls = opts.tls ? { ...opts.tls, ...(opts.clientCa ? { ca: opts.clientCa, requestCert: true, rejectUnauthorized: false } : {}) } : undefined;
  const server: Server = tls
    ? opts.h2 ? createSecureServer({ ...tls, allowHTTP1: true }, handle) : createHttpsServer(tls, handle)
    : createH2cServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  cleanup.push(async () => void (server as Partial<{ closeAllConnections(): void }>).closeAllConnections?.());
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

export interface HttpsReply {
  readonly status: number;
  readonly body: string;
  /** CN of the certificate the gateway presented. */
  readonly serverCert: string;
  readonly cipher: string;
  readonly protocol: string;
}

/** One HTTPS/1.1 request to the gateway on `port` with SNI `servername`; rejects when the handshake or request fails. */
export function httpsSend(port: number, opts: { servername?: string; host?: string; path?: string; ca: string; client?: TestCert; maxVersion?: 'TLSv1.2' | 'TLSv1.3'; ciphers?: string }): Promise<HttpsReply> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1', port, ca: opts.ca, ...(opts.servername ? { servername: opts.servername } : {}),
      ...(opts.client ?? {}), ...(opts.maxVersion ? { maxVersion: opts.maxVersion } : {}), ...(opts.ciphers ? { ciphers: opts.ciphers } : {}),
      // the test checks the presented certificate itself
      checkServerIdentity: () => undefined,
    });
    let raw = '';
    let presented = { serverCert: '', cipher: '', protocol: '' };
    socket.on('secureConnect', () => {
      presented = { serverCert: String(socket.getPeerCertificate().subject?.CN ?? ''), cipher: socket.getCipher().name, protocol: socket.getProtocol() ?? '' };
      socket.write(`GET ${opts.path ?? '/'} HTTP/1.1\r\nhost: ${opts.host ?? opts.servername ?? 'localhost'}\r\nconnection: close\r\n\r\n`);
    });
    socket.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0);
      if (!status) return reject(new Error(`no HTTP response (connection closed after the handshake): ${raw.slice(0, 80)}`));
      resolve({ status, body: /transfer-encoding: chunked/i.test(head) ? dechunk(body) : body, ...presented });
    });
  });
}

/** The payload of a chunked HTTP/1.1 body. */
function dechunk(body: string): string {
  let out = '';
  for (let rest = body; ; ) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 4 + size);
  }
}
