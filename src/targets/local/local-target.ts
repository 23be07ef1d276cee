// Brings the two-region topology up on loopback, in dependency order (links, Nacos,
// business services, registry sync, gateways, load balancers), and applies and heals
// faults. Every process is pushed on the run's cleanup stack as it starts.
import { join } from 'node:path';
import { waitFor } from '../../core/ready.js';
import type { DataPlaneName } from '../../gateway/controller/config.js';
import { listInstances, listServices } from '../../registry/nacos-http.js';
import type { Fault } from '../../scenario/schema.js';
import { instanceMetadata, type RegionSpec, type Topology } from '../../topology/schema.js';
import { startRegionGateways, type GatewayInstance, type StartedRegionGateways } from './gateways.js';
import { startHaproxy } from './haproxy.js';
import { startNacos } from './nacos-server.js';
import { ADMIN_PORT_OFFSET, biz, businessInstances, planLinks, resolveMapFor } from './network.js';
import { startNodeComponent } from './node-component.js';
import { applyLocalFault, healLocalFault, type LocalFaultEnv } from './faults.js';
import type { LocalContext } from './run-context.js';
import { startToxiproxy, type StartedToxiproxy } from './toxiproxy.js';
import type { StartedProcess } from '../../core/process.js';

export interface LocalUpOptions {
  readonly topology: Topology;
  readonly higress: '2.1' | '2.2';
  /** Absolute paths of the routing manifests every gateway loads (McpBridge first). */
  readonly manifests: readonly string[];
  /** Absolute paths one region's gateways load after `manifests`, by region. */
  readonly regionManifests?: Readonly<Record<string, readonly string[]>>;
  /** Service hosts each region's routes send to; a gateway is up once it has endpoints for its region's. */
  readonly routedHosts: Readonly<Record<string, readonly string[]>>;
  /** Gateway pod labels ("{region}" is replaced): the chart's gateway.podLabels. */
  readonly gatewayPodLabels?: Readonly<Record<string, string>> | undefined;
  /** Real Envoy or the model, resolved from the topology's `auto` by the caller. */
  readonly dataPlane: DataPlaneName;
}

export interface StartedLocalTopology {
  /** The gateway instances, with the files their data plane writes (events are read from them at the end). */
  readonly gateways: readonly GatewayInstance[];
  entryUrl(region: string): string;
  /** Applies a timeline entry's fault; returns what was done, in words. */
  applyFault(id: string, f: Fault): Promise<string>;
  healFault(id: string, f: Fault): Promise<string>;
  /** Event files the components append to (JSON lines). */
  readonly eventFiles: readonly string[];
}


