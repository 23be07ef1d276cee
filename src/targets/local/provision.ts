// Brings a topology up on loopback, in dependency order (links, Nacos, business
// services, registry sync, gateways, load balancers). Every process is pushed on the
// cleanup stack as it starts and watched by the supervisor under its component name;
// a fault that kills one says so first, and a restart watches the new process.
import { waitFor } from '../../core/ready.js';
import type { StartedProcess } from '../../core/process.js';
import { businessInstances } from '../../topology/instances.js';
import { openBlackHoles } from './black-hole.js';
import { planLinks } from '../../topology/links.js';
import { controllerName, gatewayName, lbName, nacosName, SYNC_AGENT } from '../../topology/names.js';
import type { RegionSpec, Topology } from '../../topology/schema.js';
import { startInstance, startSyncAgent } from './business.js';
import type { LocalFaultEnv } from './faults.js';
import { startRegionGateways, type GatewayInstance, type StartedRegionGateways } from './gateways.js';
import { startHaproxy } from './haproxy.js';
import { startNacos } from './nacos-server.js';
import type { LocalContext } from './run-context.js';
import { resolveMapFor } from './network.js';
import { startToxiproxy } from './toxiproxy.js';
import { latencyToxics } from '../../chaos/latency-toxics.js';
import type { BaseLatencyMode } from '../target.js';
import type { DataPlaneName } from '../../gateway/controller/config.js';

export interface LocalUpOptions {
  readonly topology: Topology;
  readonly higress: '2.1' | '2.2';
  /** Real Envoy or the model (the target resolved `auto`). */
  readonly dataPlane: DataPlaneName;
  /** Absolute paths of the routing manifests every gateway loads (McpBridge first). */
  readonly manifests: readonly string[];
  /** Absolute paths one region's gateways load after `manifests`, by region. */
  readonly regionManifests: Readonly<Record<string, readonly string[]>>;
  /** Service hosts each region's routes send to: a region's Higress is ready once each has endpoints. */
  readonly routedHosts: Readonly<Record<string, readonly string[]>>;
  /** The chart's gateway.podLabels ("{region}" filled in per region). */
  readonly podLabels: Readonly<Record<string, string>>;
  /**
   * The timeline holds black holes: create the run's nftables table at the start, or
   * say at once that they fall back to Toxiproxy. @default false
   */
  readonly blackHoles?: boolean;
}

/** The running topology: what faults act on, and the gateway instances whose data-plane files the report reads. */
export interface LocalTopology extends LocalFaultEnv {
  readonly gateways: readonly GatewayInstance[];
  /** Target.setBaseLatencies: the links' base latency toxics, in place. */
  setBaseLatencies(mode: BaseLatencyMode): Promise<number>;
}

export const entryUrlOf = (r: RegionSpec): string => `http://${r.middleware.entry.address}:${r.middleware.entry.port}`;

