// Brings the two-region topology up on loopback, in dependency order (links, Nacos,
// business services, registry sync, gateways, load balancers), and applies and heals
// faults. Every process is pushed on the run's cleanup stack as it starts.
import { join } from 'node:path';
import { waitFor } from '../../core/ready.js';
import { GATEWAY_NODE_FLAGS } from '../../gateway/node-flags.js';
import { listInstances, listServices } from '../../registry/nacos-http.js';
import type { Fault } from '../../scenario/schema.js';
import { fillRegionPlaceholders, instanceMetadata, type RegionSpec, type Topology } from '../../topology/schema.js';
import { startHaproxy } from './haproxy.js';
import { startNacos } from './nacos-server.js';
import { ADMIN_PORT_OFFSET, biz, businessInstances, planLinks, resolveMapFor } from './network.js';
import { getJson, startNodeComponent } from './node-component.js';
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
  /** What forwards requests in the gateways (run/data-plane.ts); only the model runs today. @default model */
  readonly dataPlane?: 'model';
}

export interface StartedLocalTopology {
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
    const all = t.regions.flatMap((r) => [...r.business.services, ...(r.business.fallback ? [r.business.fallback] : [])]);
    // one NacosSync task per namespace and group the services register in, each direction
    const scopes = [...new Map(all.map((s) => [`${s.nacosNamespace}|${s.nacosGroup}`, { namespaceId: s.nacosNamespace, group: s.nacosGroup }])).values()];
    const tasks = scopes.flatMap((scope) =>
      t.regions.flatMap((s) =>
        t.regions.filter((d) => d !== s).map((d) => ({
          source: { clusterId: `nacos-${s.name}`, address: toxi.listenOf(`nacos-sync_to_nacos-${s.name}`) },
          dest: { clusterId: `nacos-${d.name}`, address: toxi.listenOf(`nacos-sync_to_nacos-${d.name}`) },
          ...scope,
        })),
      ),
    );
    await launch('nacos-sync', () => startNodeComponent(ctx, {
      name: 'nacos-sync',
      entry: 'registry/sync-main.js',
      config: { tasks, pollMs: t.discovery.syncPollMs, eventsFile: file },
      readyWhat: 'every service to be synced into every region\'s Nacos',
      ready: async () => {
        for (const r of t.regions) {
          for (const scope of scopes) {
            const have = new Set(await listServices({ address: `${r.middleware.nacos.address}:${r.middleware.nacos.port}`, namespaceId: scope.namespaceId }, scope.group));
            if (!all.every((s) => s.nacosNamespace !== scope.namespaceId || s.nacosGroup !== scope.group || have.has(s.nacosService))) return undefined;
          }
        }
        return true;
      },
    }));
  }

  ctx.log({ kind: 'step', message: `starting the gateways (Higress ${o.higress}, data plane: ${o.dataPlane ?? 'model'})` });
  const gw = t.gateway;
  await Promise.all(
    t.regions.flatMap((r) =>
      r.middleware.gateways.map(async (g, j) => {
        const name = `gw-${r.name}-${j + 1}`;
        const eventsFile = join(ctx.logDir, `${name}.events.jsonl`);
        eventFiles.push(eventsFile);
        const admin = `http://${g.address}:${gw.adminPort}`;
        await launch(name, () => startNodeComponent(ctx, {
          name,
          entry: 'gateway/main.js',
          nodeFlags: GATEWAY_NODE_FLAGS,
          config: {
            name,
            region: r.name,
            listen: { host: g.address, port: gw.port },
            admin: { host: g.address, port: gw.adminPort },
            health: { host: g.address, port: gw.healthPort },
            higress: o.higress,
            manifests: [...o.manifests, ...(o.regionManifests?.[r.name] ?? [])],
            resolve: resolveMapFor(t, r, (l) => toxi.listenOf(l)),
            pushPollMs: gw.pushPollMs,
            discovery: { protocol: gw.discoveryProtocol },
            eventsFile,
            services: r.middleware.services,
            podLabels: Object.fromEntries(Object.entries(o.gatewayPodLabels ?? {}).map(([k, v]) => [k, fillRegionPlaceholders(v, r)])),
          },
          readyWhat: `${name} to be ready and to have endpoints for ${(o.routedHosts[r.name] ?? []).join(', ')}`,
          readyTimeoutMs: 45_000,
          ready: async () => {
            const res = await fetch(`http://${g.address}:${gw.healthPort}/healthz/ready`, { signal: AbortSignal.timeout(1000) });
            if (res.status !== 200) return undefined;
            return (await routedHostsHaveEndpoints(admin, o.routedHosts[r.name] ?? [])) ? true : undefined;
          },
        }));
      }),
    ),
  );

  ctx.log({ kind: 'step', message: 'starting the load balancers' });
  await Promise.all(
    t.regions.map((r) =>
      startHaproxy(ctx, {
        region: r.name,
        bind: r.middleware.lb,
        gateways: r.middleware.gateways.map((g, j) => ({ name: `gw-${r.name}-${j + 1}`, address: g.address, port: gw.port, healthPort: gw.healthPort })),
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
    async restart(name) {
      const start = starters.get(name);
      if (!start) throw new Error(`no component named ${name} to restart`);
      processes.set(name, await start());
    },
  };
  return {
    entryUrl: (name) => entryUrl(t.regions.find((r) => r.name === name)!),
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
      nacos: { address: toxi.listenOf(`${biz(r)}_to_nacos-${r.name}`), namespace: i.nacosNamespace, group: i.nacosGroup },
      metadata: instanceMetadata(r),
      registration,
    },
    readyWhat: `${name} to register with nacos-${r.name}`,
    ready: async () => ((await listInstances({ ...nacos, namespaceId: i.nacosNamespace }, i.nacosService, i.nacosGroup)).some((x) => x.ip === host && x.port === Number(port)) ? true : undefined),
  });
}

/** The gateway admin's /endpoints maps each cluster (a service host) to its endpoint addresses. */
async function routedHostsHaveEndpoints(adminUrl: string, hosts: readonly string[]): Promise<boolean> {
  const body = (await getJson(`${adminUrl}/endpoints`)) as Record<string, string[]>;
  return hosts.every((h) => (body[h]?.length ?? 0) > 0);
}

