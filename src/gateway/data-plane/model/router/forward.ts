// The data plane's back half (Envoy's router): attempts on hosts of the chosen
// cluster under the route's retry policy (previous hosts, back-off, per-try
// timeout) and route timeout; every outcome reported to outlier detection; a
// shadow to the mirror cluster; one internal redirect to the default backend on a
// custom-http-errors status; then the upstream response relayed.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Cluster, Endpoint } from '../upstream/cluster.js';
import { addCorsHeaders } from './cors.js';
import { chooseHost } from '../load-balancer/load-balancer.js';
import { NO_HEALTHY_UPSTREAM, UPSTREAM_TIMEOUT, upstreamReset } from '../listener/local-reply.js';
import { finish, isRedirected, redirectedRequest, type ProxyState } from './proxy-state.js';
import { requestHash } from './request-hash.js';
import { backoffMs, requestIsRetriable, retryReason, wouldRetry, type AttemptFailure } from './retry.js';
import { rewritePath } from './rewrite.js';
import { applyHeaderOperations } from './header-ops.js';
import type { RouteEntry } from '../../../xds/route-table.js';
import { startAttempt, type Attempt, type AttemptResult, type UpstreamResponse } from '../upstream/attempt.js';

// RFC 7230 hop-by-hop headers; Envoy strips them both ways
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'http2-settings']);

/** The request as the router sends it upstream: forwarding headers, then the route's header operations and authority rewrite. */
function upstreamHeaders(req: IncomingMessage, body: Buffer | undefined, attempt: number, route: RouteEntry): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const h = req.headers;
  for (const name in h) if (!HOP_BY_HOP.has(name)) out[name] = h[name];
  // use_remote_address on Istio gateways: append the peer, generate a request id
  const peer = req.socket.remoteAddress ?? '';
  out['x-forwarded-for'] = h['x-forwarded-for'] ? `${h['x-forwarded-for']},${peer}` : peer;
  // the downstream scheme: https on the TLS listener
  out['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  if (!h['x-request-id']) out['x-request-id'] = randomUUID();
  // finalizeRequestHeaders: header operations, then host_rewrite_literal
  applyHeaderOperations(route.policy?.requestHeaders, out);
  out['x-envoy-attempt-count'] = String(attempt);
  const authority = route.policy?.rewrite?.authority;
  if (authority) out.host = authority;
  if (body) out['content-length'] = body.length;
  return out;
}

/** Envoy's shadow authority: "-shadow" after the host name, the port kept (measured on 1.36.4). */
export function shadowHost(host: string): string {
  const m = /^(.*?)(:\d+)?$/.exec(host)!;
  return `${m[1]}-shadow${m[2] ?? ''}`;
}

/** Fire-and-forget shadow: host gets "-shadow", response ignored (Envoy shadow policy). */
function shadow(ctx: ProxyState, route: RouteEntry, req: IncomingMessage, path: string, body: Buffer | undefined): void {
  const m = route.policy?.mirror;
  if (!m || (m.percent < 100 && ctx.random() * 100 >= m.percent)) return;
  const cluster = ctx.clusters.get(m.cluster);
  const ep = cluster && chooseHost(cluster, ctx.random);
  if (!ep) return;
  const headers = upstreamHeaders(req, body, 1, route);
  headers.host = shadowHost(String(req.headers.host ?? ''));
  startAttempt(ep, { method: req.method ?? 'GET', path, headers, body }, ctx.profile, ctx.connectTimeoutMs).result.then((r) => r.kind === 'response' && r.res.resume());
}

