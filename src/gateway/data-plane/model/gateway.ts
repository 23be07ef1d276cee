// One gateway in one process, on the model data plane: Higress's controller
// (translation + discovery) pushing xDS snapshots, serialised to JSON and read back,
// to the model, plus the admin and readiness listeners. Tests and the bench start
// gateways this way; the local target runs the controller and the data planes as
// processes of their own. stop() is idempotent: stop accepting, drain, flush events.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller } from '../../controller/controller.js';
import { grpcRegistrySource } from '../../discovery/grpc-registry-source.js';
import { httpRegistrySource, type RegistrySource } from '../../discovery/registry-source.js';
import { openEventLog, type EventLog } from '../../events.js';
import { profileFor } from '../../profiles.js';
import { loadManifestFiles, type LoadedManifests } from '../../translation/manifests.js';
import { KubeServices } from '../../translation/services.js';
import type { XdsSnapshot } from '../../xds/snapshot.js';
import { createAdminHandler, createHealthHandler } from './admin.js';
import type { GatewayProcessConfig } from './gateway-config.js';
import { startModelDataPlane } from './data-plane.js';
import type { Random } from './random.js';
import type { ClusterManager } from './upstream/cluster.js';
import type { GatewayStats } from './stats.js';

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
  /** The last snapshot the data plane applied (the Envoy config, as JSON). */
  readonly snapshot: () => XdsSnapshot | undefined;
  /**
   * Replaces the routes with those of `files` (the kubectl apply of a new route set, pushed
   * as xDS). Registries and DestinationRules keep their start-up values.
   */
  reloadRoutes(files: readonly string[]): Promise<{ routes: number; ignored: number }>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** In-process: no files, so the resources name ADS as their source (never read by the model). */
const IN_PROCESS = { rds: () => ({ ads: {}, resource_api_version: 'V3' }), eds: () => ({ ads: {}, resource_api_version: 'V3' }), sds: () => ({ ads: {}, resource_api_version: 'V3' }) };

export async function startGateway(config: GatewayProcessConfig, opts: GatewayOptions = {}): Promise<StartedGateway> {
  const profile = profileFor(config.higress);
  const services = new KubeServices(config.services);
  const manifests = opts.manifests ?? loadManifestFiles(config.manifests, profile, { ingressClass: config.ingressClass, services });
  const events = opts.events ?? openEventLog(config.eventsFile, config.name);
  const emit = events.emit;
  const dialFor = (address: string) => config.resolve[address] ?? address;
  const ignored = (m: LoadedManifests) => {
    for (const x of m.ignored) emit({ kind: 'manifest-ignored', file: x.file, document: x.document, name: `${x.kind} ${x.name}`, reason: x.reason });
  };
  ignored(manifests);
  const plane = startModelDataPlane({ name: config.name, profile, emit, ...(opts.random ? { random: opts.random } : {}), ...(opts.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: opts.connectTimeoutMs }), ...(opts.drainMs === undefined ? {} : { drainMs: opts.drainMs }) });
  let last: XdsSnapshot | undefined;
  let pushError: unknown;
  const controller = new Controller({
    profile,
    manifests,
    services,
    source: opts.source ?? (config.discovery.protocol === 'grpc' ? grpcRegistrySource(dialFor) : httpRegistrySource(dialFor)),
    emit,
    pushPollMs: config.pushPollMs,
    ...(opts.refreshIntervalMs === undefined ? {} : { refreshIntervalMs: opts.refreshIntervalMs }),
    onPushError: (_proxy, e) => (pushError = e),
    proxies: [
      {
        name: config.name,
        identity: { labels: config.podLabels, locality: config.locality },
        listen: `${config.listen.host}:${config.listen.port}`,
        ...(config.listenHttps ? { listenHttps: `${config.listenHttps.host}:${config.listenHttps.port}` } : {}),
        dialFor,
        sources: IN_PROCESS,
        // the same bytes a data plane process would read from its files
        push: async (s) => {
          const parsed = JSON.parse(JSON.stringify(s)) as XdsSnapshot;
          await plane.apply(parsed);
          last = parsed;
        },
      },
    ],
  });
  let ready = false;
  const reloadRoutes = async (files: readonly string[]) => {
    const next = loadManifestFiles(files, profile, { ingressClass: config.ingressClass, services });
    ignored(next);
    await controller.reload(next);
    emit({ kind: 'routes-reloaded', files: [...files], routes: next.routes.length });
    return { routes: next.routes.length, ignored: next.ignored.length };
  };
  const httpRouter = () => plane.router('http.80');
  const admin = createServer(createAdminHandler({ name: config.name, profile, router: httpRouter, clusters: plane.clusters, stats: plane.stats, ready: () => ready, reloadRoutes, snapshot: () => last }));
  const health = createServer(createHealthHandler(() => ready));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      controller.stop();
      for (const s of [admin, health]) s.closeAllConnections();
      await Promise.all([admin, health].map((s) => new Promise<void>((r) => s.close(() => r()))));
      await plane.stop();
      await events.close();
    })());
  try {
    const healthAddr = await listen(health, config.health.host, config.health.port);
    const adminAddr = await listen(admin, config.admin.host, config.admin.port);
    await controller.start();
    if (pushError) throw pushError;
    const byName = [...plane.addresses.values()];
    const addresses = {
      health: healthAddr,
      admin: adminAddr,
      listen: byName[0]!,
      ...(byName[1] ? { listenHttps: byName[1] } : {}),
    };
    ready = true;
    emit({ kind: 'ready', registries: manifests.registries.length, clusters: plane.clusters.all().length, routes: controller.routes.length });
    return { config, addresses, clusters: plane.clusters, stats: plane.stats, snapshot: () => last, reloadRoutes, stop, [Symbol.asyncDispose]: stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
