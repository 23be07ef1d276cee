// What the data plane's filters share per gateway: the route table, clusters,
// default retry policy, stats and event sink, the coalesced high-rate events, and
// the one way a filter ends a request with a local reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterManager } from '../upstream/cluster.js';
import type { Coalescer } from '../coalesce.js';
import type { EventSink } from '../../../events.js';
import { sendLocalReply, type LocalReply } from '../listener/local-reply.js';
import type { HigressProfile } from '../../../profiles.js';
import type { Random } from '../random.js';
import type { RetryPolicy } from '../../../xds/retry-policy.js';
import type { Router } from './router.js';
import type { RouteEntry } from '../../../xds/route-table.js';
import type { RouteState } from './route-state.js';
import type { GatewayStats } from '../stats.js';
import { applyHeaderOperations } from './header-ops.js';

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

/** Per-handler state: coalesced high-rate events. */
export interface ProxyState extends ProxyContext {
  readonly rateLimited: Coalescer<string>;
  /** The route's bucket and allow-list, made on first use. */
  readonly routeState: (route: RouteEntry) => RouteState;
  /** Runs a request through the filter chain again (an internal redirect), its body already read. */
  readonly redispatch: (req: IncomingMessage, res: ServerResponse, body: Buffer | undefined) => void;
  readonly fallbackServed: Coalescer<{ route: string; cluster: string; fallback: string; reason: 'no-healthy-host' | 'custom-http-error' }>;
}

/**
 * Ends a request with a local reply; `route`: the router's own reply for that route
 * (no healthy upstream, timeout, reset, direct response), which gets the route's
 * response header operations as Envoy's router adds them.
 */
export function finish(ctx: ProxyContext, res: ServerResponse, cluster: string, reply: LocalReply, route?: RouteEntry): void {
  ctx.stats.countRequest(cluster, reply.status);
  sendLocalReply(res, reply, route?.policy?.responseHeaders ? (h) => applyHeaderOperations(route.policy!.responseHeaders, h) : undefined);
}


const REDIRECTED = Symbol('internally redirected');

/** The downstream request as an internal redirect re-issues it: another path, headers added. */
export function redirectedRequest(req: IncomingMessage, url: string, add: readonly { name: string; value: string }[]): IncomingMessage {
  const headers = { ...req.headers };
  for (const h of add) headers[h.name] = h.value;
  return Object.create(req, { url: { value: url }, headers: { value: headers }, [REDIRECTED]: { value: true } }) as IncomingMessage;
}

/** Higress sets MaxInternalRedirects 1: a redirected request is not redirected again. */
export function isRedirected(req: IncomingMessage): boolean {
  return (req as unknown as Record<symbol, unknown>)[REDIRECTED] === true;
}
