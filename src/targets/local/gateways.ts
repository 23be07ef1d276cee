// A region's Higress on the local target, as it runs in a middleware cluster: one
// controller process (translation + discovery, writing each gateway instance's xDS
// files) and one data plane per gateway instance — real Envoy, or the model reading
// the same bootstrap and files. Every process is on the run's cleanup stack the
// moment it starts; data planes can be killed and restarted by faults on their own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StartedProcess } from '../../core/process.js';
import { envoyBootstrap, type EnvoyBootstrapProps } from '../../gateway/data-plane/envoy/bootstrap.js';
import { envoyInstanceFiles, type EnvoyInstanceFiles } from '../../gateway/data-plane/envoy/instance-files.js';
import { startEnvoy } from '../../gateway/data-plane/envoy/start-envoy.js';
import { confirmCurrentFiles } from '../../gateway/data-plane/envoy/confirm-files.js';
import { GATEWAY_NODE_FLAGS } from '../../gateway/data-plane/model/node-flags.js';
import type { ControllerConfigInput, DataPlaneName } from '../../gateway/controller/config.js';
import { controllerName, gatewayName } from '../../topology/names.js';
import { fillRegionPlaceholders, type RegionSpec, type Topology } from '../../topology/schema.js';
import { getJson, startNodeComponent } from './node-component.js';
import type { LocalContext } from './run-context.js';

export interface RegionGatewaysOptions {
  readonly topology: Topology;
  readonly region: RegionSpec;
  readonly higress: '2.1' | '2.2';
  readonly dataPlane: DataPlaneName;
  /** Absolute paths of the manifests this region's Higress loads (McpBridge first). */
  readonly manifests: readonly string[];
  /** Service hosts this region's routes send to: the controller is ready once each has endpoints. */
  readonly routedHosts: readonly string[];
  /** What the controller dials for a registry name or an endpoint address. */
  readonly resolve: Readonly<Record<string, string>>;
  /** Gateway pod labels ("{region}" filled in). */
  readonly podLabels?: Readonly<Record<string, string>> | undefined;
}

export interface GatewayInstance {
  readonly name: string;
  readonly address: string;
  readonly files: EnvoyInstanceFiles;
  /** The model's event file, or the file Envoy's own events are turned into at the end. */
  readonly eventsFile: string;
  /** The registered address behind an address the gateway dials (a link's listener). */
  readonly registered: (dialled: string) => string;
  /** The data plane's admin (Envoy's, or the model's look-alike). */
  readonly admin: { readonly address: string; readonly port: number };
}

export interface StartedRegionGateways {
  readonly controller: { readonly name: string; readonly url: string; readonly eventsFile: string; readonly process: StartedProcess };
  readonly instances: readonly GatewayInstance[];
  /** Starts (or restarts) one instance's data plane; resolves when it is ready. */
  startInstance(name: string): Promise<StartedProcess>;
}

function bootstrapProps(ctx: LocalContext, o: RegionGatewaysOptions, g: { name: string; address: string; files: EnvoyInstanceFiles }): EnvoyBootstrapProps {
  const gw = o.topology.gateway;
  return {
    name: g.name,
    cluster: `gw-${o.region.name}`,
    locality: { region: o.region.name },
    labels: { ...(o.podLabels ?? {}) },
    runId: ctx.runId,
    address: g.address,
    adminPort: gw.adminPort,
    healthPort: gw.healthPort,
    xdsDir: g.files.xdsDir,
    outlierEventLog: g.files.outlierEvents,
  };
}

