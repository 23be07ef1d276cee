// The local target (targets/target.ts) on loopback: preflight (tools installed, every
// fixed port free), bring-up with a supervisor that turns a death no fault asked for
// into a ComponentDiedError, faults through Toxiproxy and the process supervisor, and
// teardown of everything it started.
import type { Fault } from '../../chaos/fault.js';
import { CleanupStack, type CleanupFailure } from '../../core/cleanup.js';
import { ComponentDiedError } from '../../core/errors.js';
import { Supervisor } from '../../core/supervisor.js';
import { manifestsOf, type RunInputs } from '../../scenario/load-inputs.js';
import type { Target, TargetContext, TargetFacts } from '../target.js';
import { loadTools, type Tools } from '../tools.js';
import { applyLocalFault, healLocalFault, type LocalFaultEnv } from './faults.js';
import { LOCAL_DATA_PLANE } from './gateways.js';
import { assertPortsFree, fixedListeners } from './ports.js';
import { entryUrlOf, upLocal } from './provision.js';
import { sampleResources } from './resources.js';
import { readMirrorCopies } from './served-counts.js';

export interface LocalTargetProps {
  /** The compiled project (dist/), where the Node components' entry points are. */
  readonly distDir: string;
  /** @default loadTools() in check */
  readonly tools?: Tools;
}

export function localTarget(props: LocalTargetProps): Target {
  let tools = props.tools;
  let inputs: RunInputs | undefined;
  let env: LocalFaultEnv | undefined;
  let cleanup: CleanupStack | undefined;
  let supervisor: Supervisor | undefined;
  let resources: ReturnType<typeof sampleResources> | undefined;
  const live = (): LocalFaultEnv => {
    if (!env) throw new Error('the local topology is not up');
    return env;
  };

  return {
    kind: 'local',
    async check(i) {
      tools ??= loadTools();
      // before any directory or process exists: a busy port is bad input, not a run
      await assertPortsFree(await fixedListeners(i.topology));
    },
    async provision(ctx: TargetContext, i: RunInputs) {
      inputs = i;
      const log = ctx.log;
      cleanup = new CleanupStack((name, err) => log(err ? { kind: 'warn', message: `teardown of ${name} failed: ${String(err)}` } : { kind: 'stop', component: name }));
      supervisor = new Supervisor((d) => ctx.fail(new ComponentDiedError(d.component, d, d.logTail, d.logFile)));
      resources = sampleResources(ctx.pidDir);
      env = await upLocal(
        { ...ctx, cleanup, supervisor, tools: tools ?? loadTools(), distDir: props.distDir },
        {
          topology: i.topology,
          higress: i.higress,
          manifests: i.manifests,
          regionManifests: i.regionManifests,
          manifestsOf: (region) => manifestsOf(i, region),
          routedHosts: i.routedHosts,
          podLabels: i.scenario.gatewayPodLabels ?? {},
        },
      );
    },
    entryUrl(region) {
      const r = inputs?.topology.regions.find((x) => x.name === region);
      if (!r) throw new Error(`no region ${region}`);
      return entryUrlOf(r);
    },
    applyFault: (id: string, f: Fault) => applyLocalFault(live(), id, f),
    healFault: (id: string, f: Fault) => healLocalFault(live(), id, f),
    async collect(): Promise<TargetFacts> {
      const t = tools;
      return {
        versions: t ? { nacos: t.nacos.version, toxiproxy: t.toxiproxy.version, haproxy: t.haproxy.version } : {},
        dataPlane: LOCAL_DATA_PLANE,
        // before teardown stops the mirror service
        mirrorCopies: env && inputs ? await readMirrorCopies(inputs.topology, inputs.scenario.expectations) : undefined,
        resources: resources?.stop(),
      };
    },
    async teardown(): Promise<CleanupFailure[]> {
      supervisor?.close();
      resources?.stop();
      return (await cleanup?.runAll()) ?? [];
    },
  };
}
