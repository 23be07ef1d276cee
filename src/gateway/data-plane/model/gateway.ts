// Starts one gateway: loads the manifests for the profile, starts discovery, and
// opens the data-plane, admin and readiness listeners on the configured loopback
// addresses. The handle's stop() is idempotent: stop accepting, drain briefly,
// flush events.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminHandler, createHealthHandler } from './admin.js';
import { ClusterManager } from './upstream/cluster.js';
import type { GatewayProcessConfig } from './config.js';
import { Discovery } from '../../discovery/discovery.js';
import { openEventLog, type EventLog } from '../../events.js';
import type { Random } from './random.js';
import { loadManifestFiles, type LoadedManifests } from '../../translation/manifests.js';
import { profileFor } from '../../profiles.js';
import { createHttpsListener } from './listener/https-listener.js';
import { createProxyHandler } from './router/proxy.js';
import { grpcRegistrySource } from '../../discovery/grpc-registry-source.js';
import { httpRegistrySource, type RegistrySource } from '../../discovery/registry-source.js';
import { defaultRetryPolicy } from '../../translation/retry-policies.js';
import { Router } from './router/router.js';
import type { RouteEntry } from '../../xds/route-table.js';
import { KubeServices, parseOutboundCluster } from '../../translation/services.js';
import { GatewayStats } from './stats.js';
import { TrafficPolicies } from './traffic-policy.js';
import { policyLookup } from '../../translation/policy-lookup.js';
import { resolveTransport } from './upstream/upstream-transport.js';
import { SecretStore } from '../../translation/secrets.js';

export interface GatewayOptions {
  /** @default Nacos over config.discovery.protocol (HTTP v1 or gRPC) through config.resolve */
  readonly source?: RegistrySource;
  /** Manifests already loaded (tests); @default read from config.manifests */
  readonly manifests?: LoadedManifests;
  /** @default an event log appending to config.eventsFile */
  readonly events?: EventLog;
  /** @default Math.random */
  readonly random?: Random;
  /** Test override of nacosRefreshInterval. */
  readonly refreshIntervalMs?: number;
  /** Test override of the 10 s connect timeout. */
  readonly connectTimeoutMs?: number;
  /** How long stop() lets in-flight requests finish. @default 1000 */
  readonly drainMs?: number;
}

