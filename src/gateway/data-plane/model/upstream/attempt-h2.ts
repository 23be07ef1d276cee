// One upstream attempt over HTTP/2, as Envoy's HTTP/2 connection pool makes it
// when the cluster has http2_protocol_options (backend-protocol HTTP2/GRPC: h2c
// with prior knowledge; GRPCS, or HTTP2 with a proxy-ssl-secret: h2 over TLS with
// ALPN h2). One multiplexed session per endpoint (and SNI), closed when idle.
import { constants, type OutgoingHttpHeaders as H2Headers } from 'node:http2';
import type { IncomingHttpHeaders } from 'node:http';
import type { Endpoint } from './endpoint.js';
import type { HigressProfile } from '../../../profiles.js';
import { classify, CONNECT_TIMEOUT, type Attempt, type AttemptResult, type UpstreamRequest, type UpstreamResponse } from './attempt-result.js';
import { requestTlsOptions, type UpstreamTlsOptions } from './upstream-transport.js';

/** HTTP/1 headers → HTTP/2 request headers (Host becomes :authority). */
function h2Headers(up: UpstreamRequest): H2Headers {
  const out: H2Headers = { ':method': up.method, ':path': up.path };
  for (const [k, v] of Object.entries(up.headers)) {
    if (v === undefined) continue;
    if (k === 'host') out[':authority'] = String(v);
    else out[k] = v as string | string[] | number;
  }
  return out;
}

export function startH2Attempt(ep: Endpoint, up: UpstreamRequest, profile: HigressProfile, connectTimeoutMs: number): Attempt {
  const started = performance.now();
  const tls = ep.transport.tls as UpstreamTlsOptions | undefined;
  const opts = tls ? requestTlsOptions(tls, up.headers.host as string | undefined) : {};
  const pool = ep.h2!;
  const session = pool.session(opts.servername || '', `${tls ? 'https' : 'http'}://${ep.dialHost}:${ep.dialPort}`, opts);
  let connected = !session.connecting;
  const stream = session.request(h2Headers(up), { endStream: !up.body });
  const result = new Promise<AttemptResult>((resolve) => {
    const timer = connected ? undefined : setTimeout(() => stream.close(constants.NGHTTP2_CANCEL), connectTimeoutMs);
    // only while the session connects: a 'connect' listener on a live session would never fire, nor go
    if (!connected) session.once('connect', () => ((connected = true), clearTimeout(timer)));
    stream.on('response', (headers) => {
      clearTimeout(timer);
      const plain: IncomingHttpHeaders = {};
      for (const [k, v] of Object.entries(headers)) if (!k.startsWith(':')) plain[k] = v as string;
      const res = Object.assign(stream, { statusCode: Number(headers[':status']), statusMessage: undefined, headers: plain }) as unknown as UpstreamResponse;
      resolve({ kind: 'response', res, serviceTimeMs: Math.round(performance.now() - started) });
    });
    const failed = (err?: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (!connected) return resolve(classify(pool.errorOf(session) ?? err ?? CONNECT_TIMEOUT, false, profile));
      if (stream.rstCode === constants.NGHTTP2_REFUSED_STREAM) return resolve({ kind: 'reset', reason: 'remote refused stream reset', transportFailure: '', connectFailure: false });
      const gone = session.destroyed || session.closed;
      resolve({ kind: 'reset', reason: gone ? 'connection termination' : 'remote reset', transportFailure: '', connectFailure: false });
    };
    stream.on('error', failed);
    stream.on('close', () => failed());
  });
  if (up.body) stream.end(up.body);
  return { result, cancel: () => stream.close(constants.NGHTTP2_CANCEL) };
}
