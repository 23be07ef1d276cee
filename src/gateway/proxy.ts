// The data plane: route, pick one weighted cluster, then attempts with Envoy's
// retry state (previous hosts, back-off) until a response is forwarded or a local
// reply is sent. Upstream status, headers and body pass through otherwise.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Cluster, ClusterManager, Endpoint } from './cluster.js';
import type { EventSink } from './events.js';
import { chooseHost, type Random } from './load-balancer.js';
import { clusterNotFound, directResponse, NO_HEALTHY_UPSTREAM, NO_ROUTE, sendLocalReply, upstreamReset, type LocalReply } from './local-reply.js';
import type { HigressProfile } from './profiles.js';
import { backoffMs, requestIsRetriable, retryReason, wouldRetry, type AttemptFailure, type RetryPolicy } from './retry.js';
import { pickWeightedCluster, type Router } from './router.js';
import type { RouteEntry } from './route-table.js';
import type { GatewayStats } from './stats.js';
import { startAttempt, type Attempt } from './upstream.js';

export interface ProxyContext {
  readonly profile: HigressProfile;
  readonly router: () => Router;
  readonly clusters: ClusterManager;
  readonly retryPolicy: RetryPolicy;
  readonly stats: GatewayStats;
  readonly emit: EventSink;
  readonly random: Random;
  readonly connectTimeoutMs?: number;
}

// RFC 7230 hop-by-hop headers; Envoy strips them both ways
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'http2-settings']);

function upstreamHeaders(req: IncomingMessage, body: Buffer | undefined, attempt: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const h = req.headers;
  for (const name in h) if (!HOP_BY_HOP.has(name)) out[name] = h[name];
  // use_remote_address on Istio gateways: append the peer, generate a request id
  const peer = req.socket.remoteAddress ?? '';
  out['x-forwarded-for'] = h['x-forwarded-for'] ? `${h['x-forwarded-for']},${peer}` : peer;
  out['x-forwarded-proto'] = 'http';
  if (!h['x-request-id']) out['x-request-id'] = randomUUID();
  out['x-envoy-attempt-count'] = String(attempt);
  if (body) out['content-length'] = body.length;
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return Promise.resolve(undefined);
  }
  // Envoy buffers the request body so a retry can resend it
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function finish(ctx: ProxyContext, res: ServerResponse, cluster: string, reply: LocalReply): void {
  ctx.stats.countRequest(cluster, reply.status);
  sendLocalReply(res, reply);
}

export function createProxyHandler(ctx: ProxyContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const route = ctx.router().match(req.headers.host, req.url ?? '/', req.headers);
    if (!route) return void (req.resume(), finish(ctx, res, '', NO_ROUTE));
    if (route.action.kind === 'direct') return void (req.resume(), finish(ctx, res, '', directResponse(route.action.status, route.action.body)));
    const picked = pickWeightedCluster(route.action.clusters, route.action.totalWeight, ctx.random);
    const cluster = picked.host === null ? undefined : ctx.clusters.get(picked.host);
    if (!cluster) return void (req.resume(), finish(ctx, res, picked.host ?? '', clusterNotFound(route.clusterNotFoundStatus)));
    readBody(req).then(
      (body) => forward(ctx, req, res, route, cluster, body),
      () => res.destroy(),
    );
  };
}

async function forward(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse, route: RouteEntry, cluster: Cluster, body: Buffer | undefined): Promise<void> {
  const method = req.method ?? 'GET';
  const policy = ctx.retryPolicy;
  const maxRetries = requestIsRetriable(policy, method) ? policy.numRetries : 0;
  const attempted: Endpoint[] = [];
  let current: Attempt | undefined;
  let gone = false;
  res.on('close', () => {
    if (res.writableFinished) return;
    gone = true; // the client gave up: no route timeout, so this is what ends a hung request
    current?.cancel();
  });
  for (let retry = 0; ; retry++) {
    const ep = chooseHost(cluster, ctx.random, { attempted, maxSelectionRetries: policy.hostSelectionRetryMaxAttempts });
    if (!ep) return finish(ctx, res, cluster.name, NO_HEALTHY_UPSTREAM);
    attempted.push(ep);
    ep.activeRequests++;
    current = startAttempt(ep, { method, path: req.url ?? '/', headers: upstreamHeaders(req, body, retry + 1), body }, ctx.profile, ctx.connectTimeoutMs);
    const result = await current.result;
    const failure: AttemptFailure =
      result.kind === 'reset'
        ? { kind: 'reset', reason: result.reason, transportFailure: result.transportFailure }
        : { kind: 'response', status: result.res.statusCode ?? 502, grpcStatus: result.res.headers['grpc-status'] as string | undefined };
    if (result.kind === 'reset') {
      ep.release();
      if (result.connectFailure) cluster.stats.connectFailures++;
    }
    const code = failure.kind === 'response' ? failure.status : failure.reason === 'protocol error' ? 502 : 503;
    cluster.stats.upstreamRq.set(code, (cluster.stats.upstreamRq.get(code) ?? 0) + 1);
    if (gone) {
      if (result.kind === 'response') result.res.on('close', () => ep.release()).resume();
      return;
    }
    if (retry < maxRetries && wouldRetry(policy, failure)) {
      if (result.kind === 'response') result.res.on('close', () => ep.release()).resume(); // Envoy discards the retried response
      const wait = backoffMs(retry + 1, policy, ctx.random);
      cluster.stats.retries++;
      ctx.emit({ kind: 'retry', route: route.name, cluster: cluster.name, retry: retry + 1, host: ep.address, reason: retryReason(failure), backoffMs: wait });
      await new Promise((r) => setTimeout(r, wait));
      if (gone) return;
      continue;
    }
    if (result.kind === 'reset') return finish(ctx, res, cluster.name, upstreamReset(result.reason, result.transportFailure, retry > 0));
    return relay(ctx, res, cluster, ep, result.res, result.serviceTimeMs);
  }
}

function relay(ctx: ProxyContext, res: ServerResponse, cluster: Cluster, ep: Endpoint, up: IncomingMessage, serviceTimeMs: number): void {
  const headers: OutgoingHttpHeaders = {};
  for (const name in up.headers) if (!HOP_BY_HOP.has(name)) headers[name] = up.headers[name];
  // HCM server_header_transformation OVERWRITE with Istio's server name
  headers.server = 'istio-envoy';
  headers['x-envoy-upstream-service-time'] = String(serviceTimeMs);
  const status = up.statusCode ?? 502;
  ctx.stats.countRequest(cluster.name, status);
  res.writeHead(status, up.statusMessage, headers);
  let released = false;
  const release = () => {
    if (!released) (released = true), ep.release();
  };
  up.on('close', release);
  // a reset after headers: Envoy can only reset the downstream stream
  up.on('error', () => res.destroy());
  up.on('aborted', () => res.destroy());
  up.pipe(res);
}