export interface StartedGateway {
  readonly config: GatewayProcessConfig;
  /** Actual listen addresses (ports resolved when 0 was asked). */
  readonly addresses: { readonly listen: AddressInfo; readonly listenHttps?: AddressInfo; readonly admin: AddressInfo; readonly health: AddressInfo };
  readonly clusters: ClusterManager;
  readonly stats: GatewayStats;
  /**
   * Replaces the routes with those of `files` (the kubectl apply of a new route set, as
   * xDS would push it). Registries and DestinationRules keep their start-up values.
   */
  reloadRoutes(files: readonly string[]): { routes: number; ignored: number };
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** Every cluster a route can send to: destinations, fallbacks, mirror, custom-http-errors target. */
function referencedClusters(routes: readonly RouteEntry[]): Set<string> {
  const out = new Set<string>();
  for (const r of routes) {
    for (const a of [r.action, r.tlsAction]) if (a?.kind === 'clusters') for (const c of a.clusters) {
      if (c.host) out.add(c.host);
      for (const f of c.fallbacks ?? []) out.add(f);
    }
    if (r.policy?.mirror) out.add(r.policy.mirror.cluster);
    if (r.policy?.internalRedirect) out.add(r.policy.internalRedirect.cluster);
  }
  return out;
}

export async function startGateway(config: GatewayProcessConfig, opts: GatewayOptions = {}): Promise<StartedGateway> {
  const profile = profileFor(config.higress);
  const services = new KubeServices(config.services);
  const manifests = opts.manifests ?? loadManifestFiles(config.manifests, profile, { ingressClass: config.ingressClass, services });
  const events = opts.events ?? openEventLog(config.eventsFile, config.name);
  const emit = events.emit;
  const dialFor = (address: string) => config.resolve[address] ?? address;
  for (const m of manifests.ignored) emit({ kind: 'manifest-ignored', file: m.file, document: m.document, name: `${m.kind} ${m.name}`, reason: m.reason });
  const traffic = new TrafficPolicies({ labels: config.podLabels, locality: config.locality }, emit);
  const secrets = manifests.secrets ?? new SecretStore();
  const clusters = new ClusterManager(dialFor, emit, policyLookup(manifests.policies ?? new Map()), traffic, (p) => resolveTransport(p.upstream, secrets, profile));
  let router = new Router(manifests.routes);
  // Kubernetes Services are EDS from the API server in Higress; here from the config's static map
  const serviceEndpoints = (routes: readonly RouteEntry[]) => {
    for (const name of referencedClusters(routes)) {
      const out = parseOutboundCluster(name);
      const eps = out && services.endpoints(out.fqdn, out.port);
      if (eps && !clusters.get(name)) clusters.apply(name, eps);
    }
  };
  serviceEndpoints(manifests.routes);
  const reloadRoutes = (files: readonly string[]) => {
    const next = loadManifestFiles(files, profile, { ingressClass: config.ingressClass, services });
    for (const m of next.ignored) emit({ kind: 'manifest-ignored', file: m.file, document: m.document, name: `${m.kind} ${m.name}`, reason: m.reason });
    serviceEndpoints(next.routes);
    router = new Router(next.routes); // requests already routed finish on the old table, as after an xDS push
    emit({ kind: 'routes-reloaded', files: [...files], routes: next.routes.length });
    return { routes: next.routes.length, ignored: next.ignored.length };
  };
  const stats = new GatewayStats();
  const random = opts.random ?? Math.random;
  let ready = false;
  const discovery = new Discovery({
    registries: manifests.registries,
    source: opts.source ?? (config.discovery.protocol === 'grpc' ? grpcRegistrySource(dialFor) : httpRegistrySource(dialFor)),
    clusters,
    profile,
    emit,
    pushPollMs: config.pushPollMs,
    ...(opts.refreshIntervalMs === undefined ? {} : { refreshIntervalMs: opts.refreshIntervalMs }),
  });

  const proxy = createProxyHandler({ profile, router: () => router, clusters, retryPolicy: defaultRetryPolicy(profile), stats, emit, random, ...(opts.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: opts.connectTimeoutMs }) });
  const data = createServer({ keepAliveTimeout: 180_000 }, proxy);
  // Higress downstream.idleTimeout 180 s; no request timeout (Istio writes route timeout 0s)
  data.requestTimeout = 0;
  const admin = createServer(createAdminHandler({ name: config.name, profile, router: () => router, clusters, stats, ready: () => ready, reloadRoutes }));
  const health = createServer(createHealthHandler(() => ready));
  // the HTTPS servers are fixed at start (route reloads change routes only)
  const https = config.listenHttps ? createHttpsListener(manifests.tlsServers ?? [], proxy) : undefined;
  const servers: Server[] = [data, admin, health, ...(https ? [https] : [])];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      discovery.stop();
      const closed = servers.map((s) => new Promise<void>((r) => s.close(() => r())));
      for (const s of servers) s.closeIdleConnections();
      const drained = await Promise.race([Promise.all(closed).then(() => true), new Promise<false>((r) => setTimeout(() => r(false), opts.drainMs ?? 1000).unref())]);
      if (!drained) for (const s of servers) s.closeAllConnections();
      clusters.destroy();
      await events.close();
    })());
  try {
    const addresses = {
      health: await listen(health, config.health.host, config.health.port),
      admin: await listen(admin, config.admin.host, config.admin.port),
      listen: await listen(data, config.listen.host, config.listen.port),
      ...(https && config.listenHttps ? { listenHttps: await listen(https, config.listenHttps.host, config.listenHttps.port) } : {}),
    };
    await discovery.start();
    ready = true;
    emit({ kind: 'ready', registries: manifests.registries.length, clusters: clusters.all().length, routes: manifests.routes.length });
    return { config, addresses, clusters, stats, reloadRoutes, stop, [Symbol.asyncDispose]: stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