export async function startRegionGateways(ctx: LocalContext, o: RegionGatewaysOptions): Promise<StartedRegionGateways> {
  const r = o.region;
  const gw = o.topology.gateway;
  const byDial = new Map(Object.entries(o.resolve).map(([registered, dial]) => [dial, registered]));
  const registered = (dialled: string) => byDial.get(dialled) ?? dialled;
  const instances: GatewayInstance[] = r.middleware.gateways.map((g, j) => {
    const name = gatewayName(r.name, j + 1);
    return { name, address: g.address, files: envoyInstanceFiles(ctx, name), eventsFile: join(ctx.logDir, `${name}.events.jsonl`), registered, admin: { address: g.address, port: gw.adminPort } };
  });
  const podLabels = Object.fromEntries(Object.entries(o.podLabels ?? {}).map(([k, v]) => [k, fillRegionPlaceholders(v, r)]));
  const props = new Map(instances.map((i) => [i.name, bootstrapProps(ctx, { ...o, podLabels }, i)]));
  for (const i of instances) {
    mkdirSync(dirname(i.files.bootstrap), { recursive: true });
    writeFileSync(i.files.bootstrap, JSON.stringify(envoyBootstrap(props.get(i.name)!), null, 2));
  }

  const name = controllerName(r.name);
  const eventsFile = join(ctx.logDir, `${name}.events.jsonl`);
  const url = `http://${r.middleware.lb.address}:${gw.controllerPort}`;
  const config: ControllerConfigInput = {
    region: r.name,
    higress: o.higress,
    manifests: [...o.manifests],
    resolve: { ...o.resolve },
    pushPollMs: gw.pushPollMs,
    discovery: { protocol: gw.discoveryProtocol },
    services: r.middleware.services,
    eventsFile,
    admin: { host: r.middleware.lb.address, port: gw.controllerPort },
    gateways: instances.map((i) => ({
      name: i.name,
      dataPlane: o.dataPlane,
      xdsDir: i.files.xdsDir,
      listen: { host: i.address, port: gw.port },
      podLabels,
      locality: r.name,
      ...(o.dataPlane === 'envoy'
        ? { envoy: { admin: { host: i.address, port: gw.adminPort }, logFile: i.files.log, accessLog: i.files.accessLog, healthCheckEvents: i.files.healthCheckEvents } }
        : {}),
    })),
  };
  ctx.log({ kind: 'step', message: `starting ${name} (Higress ${o.higress} translation and discovery for ${instances.length} gateways)` });
  const process = await startNodeComponent(ctx, {
    name,
    entry: 'gateway/controller/main.js',
    config,
    readyWhat: `${name} to have discovered endpoints for ${o.routedHosts.join(', ') || 'its routes'} and written the gateways' config`,
    readyTimeoutMs: 45_000,
    ready: async () => {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.status !== 200) return undefined;
      const eps = (await getJson(`${url}/endpoints`)) as Record<string, string[]>;
      return o.routedHosts.every((h) => (eps[h]?.length ?? 0) > 0) ? true : undefined;
    },
  });

  const startInstance = async (instance: string): Promise<StartedProcess> => {
    const i = instances.find((x) => x.name === instance);
    if (!i) throw new Error(`no gateway instance named ${instance} in ${r.name}`);
    if (o.dataPlane === 'envoy') {
      const envoy = ctx.tools.envoy;
      if (!envoy) throw new Error('the Envoy data plane was chosen but tools.json has no envoy');
      const since = Date.now();
      const started = await startEnvoy(ctx, { binary: envoy.path, bootstrap: props.get(i.name)! });
      // the controller wrote these while Envoy was down: a rejection shows here, with Envoy's reason
      await confirmCurrentFiles(started.check, i.files.xdsDir, since);
      return started.process;
    }
    return startNodeComponent(ctx, {
      name: i.name,
      entry: 'gateway/data-plane/model/main.js',
      nodeFlags: GATEWAY_NODE_FLAGS,
      config: { name: i.name, higress: o.higress, bootstrap: i.files.bootstrap, eventsFile: i.eventsFile },
      readyWhat: `${i.name} to serve the config ${name} wrote`,
      readyTimeoutMs: 20_000,
      ready: async () => ((await fetch(`http://${i.address}:${gw.healthPort}/healthz/ready`, { signal: AbortSignal.timeout(1000) })).status === 200 ? true : undefined),
    });
  };
  return { controller: { name, url, eventsFile, process }, instances, startInstance };
}
