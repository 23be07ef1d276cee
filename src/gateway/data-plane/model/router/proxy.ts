// The data plane's front half, in Envoy filter order: route match, CORS preflight,
// RBAC allow-list (403), local rate limit (429), then the route action: a
// redirect, a direct response, or one weighted cluster (with cluster_fallback when
// it has no healthy host) handed to forward.ts with the buffered body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cluster } from '../upstream/cluster.js';
import { Coalescer } from '../coalesce.js';
import { answerPreflight, isPreflight } from './cors.js';
import { forward } from './forward.js';
import { hasHealthyHost } from '../load-balancer/load-balancer.js';
import { clusterNotFound, directResponse, NO_ROUTE, RATE_LIMITED, RBAC_DENIED, sendRedirect } from '../listener/local-reply.js';
import { finish, type ProxyContext, type ProxyState } from './proxy-state.js';
import { pickWeightedCluster } from './router.js';
import { applyHeaderOperations } from './header-ops.js';
import { routeStates } from './route-state.js';
import type { RouteEntry, WeightedCluster } from '../../../xds/route-table.js';
import { redirectLocation } from './redirect.js';

/**
 * cluster_fallback (Higress's Envoy plugin): at route selection, when the picked
 * cluster is missing or has no healthy host in any priority, the first fallback
 * with a healthy host is used; if none has one, the original stays (→ 503).
 */
export function selectCluster(ctx: ProxyState, route: RouteEntry, picked: WeightedCluster): Cluster | undefined {
  const cluster = picked.host === null ? undefined : ctx.clusters.get(picked.host);
  if (!picked.fallbacks || (cluster && hasHealthyHost(cluster))) return cluster;
  for (const name of picked.fallbacks) {
    const fb = ctx.clusters.get(name);
    if (fb && hasHealthyHost(fb)) {
      ctx.fallbackServed.add(`${route.name}\n${name}`, { route: route.name, cluster: picked.host ?? '', fallback: name, reason: 'no-healthy-host' });
      return fb;
    }
  }
  return cluster;
}

export function createProxyHandler(base: ProxyContext): (req: IncomingMessage, res: ServerResponse) => void {
  const ctx: ProxyState = {
    ...base,
    routeState: routeStates(base.profile.envoyMinor === '1.27' ? 'timer' : 'continuous'),
    redispatch: (req, res, body) => dispatch(req, res, { body }),
    rateLimited: new Coalescer((route, count) => base.emit({ kind: 'rate-limited', route, count })),
    fallbackServed: new Coalescer((s, count) => base.emit({ kind: 'fallback-served', ...s, count })),
  };
  /** The filter chain; `read` holds the body when an internal redirect runs it again. */
  const dispatch = (req: IncomingMessage, res: ServerResponse, read?: { body: Buffer | undefined }): void => {
    const drain = () => void (read || req.resume());
    const route = ctx.router().match(req.headers.host, req.url ?? '/', req.headers, { method: req.method ?? 'GET', scheme: 'encrypted' in req.socket ? 'https' : 'http' });
    if (!route) return void (drain(), finish(ctx, res, '', NO_ROUTE));
    const policy = route.policy;
    if (policy) {
      if (policy.cors && isPreflight(req) && answerPreflight(policy.cors, req, res)) return void (drain(), ctx.stats.countRequest('', 200));
      if (policy.ipAllow && !ctx.routeState(route).ipAllow!.allows(req.socket.remoteAddress)) return void (drain(), finish(ctx, res, '', RBAC_DENIED));
      if (policy.rateLimit && !ctx.routeState(route).rateLimit!.consume()) {
        ctx.rateLimited.add(route.name, route.name);
        drain();
        ctx.stats.countRequest('', 429);
        if (res.headersSent) return void res.destroy();
        res.writeHead(429, { 'content-length': RATE_LIMITED.body.length, 'content-type': 'text/plain', 'x-local-rate-limit': 'true', server: 'istio-envoy' });
        return void res.end(RATE_LIMITED.body);
      }
    }
    const action = route.tlsAction && 'encrypted' in req.socket ? route.tlsAction : route.action;
    if (action.kind === 'direct') return void (drain(), finish(ctx, res, '', directResponse(action.status, action.body), route));
    if (action.kind === 'redirect') {
      drain();
      ctx.stats.countRequest('', action.status);
      const ops = route.policy?.responseHeaders;
      const location = redirectLocation(action, route, { host: req.headers.host, url: req.url ?? '/', scheme: 'encrypted' in req.socket ? 'https' : 'http' });
      return sendRedirect(res, action.status, location, ops ? (h) => applyHeaderOperations(ops, h) : undefined);
    }
    const picked = pickWeightedCluster(action.clusters, action.totalWeight, ctx.random);
    const cluster = selectCluster(ctx, route, picked);
    if (!cluster) return void (drain(), finish(ctx, res, picked.host ?? '', clusterNotFound(route.clusterNotFoundStatus), route));
    (read ? Promise.resolve(read.body) : readBody(req)).then(
      (body) => forward(ctx, req, res, route, cluster, body),
      () => res.destroy(),
    );
  };
  return (req, res) => dispatch(req, res);
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
