// The Envoy-admin-like port (GET /routes, /clusters, /endpoints, /stats/prometheus,
// /profile as JSON or text) and the readiness port (GET /healthz/ready: 200 once
// discovery has done its first pass, 503 before), like Istio's 15000 and 15021.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterManager } from './upstream/cluster.js';
import { describeProfile, type HigressProfile } from '../../profiles.js';
import type { Router } from './router/router.js';
import type { RoutePolicy } from '../../xds/route-policy.js';
import type { HeaderMatch, QueryParamMatch } from '../../xds/route-table.js';
import type { GatewayStats } from './stats.js';

export interface AdminContext {
  readonly name: string;
  readonly profile: HigressProfile;
  readonly router: () => Router | undefined;
  readonly clusters: ClusterManager;
  readonly stats: GatewayStats;
  readonly ready: () => boolean;
  /** POST /manifests {"manifests": [absolute paths]}: replace the routes (region-lab's apply-manifest). */
  readonly reloadRoutes?: (files: readonly string[]) => Promise<{ routes: number; ignored: number }>;
  /** The xDS snapshot last applied, for GET /config_dump (Envoy's own shape: the resources as JSON). */
  readonly snapshot?: () => unknown;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function routesView(router: Pick<Router, 'routes'>): unknown[] {
  return router.routes.map((r) => ({
    name: r.name,
    hostnames: r.hostnames,
    match: {
      path: { type: r.path.type, value: r.path.value },
      headers: r.headers.map(matchView),
      ...(r.method ? { method: matchView({ ...r.method, name: ':method' }) } : {}),
      ...(r.queryParams ? { queryParams: r.queryParams.map(matchView) } : {}),
      ...(r.ignorePathCase ? { ignorePathCase: true } : {}),
    },
    action: r.action.kind === 'clusters' ? { weightedClusters: r.action.clusters, totalWeight: r.action.totalWeight } : r.action,
    ...(r.policy ? { policy: policyView(r.policy) } : {}),
    clusterNotFoundStatus: r.clusterNotFoundStatus,
    source: r.source,
  }));
}

/** A header or query condition as JSON (a regex as its text). */
function matchView(m: HeaderMatch | QueryParamMatch): unknown {
  return { type: m.type, name: m.name, ...(m.type === 'Present' ? {} : { value: m.value }) };
}

/** A route policy as JSON (regexes and buckets as text). */
function policyView(p: RoutePolicy): unknown {
  return {
    ...(p.rewrite ? { rewrite: p.rewrite } : {}),
    ...(p.cors ? { cors: { ...p.cors, allowOrigins: p.cors.allowOrigins.map((o) => ('exact' in o ? o.exact : o.regex)) } } : {}),
    ...(p.timeoutMs ? { timeoutMs: p.timeoutMs } : {}),
    ...(p.retry ? { retry: { numRetries: p.retry.numRetries, retryOn: [...p.retry.retryOn], retriableStatusCodes: p.retry.retriableStatusCodes, perTryTimeoutMs: p.retry.perTryTimeoutMs } } : {}),
    ...(p.rateLimit ? { localRateLimit: p.rateLimit } : {}),
    ...(p.ipAllow ? { ipAllow: p.ipAllow.text } : {}),
    ...(p.mirror ? { mirror: p.mirror } : {}),
    ...(p.internalRedirect ? { internalRedirect: p.internalRedirect } : {}),
  };
}

export function clustersView(clusters: ClusterManager): unknown[] {
  return clusters.all().map((c) => ({
    name: c.name,
    lbPolicy: c.policy.lb,
    policy: { hash: c.policy.hash, outlierDetection: c.policy.outlierDetection, healthCheck: c.policy.healthCheck, localityLb: c.policy.localityLb, panicThresholdPercent: c.policy.panicThresholdPercent, sources: c.policy.sources },
    endpoints: c.endpoints.map((e) => ({ address: e.address, dial: `${e.dialHost}:${e.dialPort}`, labels: e.labels, weight: e.weight, priority: e.priority, health: e.health, ejected: e.ejected, activeHcFailed: e.activeHcFailed, activeRequests: e.activeRequests })),
    stats: { upstreamRq: Object.fromEntries(c.stats.upstreamRq), retries: c.stats.retries, connectFailures: c.stats.connectFailures },
  }));
}

export function createAdminHandler(ctx: AdminContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && path === '/manifests' && ctx.reloadRoutes) return void reload(req, res, ctx.reloadRoutes);
    if (req.method !== 'GET') return json(res, 405, { error: 'GET only (and POST /manifests)' });
    switch (path) {
      case '/routes':
        return json(res, 200, routesView(ctx.router() ?? { routes: [] }));
      case '/clusters':
        return json(res, 200, clustersView(ctx.clusters));
      case '/endpoints':
        return json(res, 200, Object.fromEntries(ctx.clusters.all().map((c) => [c.name, c.endpoints.map((e) => e.address)])));
      case '/profile':
        return json(res, 200, describeProfile(ctx.profile));
      case '/config_dump':
        return json(res, 200, ctx.snapshot?.() ?? {});
      case '/ready':
        return json(res, ctx.ready() ? 200 : 503, { ready: ctx.ready() });
      case '/stats/prometheus': {
        const text = ctx.stats.prometheus(ctx.name, ctx.clusters);
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        return void res.end(text);
      }
      default:
        return json(res, 404, { error: `unknown admin path ${path}`, paths: ['/routes', '/clusters', '/endpoints', '/profile', '/config_dump', '/ready', '/stats/prometheus'] });
    }
  };
}

export function createHealthHandler(ready: () => boolean): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const ok = (req.url ?? '').split('?')[0] === '/healthz/ready' && ready();
    res.writeHead(ok ? 200 : 503, { 'content-length': 0 });
    res.end();
  };
}

/** Reads {"manifests": [...]} and reloads; bad input (or manifests that fail to load) answer 400 with the reason. */
function reload(req: IncomingMessage, res: ServerResponse, reloadRoutes: NonNullable<AdminContext['reloadRoutes']>): void {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', () => {
    try {
      const files = (JSON.parse(body) as { manifests?: unknown }).manifests;
      if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string')) return json(res, 400, { error: 'body must be {"manifests": ["/abs/path.yaml", …]}' });
      reloadRoutes(files as string[]).then(
        (r) => json(res, 200, r),
        (e: unknown) => json(res, 400, { error: e instanceof Error ? e.message : String(e) }),
      );
    } catch (e) {
      json(res, 400, { error: e instanceof Error ? e.message : String(e) });
    }
  });
}
