// Sends one case request to the gateway as a client would: the Host header and
// source address the case asks for, a unique id header so the echo backends' records
// can be matched to it, no redirect following. A transport failure is an answer too.
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { Agent as TlsAgent, request as tlsRequest } from 'node:https';
import type { Pem } from './pki.js';
import { REQUEST_ID_HEADER } from './echo-backend.js';

export interface Reply {
  readonly id: string;
  /** 0 when no HTTP response came back. */
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Set when no HTTP response came back (reset, refused, timeout). */
  readonly error?: string;
}

export interface SendOptions {
  readonly url: string;
  readonly method: string;
  readonly host?: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly from?: string;
  readonly timeoutMs: number;
  readonly id: string;
  readonly agent: Agent;
}

/** What a TLS request presents: SNI, versions, suites, the CA it trusts and its certificate. */
export interface ClientTls {
  readonly sni?: string;
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  readonly maxVersion?: 'TLSv1.2' | 'TLSv1.3';
  readonly ciphers?: string;
  readonly ca: string;
  readonly clientCertificate?: Pem;
}

export function sendRequest(o: SendOptions): Promise<Reply> {
  const target = new URL(o.url);
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Reply) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const send = target.protocol === 'https:' ? tlsRequest : request;
    const req = send(
      {
        host: target.hostname,
        port: Number(target.port),
        method: o.method,
        path: o.path,
        agent: o.agent,
        headers: { ...o.headers, host: o.host ?? target.host, [REQUEST_ID_HEADER]: o.id },
        ...(o.from ? { localAddress: o.from } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => done({ id: o.id, status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', (e) => done({ id: o.id, status: 0, headers: {}, body, error: e.message }));
      },
    );
    req.setTimeout(o.timeoutMs, () => {
      req.destroy(new Error(`no answer within ${o.timeoutMs} ms`));
    });
    req.on('error', (e) => done({ id: o.id, status: 0, headers: {}, body: '', error: e.message }));
    req.end();
  });
}

/**
 * A keep-alive agent for one request entry's repetitions (a fresh client per entry); for
 * TLS it carries the handshake's settings. The server's chain is checked against the
 * case's CA, not its name: without SNI there is no name to check.
 */
export function clientAgent(tls?: ClientTls): Agent {
  if (!tls) return new Agent({ keepAlive: true, maxSockets: 1 });
  return new TlsAgent({
    keepAlive: true,
    maxSockets: 1,
    ca: tls.ca,
    // an empty servername sends no SNI extension
    servername: tls.sni ?? '',
    checkServerIdentity: () => undefined,
    ...(tls.minVersion ? { minVersion: tls.minVersion } : {}),
    ...(tls.maxVersion ? { maxVersion: tls.maxVersion } : {}),
    ...(tls.ciphers ? { ciphers: tls.ciphers } : {}),
    ...(tls.clientCertificate ? { cert: tls.clientCertificate.cert, key: tls.clientCertificate.key } : {}),
  });
}