export async function forward(ctx: ProxyState, req: IncomingMessage, res: ServerResponse, route: RouteEntry, cluster: Cluster, body: Buffer | undefined): Promise<void> {
  const method = req.method ?? 'GET';
  const policy = route.policy;
  const retry = policy?.retry ?? ctx.retryPolicy;
  const maxRetries = requestIsRetriable(retry, method) ? retry.numRetries : 0;
  const path = rewritePath(policy?.rewrite, req.url ?? '/', route);
  // the route's hash policy is evaluated only when the cluster's load balancer asks for a hash
  const hashed = cluster.policy.lb === 'RING_HASH' && policy?.hash ? requestHash(policy.hash, req) : undefined;
  shadow(ctx, route, req, path, body);
  cluster.hadTraffic = true;
  const attempted: Endpoint[] = [];
  // previous_hosts with its reselection attempts, as the route's retry policy says (none: 0)
  const reselect = retry.hostSelectionRetryMaxAttempts;
  let current: Attempt | undefined;
  let gone = false;
  let timedOut = false;
  res.on('close', () => {
    if (res.writableFinished) return;
    gone = true; // the client gave up (or the route timeout reset the stream)
    current?.cancel();
  });
  // route timeout: covers every attempt and back-off, up to the end of the response
  const routeTimer = policy?.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        current?.cancel();
        if (res.headersSent) res.destroy();
        else finish(ctx, res, cluster.name, UPSTREAM_TIMEOUT, route);
      }, policy.timeoutMs)
    : undefined;
  const done = () => clearTimeout(routeTimer);
  for (let retryNo = 0; ; retryNo++) {
    const ep = chooseHost(cluster, ctx.random, { attempted, maxSelectionRetries: reselect, hash: hashed?.hash });
    if (!ep) return void (done(), finish(ctx, res, cluster.name, NO_HEALTHY_UPSTREAM, route));
    attempted.push(ep);
    ep.activeRequests++;
    current = startAttempt(ep, { method, path, headers: upstreamHeaders(req, body, retryNo + 1, route), body }, ctx.profile, ctx.connectTimeoutMs);
    let perTryTimedOut = false;
    const attempt = current;
    const perTry = retry.perTryTimeoutMs ? setTimeout(() => ((perTryTimedOut = true), attempt.cancel()), retry.perTryTimeoutMs) : undefined;
    const result: AttemptResult = await current.result;
    clearTimeout(perTry);
    const failure: AttemptFailure = perTryTimedOut
      ? { kind: 'per-try-timeout' }
      : result.kind === 'reset'
        ? { kind: 'reset', reason: result.reason, transportFailure: result.transportFailure }
        : { kind: 'response', status: result.res.statusCode ?? 502, grpcStatus: result.res.headers['grpc-status'] as string | undefined };
    if (result.kind === 'reset') {
      ep.release();
      if (result.connectFailure) cluster.stats.connectFailures++;
    }
    const code = failure.kind === 'response' ? failure.status : failure.kind === 'per-try-timeout' ? 504 : failure.reason === 'protocol error' ? 502 : 503;
    cluster.stats.upstreamRq.set(code, (cluster.stats.upstreamRq.get(code) ?? 0) + 1);
    // local-origin failures count as 5xx (split_external_local_origin_errors false)
    cluster.outlier?.report(ep, code);
    if (gone || timedOut) {
      if (result.kind === 'response') result.res.on('close', () => ep.release()).resume();
      return done();
    }
    if (retryNo < maxRetries && wouldRetry(retry, failure)) {
      if (result.kind === 'response') result.res.on('close', () => ep.release()).resume(); // Envoy discards the retried response
      const wait = backoffMs(retryNo + 1, retry, ctx.random);
      cluster.stats.retries++;
      ctx.emit({ kind: 'retry', route: route.name, cluster: cluster.name, retry: retryNo + 1, host: ep.address, reason: retryReason(failure), backoffMs: wait });
      await new Promise((r) => setTimeout(r, wait));
      if (gone || timedOut) return done();
      continue;
    }
    if (failure.kind === 'per-try-timeout') return void (done(), finish(ctx, res, cluster.name, UPSTREAM_TIMEOUT, route));
    if (result.kind === 'reset') return void (done(), finish(ctx, res, cluster.name, upstreamReset(result.reason, result.transportFailure, retryNo > 0), route));
    const ir = policy?.internalRedirect;
    if (ir && !isRedirected(req) && ir.codes.includes(failure.kind === 'response' ? failure.status : 0)) {
      // Higress InternalActiveRedirect: once, to `/` on the same Host, with its headers added
      // before the route match, so the hidden fallback route sends it to the default backend
      result.res.on('close', () => ep.release()).resume();
      done();
      ctx.fallbackServed.add(`${route.name}\n${ir.cluster}\nredirect`, { route: route.name, cluster: cluster.name, fallback: ir.cluster, reason: 'custom-http-error' });
      return ctx.redispatch(redirectedRequest(req, '/', ir.headers), res, body);
    }
    return relay(ctx, req, res, route, cluster, ep, result.res, result.serviceTimeMs, hashed?.setCookie, done);
  }
}

function relay(ctx: ProxyState, req: IncomingMessage, res: ServerResponse, route: RouteEntry, cluster: Cluster, ep: Endpoint, up: UpstreamResponse, serviceTimeMs: number, setCookie: string | undefined, done: () => void): void {
  const headers: OutgoingHttpHeaders = {};
  for (const name in up.headers) if (!HOP_BY_HOP.has(name)) headers[name] = up.headers[name];
  headers['x-envoy-upstream-service-time'] = String(serviceTimeMs);
  const cors = route.policy?.cors;
  if (cors) addCorsHeaders(cors, req.headers.origin, headers);
  // finalizeResponseHeaders: the route's response header operations; then the HCM's
  // server_header_transformation OVERWRITE with Istio's server name
  applyHeaderOperations(route.policy?.responseHeaders, headers);
  headers.server = 'istio-envoy';
  if (setCookie) {
    const prev = headers['set-cookie'];
    headers['set-cookie'] = prev === undefined ? [setCookie] : [...(Array.isArray(prev) ? prev : [String(prev)]), setCookie];
  }
  const status = up.statusCode ?? 502;
  ctx.stats.countRequest(cluster.name, status);
  res.writeHead(status, up.statusMessage, headers);
  let released = false;
  const release = () => {
    if (!released) (released = true), ep.release(), done();
  };
  up.on('close', release);
  // a reset after headers: Envoy can only reset the downstream stream
  up.on('error', () => res.destroy());
  up.on('aborted', () => res.destroy());
  up.pipe(res);
}
