// One upstream attempt over the endpoint's keep-alive pool, classified by what the
// socket did, as Envoy's connection pool and HTTP/1 codec would see it: a refused
// or failed connect is a connect failure (retriable under connect-failure); a close
// or reset after the TCP connect (e.g. Toxiproxy accepting, then dropping because
// its upstream is dead) is "connection termination" (only `reset` retries it).
// Over TLS the connect ends with the handshake; HTTP/2 clusters go to upstream-h2.ts.
import { request } from 'node:http';
import { request as tlsRequest } from 'node:https';
import { classify, CONNECT_TIMEOUT, CONNECT_TIMEOUT_MS, type Attempt, type AttemptResult, type UpstreamRequest } from './attempt-result.js';
import type { Endpoint } from './endpoint.js';
import type { HigressProfile } from '../../../profiles.js';
import { startH2Attempt } from './attempt-h2.js';
import { requestTlsOptions } from './upstream-transport.js';

export { CONNECT_TIMEOUT_MS, type Attempt, type AttemptResult, type UpstreamRequest, type UpstreamResponse } from './attempt-result.js';

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

