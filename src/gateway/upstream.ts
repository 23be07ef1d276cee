// One upstream attempt over the endpoint's keep-alive pool, classified by what the
// socket did, as Envoy's connection pool and HTTP/1 codec would see it: a refused
// or failed connect is a connect failure (retriable under connect-failure); a close
// or reset after the TCP connect (e.g. Toxiproxy accepting, then dropping because
// its upstream is dead) is "connection termination" (only `reset` retries it).
// Over TLS the connect ends with the handshake; HTTP/2 clusters go to upstream-h2.ts.
import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as tlsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import type { Endpoint } from './cluster.js';
import { delayedConnectError } from './local-reply.js';
import type { HigressProfile } from './profiles.js';
import type { ResetReason } from './retry.js';
import { startH2Attempt } from './upstream-h2.js';
import { requestTlsOptions, tlsFailureReason } from './upstream-transport.js';

/** Istio mesh default connect timeout (pkg/config/mesh/mesh.go), not Envoy's 5 s. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** An upstream response: an http.IncomingMessage, or an HTTP/2 stream shaped like one. */
export type UpstreamResponse = Readable & { readonly statusCode?: number | undefined; readonly statusMessage?: string | undefined; readonly headers: IncomingHttpHeaders };

export type AttemptResult =
  | { readonly kind: 'response'; readonly res: UpstreamResponse; readonly serviceTimeMs: number }
  | { readonly kind: 'reset'; readonly reason: ResetReason; readonly transportFailure: string; readonly connectFailure: boolean };

export interface UpstreamRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer | undefined;
}

export interface Attempt {
  readonly result: Promise<AttemptResult>;
  /** Aborts the attempt (downstream went away). */
  cancel(): void;
}

export const CONNECT_TIMEOUT = new Error('connect timeout');

export function startAttempt(ep: Endpoint, up: UpstreamRequest, profile: HigressProfile, connectTimeoutMs = CONNECT_TIMEOUT_MS): Attempt {
  const tls = ep.transport.tls;
  // NotReadySslSocket: the connection closes before any byte is sent [I: local failure]
  if (tls && 'notReady' in tls) return { result: Promise.resolve({ kind: 'reset', reason: 'local connection failure', transportFailure: tls.notReady, connectFailure: true }), cancel: () => {} };
  if (ep.transport.h2) return startH2Attempt(ep, up, profile, connectTimeoutMs);
  const started = performance.now();
  const options = { agent: ep.agent, host: ep.dialHost, port: ep.dialPort, method: up.method, path: up.path, headers: up.headers, setHost: false };
  const req = tls ? tlsRequest({ ...options, ...requestTlsOptions(tls, up.headers.host as string | undefined) }) : request(options);
  const result = new Promise<AttemptResult>((resolve) => {
    let connected = false;
    let timer: NodeJS.Timeout | undefined;
    req.on('socket', (s) => {
      if (!s.connecting) {
        connected = true;
        return;
      }
      timer = setTimeout(() => req.destroy(CONNECT_TIMEOUT), connectTimeoutMs);
      s.once(tls ? 'secureConnect' : 'connect', () => {
        connected = true;
        clearTimeout(timer);
      });
    });
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve({ kind: 'response', res, serviceTimeMs: Math.round(performance.now() - started) });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(classify(err, connected, profile));
    });
  });
  req.end(up.body);
  return { result, cancel: () => req.destroy() };
}

/** Maps a Node socket error to the Envoy reset reason and transport failure reason. */
export function classify(err: NodeJS.ErrnoException, connected: boolean, profile: HigressProfile): Extract<AttemptResult, { kind: 'reset' }> {
  if (err === CONNECT_TIMEOUT) return { kind: 'reset', reason: 'connection timeout', transportFailure: '', connectFailure: true };
  if (!connected) {
    // the pool's connect failed: PoolFailureReason::RemoteConnectionFailure
    return { kind: 'reset', reason: 'remote connection failure', transportFailure: tlsFailureReason(err) ?? delayedConnectError(err.code, profile), connectFailure: true };
  }
  if (err.code?.startsWith('HPE_')) return { kind: 'reset', reason: 'protocol error', transportFailure: '', connectFailure: false };
  // CodecClient::onEvent: a remote close while connected resets streams with ConnectionTermination
  return { kind: 'reset', reason: 'connection termination', transportFailure: '', connectFailure: false };
}
