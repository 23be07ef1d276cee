// The kind target (targets/target.ts): the plan built and the machine checked before
// anything exists (exit 2), bring-up by the executor, the timeline's faults as the plan
// spells them (what --dry-run prints is what runs), the clusters and each region's
// gateway (its Envoy admin, through a port-forward) watched for the report's event
// lanes, and teardown that deletes every cluster it created — or,
// with --keep and a run that went well, heals what is still applied and leaves them.
import type { Fault } from '../../chaos/fault.js';
import { CleanupStack, type CleanupFailure } from '../../core/cleanup.js';
import type { Logger } from '../../core/log.js';
import type { RunInputs } from '../../scenario/load-inputs.js';
import { bizCluster, mwCluster } from '../../topology/names.js';
import type { Target, TargetContext, TargetFacts } from '../target.js';
import { buildKindPlan } from './build-plan.js';
import { createToolRunner, type ToolRunner } from './exec.js';
import { KindExecutor, type HttpCaller } from './execute.js';
import type { KubeAccessProps } from './kube.js';
import { watchClusters, type StartedWatches } from './kube-watch.js';
import { watchGatewayEndpoints } from './gateway-view.js';
import { BUSINESS_NAMESPACE, HIGRESS_CHART, MIDDLEWARE_NAMESPACE } from './names.js';
import type { KindPlan } from './plan.js';
import { limitsFromEnv, preflight, type PreflightLimits } from './preflight.js';

export interface KindTargetProps extends KubeAccessProps {
  /** region-lab's version: tags the business image. */
  readonly version: string;
  readonly log: Logger;
  /** Leave the clusters up after a run that went well. @default false */
  readonly keep?: boolean;
  /** @default kind, kubectl, helm, docker from PATH */
  readonly run?: ToolRunner;
  readonly http?: HttpCaller;
  /** @default limitsFromEnv() */
  readonly limits?: Partial<PreflightLimits>;
  readonly procRoot?: string;
  readonly cpus?: () => number;
  /** Project root (clusters/, docker/). @default process.cwd() */
  readonly root?: string;
}

export function kindTarget(p: KindTargetProps): Target {
  const run = p.run ?? createToolRunner();
  let plan: KindPlan | undefined;
  let exec: KindExecutor | undefined;
  let cleanup: CleanupStack | undefined;
  let watches: StartedWatches | undefined;
  let gateways: { stop(): void } | undefined;
  let stoppedEarly: () => boolean = () => false;
  /** Faults applied and not healed yet, by id. */
  const active = new Set<string>();
  const planned = (): KindPlan => {
    if (!plan) throw new Error('the kind plan is not built yet (check first)');
    return plan;
  };
  const act = async (id: string, action: 'apply' | 'heal'): Promise<string> => {
    const f = planned().faults[id];
    if (!f) throw new Error(`the plan has no fault ${id}`);
    if (!exec) throw new Error('the kind clusters are not up');
    await exec.actions(f[action]);
    if (action === 'apply') active.add(id);
    else active.delete(id);
    return action === 'apply' ? f.description : `${f.description} healed`;
  };

  return {
    kind: 'kind',
    async check(inputs: RunInputs) {
      plan = buildKindPlan({ inputs, version: p.version, keep: p.keep ?? false, ...(p.root ? { root: p.root } : {}) });
      await preflight({ run, ports: plan.hostPorts, limits: { ...limitsFromEnv(), ...p.limits }, ...(p.procRoot ? { procRoot: p.procRoot } : {}), ...(p.cpus ? { cpus: p.cpus } : {}) });
    },
    async provision(ctx: TargetContext, inputs: RunInputs) {
      const log = ctx.log;
      stoppedEarly = () => ctx.signal.aborted;
      cleanup = new CleanupStack((name, err) => log(err ? { kind: 'warn', message: `teardown of ${name} failed: ${String(err)}` } : { kind: 'stop', component: name }));
      exec = new KindExecutor({
        run,
        log,
        cleanup,
        keep: p.keep ?? false,
        signal: ctx.signal,
        clock: ctx.clock,
        runId: ctx.runId,
        kube: { kubeconfig: p.kubeconfig },
        ...(p.http ? { http: p.http } : {}),
      });
      await exec.up(planned());
      const regions = inputs.topology.regions.map((r) => r.name);
      watches = watchClusters(
        [
          ...regions.map((r) => ({ cluster: mwCluster(r), namespace: MIDDLEWARE_NAMESPACE, endpoints: true })),
          ...regions.map((r) => ({ cluster: bizCluster(r), namespace: BUSINESS_NAMESPACE, endpoints: false })),
        ],
        { logDir: ctx.logDir, clock: ctx.clock, kubeconfig: p.kubeconfig },
      );
      gateways = watchGatewayEndpoints(
        regions.map((r) => ({ region: r, cluster: mwCluster(r) })),
        { logDir: ctx.logDir, clock: ctx.clock, kubeconfig: p.kubeconfig },
      );
    },
    entryUrl(region) {
      const url = planned().entryUrls[region];
      if (!url) throw new Error(`no region ${region} in the kind plan`);
      return url;
    },
    applyFault: (id: string, _f: Fault) => act(id, 'apply'),
    healFault: (id: string, _f: Fault) => act(id, 'heal'),
    async collect(): Promise<TargetFacts> {
      watches?.stop();
      gateways?.stop();
      const chart = HIGRESS_CHART[planned().higress];
      return { versions: { 'higress chart': chart }, dataPlane: `Envoy in the higress-gateway pods (chart ${chart})` };
    },
    async teardown(): Promise<CleanupFailure[]> {
      watches?.stop();
      gateways?.stop();
      if (p.keep && !stoppedEarly() && exec) {
        // the clusters stay: leave them without the faults still applied
        for (const id of [...active]) await act(id, 'heal').catch((e: unknown) => p.log({ kind: 'warn', message: `could not heal ${id}: ${String(e)}` }));
        p.log({ kind: 'info', message: `kept ${planned().clusters.join(', ')}: \`region-lab down --target kind\` removes them` });
        return [];
      }
      return (await cleanup?.runAll()) ?? [];
    },
  };
}