export async function upLocal(ctx: LocalContext, o: LocalUpOptions): Promise<StartedLocalTopology> {
  const t = o.topology;
  const links = planLinks(t);
  ctx.log({ kind: 'step', message: `starting the ${t.name} topology (${t.regions.length} regions, ${links.length} links)` });
  const toxi = await startToxiproxy(ctx, t.toxiproxy, links);

  // every long-lived process by component name, and how to start it again (faults restart them)
  const processes = new Map<string, StartedProcess>();
  const starters = new Map<string, () => Promise<StartedProcess>>();
  const launch = async (name: string, start: () => Promise<StartedProcess>) => {
    starters.set(name, start);
    processes.set(name, await start());
  };

  ctx.log({ kind: 'step', message: 'starting the Nacos registries' });
  await Promise.all(
    t.regions.map((r) => launch(`nacos-${r.name}`, async () => (await startNacos(ctx, { region: r.name, address: r.middleware.nacos.address, port: r.middleware.nacos.port })).process)),
  );

  ctx.log({ kind: 'step', message: 'starting the business services' });
  await Promise.all(t.regions.flatMap((r) => businessInstances(r).map((i) => launch(`${i.app}-${r.name}-${i.index}`, () => startInstance(ctx, t.registration, r, i, toxi)))));

  const eventFiles: string[] = [];
  if (t.discovery.mode === 'synced' && t.regions.length > 1) {
    ctx.log({ kind: 'step', message: 'starting the registry sync (NacosSync behaviour, both directions)' });
    const file = join(ctx.logDir, 'nacos-sync.events.jsonl');
    eventFiles.push(file);
    const tasks = t.regions.flatMap((s) =>
      t.regions.filter((d) => d !== s).map((d) => ({
        source: { clusterId: `nacos-${s.name}`, address: toxi.listenOf(`nacos-sync_to_nacos-${s.name}`) },
        dest: { clusterId: `nacos-${d.name}`, address: toxi.listenOf(`nacos-sync_to_nacos-${d.name}`) },
        group: 'DEFAULT_GROUP',
      })),
    );
    const every = t.regions.flatMap((r) => [...r.business.services, ...(r.business.fallback ? [r.business.fallback] : [])].map((s) => s.nacosService));
    await launch('nacos-sync', () => startNodeComponent(ctx, {
      name: 'nacos-sync',
      entry: 'registry/sync-main.js',
      config: { tasks, pollMs: t.discovery.syncPollMs, eventsFile: file },
      readyWhat: 'every service to be synced into every region\'s Nacos',
      ready: async () => {
        for (const r of t.regions) {
          const have = new Set(await listServices({ address: `${r.middleware.nacos.address}:${r.middleware.nacos.port}` }, 'DEFAULT_GROUP'));
          if (!every.every((s) => have.has(s))) return undefined;
        }
        return true;
      },
    }));
  }

  ctx.log({ kind: 'step', message: `starting Higress ${o.higress} in every middleware cluster (data plane: ${o.dataPlane === 'envoy' ? `Envoy ${ctx.tools.envoy?.version ?? ''}` : 'region-lab model'})` });
  const regionGateways = new Map<string, StartedRegionGateways>();
  const gatewayInstances: GatewayInstance[] = [];
  await Promise.all(
    t.regions.map(async (r) => {
      const started = await startRegionGateways(ctx, {
        topology: t,
        region: r,
        higress: o.higress,
        dataPlane: o.dataPlane,
        manifests: [...o.manifests, ...(o.regionManifests?.[r.name] ?? [])],
        routedHosts: o.routedHosts[r.name] ?? [],
        resolve: resolveMapFor(t, r, (l) => toxi.listenOf(l)),
        podLabels: o.gatewayPodLabels,
      });
      regionGateways.set(r.name, started);
      eventFiles.push(started.controller.eventsFile);
      for (const i of started.instances) {
        eventFiles.push(i.eventsFile);
        gatewayInstances.push(i);
        await launch(i.name, () => started.startInstance(i.name));
      }
    }),
  );

  ctx.log({ kind: 'step', message: 'starting the load balancers' });
  await Promise.all(
    t.regions.map((r) =>
      startHaproxy(ctx, {
        region: r.name,
        bind: r.middleware.lb,
        gateways: r.middleware.gateways.map((g, j) => ({ name: `gw-${r.name}-${j + 1}`, address: g.address, port: t.gateway.port, healthPort: t.gateway.healthPort })),
        checkInterMs: t.lb.checkInterMs,
        fall: t.lb.fall,
        rise: t.lb.rise,
      }),
    ),
  );
  for (const r of t.regions) {
    const url = entryUrl(r);
    await waitFor(async () => ((await fetch(url, { headers: { host: 'region-lab.invalid' }, signal: AbortSignal.timeout(2000) })).status > 0 ? true : undefined), {
      what: `the ${r.name} entry (${url}) to answer`,
      timeoutMs: 15_000,
    });
  }

  const env: LocalFaultEnv = {
    topology: t,
    links,
    toxi,
    processes,
    manifests: [...o.manifests],
    regionManifests: o.regionManifests ?? {},
    controllers: Object.fromEntries([...regionGateways].map(([region, g]) => [region, g.controller.url])),
    async restart(name) {
      const start = starters.get(name);
      if (!start) throw new Error(`no component named ${name} to restart`);
      processes.set(name, await start());
    },
  };
  return {
    entryUrl: (name) => entryUrl(t.regions.find((r) => r.name === name)!),
    gateways: gatewayInstances,
    eventFiles,
    applyFault: (id, f) => applyLocalFault(env, id, f),
    healFault: (id, f) => healLocalFault(env, id, f),
  };

  function entryUrl(r: RegionSpec) {
    return `http://${r.middleware.entry.address}:${r.middleware.entry.port}`;
  }
}

async function startInstance(ctx: LocalContext, registration: 'http-v1' | 'grpc', r: RegionSpec, i: ReturnType<typeof businessInstances>[number], toxi: StartedToxiproxy): Promise<StartedProcess> {
  const [host, port] = i.address.split(':') as [string, string];
  const name = `${i.app}-${r.name}-${i.index}`;
  const nacos = { address: `${r.middleware.nacos.address}:${r.middleware.nacos.port}` };
  return startNodeComponent(ctx, {
    name,
    entry: 'business/main.js',
    config: {
      app: i.app,
      nacosService: i.nacosService,
      region: r.name,
      cluster: biz(r),
      instance: name,
      listen: { host, port: Number(port) },
      admin: { host, port: Number(port) + ADMIN_PORT_OFFSET },
      fallback: i.fallback,
      nacos: { address: toxi.listenOf(`${biz(r)}_to_nacos-${r.name}`), namespace: 'public', group: 'DEFAULT_GROUP' },
      metadata: instanceMetadata(r),
      registration,
    },
    readyWhat: `${name} to register with nacos-${r.name}`,
    ready: async () => ((await listInstances(nacos, i.nacosService, 'DEFAULT_GROUP')).some((x) => x.ip === host && x.port === Number(port)) ? true : undefined),
  });
}