/** Brings everything up; returns what the fault code needs. */
export async function upLocal(ctx: LocalContext, o: LocalUpOptions): Promise<LocalTopology> {
  const t = o.topology;
  const links = planLinks(t);
  const kernel = o.blackHoles ? await openBlackHoles(ctx) : undefined;
  ctx.log({ kind: 'step', message: `starting the ${t.name} topology (${t.regions.length} regions, ${links.length} links)` });
  const toxi = await startToxiproxy(ctx, t.toxiproxy, links);
  ctx.supervisor?.watch('toxiproxy', toxi.process);

  // every long-lived process by component name, and how to start it again (faults restart them)
  const processes = new Map<string, StartedProcess>();
  const starters = new Map<string, () => Promise<StartedProcess>>();
  const launch = async (name: string, start: () => Promise<StartedProcess>) => {
    starters.set(name, start);
    const p = await start();
    processes.set(name, p);
    ctx.supervisor?.watch(name, p);
  };

  ctx.log({ kind: 'step', message: 'starting the Nacos registries' });
  await Promise.all(
    t.regions.map((r) => launch(nacosName(r.name), async () => (await startNacos(ctx, { region: r.name, address: r.middleware.nacos.address, port: r.middleware.nacos.port })).process)),
  );

  ctx.log({ kind: 'step', message: 'starting the business services' });
  await Promise.all(t.regions.flatMap((r) => businessInstances(r).map((i) => launch(i.name, () => startInstance(ctx, t.registration, r, i, toxi)))));

  if (t.discovery.mode === 'synced' && t.regions.length > 1) {
    ctx.log({ kind: 'step', message: 'starting the registry sync (NacosSync behaviour, both directions)' });
    await launch(SYNC_AGENT, () => startSyncAgent(ctx, t, toxi));
  }

  ctx.log({
    kind: 'step',
    message: `starting Higress ${o.higress} in every middleware cluster (data plane: ${o.dataPlane === 'envoy' ? `Envoy ${ctx.tools.envoy?.version ?? ''}` : 'region-lab model'})`,
  });
  const regionGateways = new Map<string, StartedRegionGateways>();
  const gateways: GatewayInstance[] = [];
  await Promise.all(
    t.regions.map(async (r) => {
      // the controller is a process of its own: a death of it is a death of the region's Higress
      let started: StartedRegionGateways | undefined;
      await launch(controllerName(r.name), async () => {
        const s = await startRegionGateways(ctx, {
          topology: t,
          region: r,
          higress: o.higress,
          dataPlane: o.dataPlane,
          manifests: [...o.manifests, ...(o.regionManifests[r.name] ?? [])],
          routedHosts: o.routedHosts[r.name] ?? [],
          resolve: resolveMapFor(t, r, (l) => toxi.listenOf(l)),
          podLabels: o.podLabels,
        });
        started = s;
        return s.controller.process;
      });
      const s = started!;
      regionGateways.set(r.name, s);
      for (const i of s.instances) {
        gateways.push(i);
        await launch(i.name, () => s.startInstance(i.name));
      }
    }),
  );

  ctx.log({ kind: 'step', message: 'starting the load balancers' });
  const gw = t.gateway;
  const lbs = await Promise.all(
    t.regions.map((r) =>
      startHaproxy(ctx, {
        region: r.name,
        bind: r.middleware.lb,
        gateways: r.middleware.gateways.map((g, j) => ({ name: gatewayName(r.name, j + 1), address: g.address, port: gw.port, healthPort: gw.healthPort })),
        checkInterMs: t.lb.checkInterMs,
        fall: t.lb.fall,
        rise: t.lb.rise,
      }),
    ),
  );
  lbs.forEach((lb, i) => ctx.supervisor?.watch(lbName(t.regions[i]!.name), lb.process));
  for (const r of t.regions) {
    const url = entryUrlOf(r);
    await waitFor(async () => ((await fetch(url, { headers: { host: 'region-lab.invalid' }, signal: AbortSignal.timeout(2000) })).status > 0 ? true : undefined), {
      what: `the ${r.name} entry (${url}) to answer`,
      timeoutMs: 15_000,
      signal: ctx.signal,
    });
  }

  return {
    gateways,
    async setBaseLatencies(mode) {
      const timed = links.filter((l) => l.latencyMs > 0 && (mode === 'configured' || l.role !== 'entry'));
      const figures = (l: (typeof links)[number]) => (mode === 'zero' ? latencyToxics(0, 0) : latencyToxics(l.latencyMs, l.jitterMs));
      await Promise.all(timed.flatMap((l) => figures(l).map((x) => toxi.updateToxic(l.name, x.name, x.attributes))));
      return timed.length;
    },
    controllers: Object.fromEntries([...regionGateways].map(([region, g]) => [region, g.controller.url])),
    topology: t,
    links,
    toxi,
    processes,
    manifests: [...o.manifests],
    regionManifests: o.regionManifests,
    kernel,
    expectExit: (name) => ctx.supervisor?.expectExit(name),
    async restart(name) {
      const start = starters.get(name);
      if (!start) throw new Error(`no component named ${name} to restart`);
      await launch(name, start);
    },
  };
}
