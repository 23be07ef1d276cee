// The local target (targets/target.ts) on loopback: preflight (tools installed, the
// data plane chosen, every fixed port free), bring-up with a supervisor that turns a
// death no fault asked for into a ComponentDiedError, faults through Toxiproxy and the
// process supervisor, Envoy's own counters and events, and teardown of everything it started.
import type { Fault } from '../../chaos/fault.js';
import { CleanupStack, type CleanupFailure } from '../../core/cleanup.js';
import { ComponentDiedError } from '../../core/errors.js';
import { Supervisor } from '../../core/supervisor.js';
import { manifestsOf, type RunInputs } from '../../scenario/load-inputs.js';
import type { Target, TargetContext, TargetFacts } from '../target.js';
import { loadTools, type Tools } from '../tools.js';
import { applyLocalFault, healLocalFault, type LocalFaultEnv } from './faults.js';
import type { DataPlaneChoice } from '../../topology/schema.js';
import { readDataPlaneCounters, resolveDataPlane, versionNotes, writeDataPlaneEvents, type ResolvedDataPlane } from './data-plane.js';
import { assertPortsFree, fixedListeners } from './ports.js';
import { entryUrlOf, upLocal, type LocalTopology } from './provision.js';
import { sampleResources } from './resources.js';
import { copiesSince, readMirrorCopies } from './served-counts.js';
import { isBlackHole } from '../../chaos/fault.js';
import { releaseAll } from '../../core/process.js';
import { topologyAddresses } from './kept.js';

export interface LocalTargetProps {
  /** The compiled project (dist/), where the Node components' entry points are. */
  readonly distDir: string;
  /** @default loadTools() in check */
  readonly tools?: Tools;
  /** Overrides the topology's dataPlane (--data-plane). @default the topology's: auto, Envoy where installed */
  readonly dataPlane?: DataPlaneChoice;
}

export function localTarget(props: LocalTargetProps): Target {
  let tools = props.tools;
  let inputs: RunInputs | undefined;
  let env: LocalTopology | undefined;
  let dataPlane: ResolvedDataPlane | undefined;
  let higress = '';
  let logDir = '';
  let mirrorBaseline: Record<string, number | undefined> = {};
  let counters: Awaited<ReturnType<typeof readDataPlaneCounters>> = {};
  let cleanup: CleanupStack | undefined;
  let supervisor: Supervisor | undefined;
  let resources: ReturnType<typeof sampleResources> | undefined;
  const live = (): LocalTopology => {
    if (!env) throw new Error('the local topology is not up');
    return env;
  };

  return {
    kind: 'local',
    async check(i) {
      tools ??= loadTools();
      // said at the start, before anything runs: the verdict is "on Higress X, data plane Y"
      dataPlane = resolveDataPlane(props.dataPlane ?? i.topology.dataPlane, tools);
      // before any directory or process exists: a busy port is bad input, not a run
      await assertPortsFree(await fixedListeners(i.topology));
    },
    async provision(ctx: TargetContext, i: RunInputs) {
      inputs = i;
      higress = i.higress;
      logDir = ctx.logDir;
      const log = ctx.log;
      dataPlane ??= resolveDataPlane(props.dataPlane ?? i.topology.dataPlane, tools ?? loadTools());
      log(dataPlane.name === 'model' && dataPlane.fellBack ? { kind: 'warn', message: dataPlane.fellBack } : { kind: 'info', message: `data plane: ${dataPlane.label}` });
      cleanup = new CleanupStack((name, err) => log(err ? { kind: 'warn', message: `teardown of ${name} failed: ${String(err)}` } : { kind: 'stop', component: name }));
      supervisor = new Supervisor((d) => ctx.fail(new ComponentDiedError(d.component, d, d.logTail, d.logFile)));
      resources = sampleResources(ctx.pidDir);
      env = await upLocal(
        { ...ctx, cleanup, supervisor, tools: tools ?? loadTools(), distDir: props.distDir },
        {
          topology: i.topology,
          higress: i.higress,
          dataPlane: dataPlane.name,
          manifests: i.manifests,
          regionManifests: i.regionManifests,
          routedHosts: i.routedHosts,
          podLabels: i.scenario.gatewayPodLabels ?? {},
          blackHoles: i.scenario.timeline.some((e) => isBlackHole(e.fault)),
        },
      );
    },
    entryUrl(region) {
      const r = inputs?.topology.regions.find((x) => x.name === region);
      if (!r) throw new Error(`no region ${region}`);
      return entryUrlOf(r);
    },
    setBaseLatencies: (mode) => live().setBaseLatencies(mode),
    applyFault: (id: string, f: Fault) => applyLocalFault(live(), id, f),
    healFault: (id: string, f: Fault) => healLocalFault(live(), id, f),
    async beforeLoad() {
      if (inputs) mirrorBaseline = await readMirrorCopies(inputs.topology, inputs.scenario.expectations);
    },
    async collect(): Promise<TargetFacts> {
      const t = tools;
      // Envoy's /stats, before teardown stops the data planes
      if (env && dataPlane) counters = await readDataPlaneCounters(env, dataPlane.name);
      const notes = dataPlane ? versionNotes(higress, dataPlane) : [];
      return {
        versions: t ? { nacos: t.nacos.version, toxiproxy: t.toxiproxy.version, haproxy: t.haproxy.version, ...(dataPlane?.name === 'envoy' && t.envoy ? { envoy: t.envoy.version } : {}) } : {},
        ...(dataPlane ? { dataPlane: dataPlane.label } : {}),
        ...(Object.keys(counters).length > 0 ? { dataPlaneCounters: counters } : {}),
        ...(notes.length > 0 ? { notes } : {}),
        // before teardown stops the mirror service
        mirrorCopies: env && inputs ? copiesSince(await readMirrorCopies(inputs.topology, inputs.scenario.expectations), mirrorBaseline) : undefined,
        resources: resources?.stop(),
      };
    },
    async keep(): Promise<string[]> {
      supervisor?.close();
      resources?.stop();
      const n = releaseAll();
      const t = live().topology;
      return [`kept ${t.name} up (${n} processes; logs keep going to ${logDir}; data plane ${dataPlane?.label ?? '?'}):`, ...topologyAddresses(t, dataPlane?.label ?? '?').map((l) => `  ${l}`)];
    },
    async teardown(): Promise<CleanupFailure[]> {
      supervisor?.close();
      resources?.stop();
      const failures = (await cleanup?.runAll()) ?? [];
      // once Envoy has stopped and flushed: its access log and event files become the gateways' events
      if (env && dataPlane) writeDataPlaneEvents(env, dataPlane.name);
      return failures;
    },
  };
}
