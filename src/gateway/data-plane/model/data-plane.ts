// The model as a data plane: it is configured only by xDS snapshots (the same
// Envoy resources real Envoy reads), decoded strictly, and applied in Envoy's order:
// clusters, then their load assignments, then routes, then listeners. A snapshot
// the model cannot serve is refused whole and the last good config keeps serving.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventSink } from '../../events.js';
import type { HigressProfile } from '../../profiles.js';
import type { XdsSnapshot } from '../../xds/snapshot.js';
import { createHttpsListener } from './listener/https-listener.js';
import { createProxyHandler } from './router/proxy.js';
import { Router } from './router/router.js';
import type { Random } from './random.js';
import { GatewayStats } from './stats.js';
import { TrafficPolicies } from './traffic-policy.js';
import { ClusterManager } from './upstream/cluster.js';
import { decodeCluster, type DecodedCluster } from './xds/decode-cluster.js';
import { decodeListener, type DecodedListener } from './xds/decode-listener.js';
import { decodeLoadAssignment } from './xds/decode-load-assignment.js';
import { decodeRouteConfig } from './xds/decode-route-config.js';
import { UnsupportedConfigError } from './xds/fields.js';
import { defaultRetryPolicy } from '../../translation/retry-policies.js';

export interface ModelDataPlaneOptions {
  readonly name: string;
  readonly profile: HigressProfile;
  readonly emit: EventSink;
  /** @default Math.random */
  readonly random?: Random;
  /** Test override of the 10 s connect timeout. */
  readonly connectTimeoutMs?: number;
  /** How long stop() lets in-flight requests finish. @default 1000 */
  readonly drainMs?: number;
}

interface Decoded {
  readonly listeners: readonly DecodedListener[];
  readonly routers: ReadonlyMap<string, Router>;
  readonly clusters: readonly DecodedCluster[];
  readonly assignments: ReturnType<typeof decodeLoadAssignment>[];
  readonly raw: ReadonlyMap<string, string>;
}

/** Decodes a whole snapshot before any of it is applied (a refusal leaves the old config). */
export function decodeSnapshot(s: XdsSnapshot): Decoded {
  const clusters = s.clusters.map(decodeCluster);
  const aggregates = new Map(clusters.flatMap((c) => (c.aggregate ? [[c.name, c.aggregate] as const] : [])));
  const routers = new Map(s.routeConfigs.map((rc) => decodeRouteConfig(rc, (name) => aggregates.get(name))).map((d) => [d.name, new Router(d.routes)] as const));
  const listeners = s.listeners.map(decodeListener);
  for (const l of listeners) for (const c of l.chains) if (!routers.has(c.routeConfig)) throw new UnsupportedConfigError(`listener ${l.name}`, `route configuration ${c.routeConfig} is not in the snapshot (RDS before LDS)`);
  const raw = new Map(s.clusters.map((c) => [String(c.name), JSON.stringify(c)]));
  return { listeners, routers, clusters: clusters.filter((c) => !c.aggregate), assignments: s.loadAssignments.map(decodeLoadAssignment), raw };
}

export interface StartedModelDataPlane {
  readonly clusters: ClusterManager;
  readonly stats: GatewayStats;
  /** Applies a snapshot; the first one opens the listeners. Throws what the model cannot serve. */
  apply(snapshot: XdsSnapshot): Promise<void>;
  /** The route table of a route configuration (admin page, tests). */
  router(name: string): Router | undefined;
  /** Bound addresses by listener name (ports resolved when 0 was asked). */
  readonly addresses: ReadonlyMap<string, AddressInfo>;
  readonly version: string | undefined;
  stop(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

export function startModelDataPlane(o: ModelDataPlaneOptions): StartedModelDataPlane {
  const traffic = new TrafficPolicies(o.emit, o.profile.envoyMinor);
  const clusters = new ClusterManager((a) => a, o.emit, undefined, traffic);
  const stats = new GatewayStats();
  const random = o.random ?? Math.random;
  let routers: ReadonlyMap<string, Router> = new Map();
  const servers = new Map<string, Server>();
  const addresses = new Map<string, AddressInfo>();
  let version: string | undefined;
  // one handler per route configuration, each reading the latest router of that name
  const handlers = new Map<string, ReturnType<typeof createProxyHandler>>();
  const base = { profile: o.profile, clusters, retryPolicy: defaultRetryPolicy(o.profile), stats, emit: o.emit, random, ...(o.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: o.connectTimeoutMs }) };
  const handlerFor = (routeConfig: string) => {
    let h = handlers.get(routeConfig);
    if (!h) handlers.set(routeConfig, (h = createProxyHandler({ ...base, router: () => routers.get(routeConfig) ?? EMPTY })));
    return h;
  };

  async function openListener(l: DecodedListener): Promise<void> {
    const tlsChains = l.chains.filter((c) => c.tls);
    let server: Server;
    if (tlsChains.length > 0) {
      server = createHttpsListener(tlsChains.map((c) => c.tls!), (host) => handlerFor(tlsChains.find((c) => c.tls!.host === host)!.routeConfig));
    } else {
      server = createServer({ keepAliveTimeout: 180_000 }, handlerFor(l.chains[0]!.routeConfig));
      // Higress downstream.idleTimeout 180 s; no request timeout (Istio writes route timeout 0s)
      server.requestTimeout = 0;
    }
    servers.set(l.name, server);
    addresses.set(l.name, await listen(server, l.host, l.port));
  }

  return {
    clusters,
    stats,
    addresses,
    get version() {
      return version;
    },
    router: (name) => routers.get(name),
    async apply(snapshot) {
      const d = decodeSnapshot(snapshot);
      for (const c of d.clusters) clusters.configure(c.name, c.policy, c.transport, d.raw.get(c.name) ?? '');
      const live = new Set(d.clusters.map((c) => c.name));
      for (const c of clusters.all()) if (!live.has(c.name)) clusters.remove(c.name, 'cluster left CDS');
      for (const a of d.assignments) {
        const cluster = clusters.get(a.cluster);
        if (!cluster) continue;
        cluster.overprovisioningFactor = a.overprovisioningFactor;
        clusters.apply(a.cluster, a.endpoints);
      }
      // requests already routed finish on the old tables, as after an RDS push
      routers = d.routers;
      for (const l of d.listeners) if (!servers.has(l.name)) await openListener(l);
      version = snapshot.version;
    },
    async stop() {
      const all = [...servers.values()];
      const closed = all.map((s) => new Promise<void>((r) => s.close(() => r())));
      for (const s of all) s.closeIdleConnections();
      const drained = await Promise.race([Promise.all(closed).then(() => true), new Promise<false>((r) => setTimeout(() => r(false), o.drainMs ?? 1000).unref())]);
      if (!drained) for (const s of all) s.closeAllConnections();
      clusters.destroy();
    },
  };
}

const EMPTY = new Router([]);
